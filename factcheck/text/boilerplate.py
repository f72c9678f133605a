"""Recognise page furniture that is not a claim: promos, calls to subscribe, captions, bylines."""

import re
from typing import Final

from factcheck.text.attribution import UPPER
from factcheck.text.calls_to_action import (
    CALL_TO_ACTION,
    REPORTED,
    call_to_action_start,
    is_call_to_action,
)

# Patterns are anchored to the whole unit, or to its start or end, and most need a separator
# such as ":" or "|", so that ordinary news sentences ("Read more than 300 pages", "The photo was
# taken in 2019.") never match. Start-anchored ones run with match(), which fails fast; the few
# that can match anywhere run on the lower-cased text and only after a cheap substring test.

CAPTION: Final = "Photo caption or credit"
CROSS_PROMOTION: Final = "Cross-promotion line"
BYLINE: Final = "Byline or reporting credit"
CONTACT: Final = "Contact address or link"

_CROSS_PROMO: Final = re.compile(
    r"\W{0,3}(?P<marker>also read|read also|also see|see also|must read|don'?t miss"
    # German, French and Spanish: "LESEN SIE AUCH |", "À lire aussi :", "Lea también:"
    r"|lesen sie auch|mehr zum thema|(?:à |a )?lire aussi|voir aussi|le[ae]r? también"
    r"|(?:read|more|watch|listen)(?: more)?(?: on this| on this story| about this)?"
    r"|related(?: stories| articles| coverage| news| content)?"
    r"|recommended(?: reading| stories| for you)?|more from [\w .'’-]{1,30}"
    r"|(?:top|more|latest|trending) (?:stories|news|videos|headlines)"
    # "Most read in world news", "Most popular", "Editor's picks": a heading on its own line,
    # never one opening a sentence ("Most popular in Italy: Meloni's party polled 29%").
    r"|(?:most (?:read|popular|viewed|shared|watched|commented)(?: (?:in|on|from) [\w .'’&-]{1,30})?"
    r"|editors?['’]?s? (?:picks?|choice))(?=\W*$))"
    r"\s*(?:[:|»›>]|[-–—]\s|$)",
    re.IGNORECASE,
)
# A one-word label before a reported sentence is a label on the claim, not a promo or a credit:
# "Watch: police used tear gas on 300 protesters, witnesses said."
_LABEL_WORDS: Final = frozenset(("read", "more", "watch", "listen", "related"))
# Ended as a sentence is, with its full stop: a promo's headline has none ("Related: UK
# inflation falls to 3.2%, ONS says").
_REPORTED_END: Final = re.compile(
    r"(?:(?:,|\bas)\s+[^,.!?;:]{1,60}?\b(?:said|says|told [^,.!?;:]{1,40}|reported)"
    r"|\baccording to [^,.!?;:]{1,60})[.!][\"'”’)]*\s*$"
)
_CREDIT_LABEL: Final = re.compile(r"\W{0,3}credits?\s*:")
# Written in capitals these markers are promos even without a separator ("ALSO READ Modi ...").
_CROSS_PROMO_CAPITALS: Final = re.compile(
    r"\W{0,3}(?P<marker>ALSO READ|READ ALSO|READ MORE|ALSO SEE)\b"
)

_AGENCIES: Final = (
    r"(?:getty images|afp|ap|ap photo|afp photo|reuters|epa|epa-efe|shutterstock|alamy"
    r"|anadolu(?: agency)?|sopa images|pti|ani|ians|xinhua|bloomberg|nurphoto|zuma press)"
)
_CAPTION_START: Final = re.compile(
    # "Photo: Reuters", "Image credit: ...", "Pic | ...", "Photograph - ..."
    r"\W{0,3}(?:photos?|photographs?|pictures?|pics?|images?|videos?|graphics?|illustrations?"
    r"|fotos?|bild(?:er)?"
    r"|file (?:photo|image|picture))(?:\s+(?:credits?|courtesy|source|captions?))?"
    r"\s*(?:[:|/]|[-–—]\s)"
    r"|\W{0,3}(?:credits?|courtesy|photo courtesy|image courtesy|captions?)\s*:"
    # "File photo", "Representative image" on its own
    r"|\W{0,3}(?:file (?:photo|image|picture)|representative image|representational image"
    r"|representational photo|photo for representation)\b\W*$"
    rf"|\(?{_AGENCIES}(?:\s+(?:photos?|pictures?|images?|videos?|file(?: photo)?))?\)?$"
)
# "Image copyright Getty Images", "Media caption The minister said": the label, then the caption
# or credit from its capital (not "Image copyright law was reformed"), on the unit's own case.
_LABEL_CAPTION: Final = re.compile(
    r"\W{0,3}(?i:image|photo|picture|media|video) (?i:copyright|caption|source)\s+[A-Z]"
)
_CAPTION_END: Final = re.compile(
    # "... (Photo by Jane Doe / Getty Images)", "(File photo)"
    r"\((?:photos?|pictures?|images?|pics?|videos?)(?:\s+by|\s+credits?|\s+courtesy|\s*:)[^()]*\)"
    r"\W*$"
    r"|\((?:file|file photo|file image|representational image|representative image)\)\W*$"
    # "... | X/@handle", "... | Photo: PTI", "... | Reuters"
    r"|\|\s*(?:(?:x|twitter|instagram|facebook|threads)\s*/\s*)?@[\w.]+\W*$"
    r"|\|\s*(?:photos?|pictures?|images?|pics?|file|credits?)\b[^|]{0,80}$"
    rf"|\|\s*{_AGENCIES}\W*$"
    # "... Jane Doe / Getty Images", "(Jane Doe/AFP via Getty Images)"
    rf"|/\s*{_AGENCIES}(?:\s+via\s+getty images)?\W*$"
)

# An agency's credit with the photographer's name: "(AP Photo/Jane Doe)", "REUTERS/Jane Doe/File
# Photo", "(Xinhua/Li Ming)". The name is one to four capitalised words; a pollster's name after
# the bar is a poll ("Reuters/Ipsos Poll"), not a credit.
_CAPITALISED: Final = r"[^\W\d_a-z][\w'’.-]*"  # a letter other than a to z first
_CREDIT_NAME: Final = (
    rf"{_CAPITALISED}(?:\s+(?:{_CAPITALISED}|de|van|von|da|al|bin|el|la|le|del|dos)){{0,3}}"
)
_AGENCY_CREDIT: Final = (
    rf"\b(?i:{_AGENCIES})(?:\s+(?i:photos?|pictures?|images?|video|pool))?\s*/\s*"
    rf"(?![^()]*\b(?i:polls?|surveys?)\b){_CREDIT_NAME}"
    r"(?:\s*[,/]\s*(?i:file(?:\s+(?:photo|image|picture))?|pool|handout))?\s*\)?\W*$"
)
# The credit on its own, or after a caption: in brackets, after a bar or dash or a sentence's end.
_AGENCY_CREDIT_UNIT: Final = re.compile(rf"\W{{0,3}}{_AGENCY_CREDIT}")
_AGENCY_CREDIT_END: Final = re.compile(rf"(?:\(|[|–—]|\s-|(?<=[.!?”\"]\s))\s*{_AGENCY_CREDIT}")

# Words that say when, not who, right after "By": "By Noon Friday", "By Mid-March, 2020" are a
# sentence's start, and so is a day of an event or a holiday ("By Election Day, Nov. 5", "By
# Easter Sunday 31 March 2024"). Later in the names they are surnames ("By Elizabeth Day", "By
# Joe Friday"). A month or a day of the week opens a name only before another name ("By April
# Smith", "By Sunday Aborisade"), never alone or before a date ("By March, 2020", "By Friday,
# March 13", "By Monday March 3").
_WHEN_WORD: Final = (
    r"(?i:noon|midnight|today|tonight|tomorrow|yesterday|day|mid-[a-z]+"
    r"|(?:election|polling|voting|inauguration|independence|labou?r|memorial|christmas|boxing"
    r"|thanksgiving|veterans|armistice|remembrance|valentine's|easter)\s+day"
    # Holidays and days named after their weekday ("By Easter Sunday 31 March 2024").
    r"|(?:easter|palm)\s+(?:sunday|monday)|good\s+friday|(?:holy|maundy)\s+thursday"
    r"|holy\s+saturday|ash\s+wednesday|shrove\s+tuesday|super\s+tuesday|black\s+friday"
    r"|cyber\s+monday|christmas\s+eve|new\s+year['’]s\s+(?:eve|day))\b"
)
_MONTH_OR_WEEKDAY: Final = (
    r"(?i:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
)
_MONTH_ALONE: Final = rf"{_MONTH_OR_WEEKDAY}(?!\s+(?!{_MONTH_OR_WEEKDAY})[A-Z])"
_NAME: Final = rf"(?:{UPPER}[\w'’.-]*|de|van|von|da|al|bin|el|la|le|del|dos)"
_PERSON: Final = rf"{_NAME}(?:\s+{_NAME}){{0,4}}"
_BYLINE: Final = re.compile(
    rf"\W{{0,3}}(?:[Bb][Yy]|[Ww]ritten by|[Ee]dited by|[Ww]ords by):?\s+"
    rf"(?!{_WHEN_WORD})(?!{_MONTH_ALONE}){_PERSON}"
    rf"(?:\s*(?:,|&|\band\b)\s*{_PERSON})*"
    r"(?:\s*[,|/–—-]\s*[A-Z][\w&.'’ -]{0,40})?(?:\s+in\s+[A-Z][\w .'’-]{0,30})?\s*$"
    r"|\W{0,3}(?i:additional )?(?i:reporting|writing|editing)\s+by\s+[A-Z][^!?]{0,200}$"
    r"|\W{0,3}(?i:contributing(?: writers?| reporters?| editors?)?)\s*:"
)
# A byline as German, Spanish and Portuguese, French, Dutch and Italian write it: "Von Anna
# Müller", "Por María García, Ciudad de México", "di Mario Rossi". Stricter than "By": these words
# open headlines too ("Por la Paz", "Von Scholz", Indonesian "Di Era Jokowi, ..."), so a first
# and a last name at least, each a capital and small letters, no figure, and after a comma only
# a place or outlet of up to three words; Italian's "di" only in its small letter.
_CAPITAL: Final = "A-ZÀ-ÖØ-Þ"
_SMALL: Final = "a-zß-öø-ÿ"
# "Müller", "Anna-Lena", "O'Brien", "Jean-Pierre".
_GIVEN_NAME: Final = (
    rf"[{_CAPITAL}](?:[{_SMALL}]+|['’](?=[{_CAPITAL}]))(?:[-'’]?[{_CAPITAL}][{_SMALL}]+)*"
)
_FULL_NAME: Final = (
    rf"{_GIVEN_NAME}(?:\s+(?:(?:de|da|del|dos|van|von|der|den|ter|la|le)\s+)?{_GIVEN_NAME}){{1,3}}"
)
_OTHER_NAMES: Final = (
    rf"\s+{_FULL_NAME}"
    rf"(?:\s*(?:,|&|\b(?:und|y|e|et|en)\b)\s*{_FULL_NAME})*"
    # A place or an outlet after it, its words capitalised ("Ciudad de México"), not a
    # headline's clause ("Por Semana Santa, Sevilla cierra calles").
    rf"(?:\s*[,|–—]\s*(?:[{_CAPITAL}][^\W\d_]*(?:\s+(?:de|del|da|di|la|le|[{_CAPITAL}][^\W\d_]*)){{0,3}}"
    r"|dpa|afp|ap|epd|kna|efe|ansa|apa|sda|anp|belga))?"
    r"\s*$"
)
_OTHER_BYLINE: Final = re.compile(rf"\W{{0,3}}(?:Von|Por|Par|Door|di){_OTHER_NAMES}")
# Before the word saying when it was published or updated ("Di Marco Rossi Pubblicato il 3 marzo
# 2024"), Italian's "Di" with its capital too: no headline goes on so.
_OTHER_BYLINE_BEFORE_STAMP: Final = re.compile(
    rf"\W{{0,3}}(?:Von|Por|Par|Door|[Dd]i){_OTHER_NAMES}"
)
# "Associated Press writers Jane Doe and Li Wei contributed to this report.", "Jane Doe
# contributed reporting from Kyiv." (without a figure: "12 agencies contributed to this report").
_CONTRIBUTORS: Final = re.compile(
    r"\bcontribut(?:ed|ing)\s+(?:(?:additional\s+)?reporting|to\s+this\s+(?:report|story|article"
    r"|piece))(?:\s+(?:from|in)\s+[^.!?,;]{1,60})?\W*$"
)
# "SOURCE: News agencies", "Source: Bureau of Labor Statistics": names, not a sentence.
_SOURCE_WORD: Final = (
    r"(?:[^\W\d_a-z][\w&.'’-]*|and|of|the|for|news|agencies|agency|wires?|reports?|data|staff"
    r"|de|da|do|das|dos|del|la|las|los|e|y|et|des|du|der|die|für|dpa|afp|ap|epd|kna|sid"
    r"|\([^()]{1,40}\))"
)
# Names only, in English, German, Spanish, Portuguese or French; up to three of them, or more
# where an institution is named ("Bureau", "Department", "agencies"): a longer run of capitals
# is a headline ("Sources: Trump Fires FBI Director").
_SOURCE_INSTITUTION: Final = (
    r"(?i:bureau|department|ministry|office|agency|agencies|institute|statistics|survey|bank|banco"
    r"|fund|university|census|commission|council|organi[sz]ation|authority|service|centres?"
    r"|centers?|administration|amt|bundesamt|ministerium|instituto|ministerio|ministère|ministério"
    r"|reuters|associated press|afp|bloomberg|estadística|estatística|statistik)"
)
_SOURCE_SEPARATOR: Final = r"(?:\s*[,/&]\s*|\s+)"
_SOURCE_CREDIT: Final = re.compile(
    r"\W{0,3}(?i:sources?|quelle|quellen|fuente|fuentes|fonte|fontes)\s*[:：]\s*"
    rf"(?:(?=.*\b{_SOURCE_INSTITUTION}\b){_SOURCE_WORD}(?:{_SOURCE_SEPARATOR}{_SOURCE_WORD}){{0,11}}"
    rf"|{_SOURCE_WORD}(?:{_SOURCE_SEPARATOR}{_SOURCE_WORD}){{0,2}})"
    r"\.?\s*$"
)
# A note that wire copy went into the story: "(With inputs from agencies)", "With PTI inputs".
_WIRE: Final = (
    r"(?:the\s+)?(?:agency|agencies|news agencies|wires?|wire services|(?:our\s+)?bureaus?"
    rf"|correspondents?|{_AGENCIES})"
)
_INPUTS: Final = (
    rf"(?:with\s+)?(?:(?:additional\s+)?inputs?\s+from\s+{_WIRE}(?:\s*(?:,|&|/|and)\s*{_WIRE})*"
    rf"|{_WIRE}\s+inputs?)"
)
_INPUTS_NOTE: Final = re.compile(rf"\W{{0,3}}{_INPUTS}\W*$")
_INPUTS_NOTE_END: Final = re.compile(rf"\(\s*{_INPUTS}\s*\)\W*$")

_MONTH: Final = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY: Final = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
_DATELINE: Final = re.compile(
    r"[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?"
    rf"(?P<date>,?\s+(?i:{_MONTH})\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
    r"\s*(?P<agency>\([A-Za-z.& ]{1,40}\))?\s*(?P<dash>[-–—:]+)?\s*$"
)
_TIMESTAMP: Final = re.compile(
    r"\W{0,3}(?:(?:first |last )?(?:published|updated|posted|modified)(?:\s+(?:on|at))?"
    r"\s*[:–—-]?\s*)?"
    # "Jan 5, 2024 at 10:00 AM": "at" between the parts of the stamp. Each part is an atomic
    # group, read once: "2016 2017 … residents" or "sept sept … x" could otherwise be cut into
    # parts in exponentially many ways before the line is found not to be a stamp.
    r"(?:(?>\d+\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago"
    rf"|\d{{1,4}}(?:st|nd|rd|th)?|{_MONTH}|{_WEEKDAY}|[ap]\.?m\.?|at|ist|gmt|utc|bst|cest|cet"
    r"|[ecmp][sd]?t)[\s,./|:-]*)+$"
)
# What starts a stamp after a bar: "New Delhi | Updated: 19 November 2019, 09:01 AM".
_STAMP_WORDS: Final = ("published", "updated", "posted", "modified", "first ", "last ")
# A time stamp names a month or weekday, says "ago", or has a year or a d/m or h:m number.
_TIMESTAMP_NEEDS: Final = re.compile(rf"\b{_MONTH}|\b{_WEEKDAY}|\bago\b|\d[-/.:]\d|\d{{4}}")
# A date written in figures after a label: a word for published or updated in one of many
# languages ("기사입력 :[ 2018-08-25 15:24 ]", "Aktualisiert: 12.03.2024, 14:05", "Publié le
# 12/03/2024 à 14h05", "입력 2024.03.12. 오후 3:24"), or up to three words and a colon. Not a
# headline ending in a date ("Mindestlohn steigt am 01.01.2025").
_STAMP_LABEL: Final = (
    r"(?:기사\s*입력|입력|수정|최종\s*수정|업데이트|aktualisiert|veröffentlicht|zuletzt aktualisiert"
    r"|stand|publié|mis à jour|modifié|publicado|actualizado|atualizado|pubblicato|aggiornato"
    r"|gepubliceerd|bijgewerkt|opublikowano|zaktualizowano|опубликовано|обновлено|diterbitkan"
    r"|diperbarui|yayınlanma|güncelleme|发布时间|发布|更新时间|更新|公開日|更新日|掲載日)"
)
_DATE_IN_FIGURES: Final = (
    r"[\[(]?\s*(?:\d{4}[-./]\s?\d{1,2}[-./]\s?\d{1,2}\.?|\d{1,2}[-./]\d{1,2}[-./]\d{4})"
    r"(?:(?:[\s,T]+|\s+[-–|]\s+)(?:um|à|a las|às|at|alle|om|в)?\s*(?:오전|오후|午前|午後)?\s*"
    r"\d{1,2}(?:[:h시時]\d{2}){1,2}(?:\s*(?:[ap]\.?m\.?|uhr|h|분|分))?(?:\s+[A-Z]{2,4})?)?"
    r"\s*[\])]?\W*$"
)
_LABELLED_DATE: Final = re.compile(
    rf"\W{{0,3}}(?:{_STAMP_LABEL}(?:\s+(?:am|on|le|el|em|il|op|в|на))?\s*[:：]?"
    rf"|[^\W\d_]+(?:[ -][^\W\d_]+){{0,2}}\s*[:：])\s*{_DATE_IN_FIGURES}",
    re.IGNORECASE,
)
# How long the page takes to read or hear: "Reading time: 3 minutes", "4 min read", "Listen
# to this article, 4 min", "Lesezeit: 3 Minuten", "Tempo de leitura: 2 minutos".
_DURATION: Final = (
    r"(?:about\s+|approx\.?\s+|ca\.?\s+|~\s*)?\d+(?:\s*[-–]\s*\d+)?\s*(?:min(?:ute)?s?|minutos?"
    r"|minuten|minuti|minuut|минут[аы]?|мин|secs?|seconds?)\.?"
)
_READING_TIME: Final = re.compile(
    r"\W{0,3}(?:(?:(?:estimated|approximate)\s+)?(?:reading|read|listening|listen)\s+time"
    r"|listen to (?:this|the) (?:article|story)|lesezeit|temps de lecture|tiempo de lectura"
    r"|tempo de leitura|tempo di lettura|leestijd|czas czytania|время чтения)"
    rf"(?:\s*[:：|,–—-]?\s*{_DURATION})?\W*$"
    rf"|\W{{0,3}}{_DURATION}\s+(?:read|listen|reading|de leitura|de lectura|de lecture|lesezeit"
    r"|leestijd|di lettura)\W*$"
)
# "Tags: Elections, Congress", "Filed under: Politics |", "Themen:", "Etiquetas:".
_TAGS: Final = re.compile(
    r"\W{0,3}(?:filed under|tags?|tagged(?: with| as| in)?|topics?|categor(?:y|ies)|themen"
    r"|schlagw(?:ö|oe)rter|schlagworte|etiquetas|temas|t[óo]picos|mots-cl[ée]s|sujets|argomenti"
    r"|теги|метки)\s*[:：|]"
    # A list of names, not a sentence: items apart by commas or bars ("Tags: U.S., COVID-19,
    # 2024 election"), or up to three words ("Filed under: U.K. politics"); no question or
    # exclamation mark, no full stop at the end ("Tags: Biden said inflation was 9%" is a claim).
    r"(?:(?:[^!?,|]|,(?=\S)){1,60}(?:,(?=\s)|\|)){1,20}(?:[^!?,|]|,(?=\S)){0,60}(?<![.!?])\s*$"
    r"|\W{0,3}(?:filed under|tags?|tagged(?: with| as| in)?|topics?|categor(?:y|ies)|themen"
    r"|schlagw(?:ö|oe)rter|schlagworte|etiquetas|temas|t[óo]picos|mots-cl[ée]s|sujets|argomenti"
    r"|теги|метки)\s*[:：|]\s*\S+(?:\s+\S+){0,2}(?<![.!?])\s*$"
)
# An e-mail address or a link on its own, or a line asking the reader to write or follow
# someone there: "Email Jane Doe at jdoe@example.com", "Reach the reporter on Twitter at ...".
_ADDRESS: Final = r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,}|https?://\S+|www\.\S+)"
_ADDRESS_ALONE: Final = re.compile(rf"\W{{0,3}}{_ADDRESS}\W*$")
_CONTACT: Final = re.compile(
    # The verb, then whom: a person by name, "us", "the reporter" ("Contact tracing at ..." and
    # "Follow-up visits at ..." are no such line), then where. Matched on the unit's own case.
    r"\W{0,3}(?i:e-?mail|reach|contact|follow|write to|you can (?:reach|contact|e-?mail|follow)"
    r"|send (?:us )?(?:your )?(?:news )?tips)\s+"
    r"(?:(?i:us|me|him|her|them|the (?:reporters?|authors?|writers?|editors?|newsroom|desk"
    r"|team))\b[^!?\d%]{0,150}?\s+(?i:at|on|via|to)"
    # A person by name is written to at or on an address ("Email Fraud Hits Seniors via
    # www.ftc.gov" is a headline).
    r"|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}\s+(?i:at|on)(?:\s+[A-Z][\w-]*)?"
    r"|(?i:at|on|via|to))\s+"
    r"(?:(?i:twitter|x|instagram|facebook|threads|bluesky|mastodon|linkedin)\s+(?:(?i:at)\s+)?)?"
    # The address ends the line, or "or follow him @..." does.
    rf"(?i:{_ADDRESS})(?:\s+(?i:or|and)\s[^!?\d%]{{0,80}})?\W*$"
    # Or a label and the address: "Email: jdoe@example.com".
    rf"|\W{{0,3}}(?i:e-?mail|contact|kontakt|contacto|twitter|x|instagram|telegram|whatsapp)\s*[:：]\s*"
    rf"(?i:{_ADDRESS})\W*$"
)
# Breadcrumbs: a few short names joined by ">" or "›" ("News>", "Home › World › Europe").
_CRUMB: Final = r"[^\W\d_][\w'’&-]*(?: [\w'’&-]+){0,3}"
_NAVIGATION: Final = re.compile(
    # Ending in a separator ("News>"), or with two ("News > World > Europe"), or from the home
    # page ("Home › World"): not a comparison ("Inflation > Wages").
    rf"\W{{0,3}}(?:(?:{_CRUMB}\s*[>›]\s*)+"
    rf"|(?:{_CRUMB}\s*[>›]\s*){{2,}}{_CRUMB}"
    rf"|(?i:home|startseite|inicio|início|accueil|beranda|главная)\s*[>›]\s*{_CRUMB})\s*$"
)
_SECTION_LABEL: Final = re.compile(
    r"\W{0,3}(?:breaking(?: news)?|update[ds]?|exclusive|live|watch|opinion|analysis|explainer"
    r"|editorial|sponsored|advertisement|advertisment|promoted|ad)\W*$"
)
# Where the page breaks the story for an advertisement: "Story continues below this ad",
# "Advertisement - Scroll to continue", "Continue reading the main story".
_AD_BREAK: Final = re.compile(
    r"\W{0,3}(?:advertisement\W*)?(?:"
    r"(?:(?:the\s+)?(?:story|article|content|text|report|post)\s+)?"
    r"continues?\s+(?:below|after|under)"
    r"(?:\s+(?:this|the|these))?(?:\s+(?:ads?|adverts?|advertisements?|advertising|sponsored"
    r" content|video|image|photo|gallery|box|player))?"
    r"|(?:keep\s+)?scroll(?:ing)?(?:\s+down)?\s+(?:to|for)\s+(?:continue|read|more|the\s+rest)"
    r"(?:\s+reading)?(?:\s+(?:with\s+)?(?:the\s+)?(?:content|article|story))?"
    r"|continue\s+reading(?:\s+(?:below|the\s+(?:main\s+)?(?:story|article)))?"
    r")\W*$"
)
# A disclaimer: anything after "Disclaimer:", or a note that the views are the author's own.
_DISCLAIMER: Final = re.compile(
    r"\W{0,3}disclaimer\s*[:|–—-]"
    r"|\W{0,3}(?:the\s+)?(?:views?|opinions?)(?:\s+(?:and|or|&)\s+(?:views?|opinions?))?"
    r"(?:\s+expressed)?(?:\s+(?:here|herein|above|below|in\s+(?:this|the)\s+\w+(?:\s+\w+)?))?"
    r"\s+(?:are|is|do not|does not|don'?t)\b[^.!?]{0,150}?"
    r"\b(?:personal|own|author|authors|author'?s|writer|writer'?s|necessarily)\b[^!?]{0,150}$"
)
# How one of those two can open with "the".
_NOTES_AFTER_THE: Final = ("the story", "the article", "the view", "the opinion")
_SHARING: Final = re.compile(
    r"\W{0,3}(?:share(?: this(?: article| story)?)?(?: on \w+)?|tweet|email|print|comments?"
    r"|copy link|save|click to (?:tweet|share|copy))\W*$"
    # "Comments (142)", "142 comments", "1.2k shares"
    r"|\W{0,3}comments?\s*[:(]?\s*\d[\d,.]*k?\)?\W*$"
    r"|\W{0,3}\d[\d,.]*k?\s+(?:comments?|shares?|replies)\W*$"
)
# "Copyright 2024 ...", "Copyright © ...", "Copyright: AP", "Copyright by ...", or a short line
# naming the owner ("Copyright The Daily Courier"); not a sentence about copyright ("Copyright
# claims against the firm rose to 1,200 in 2022.").
_COPYRIGHT: Final = re.compile(
    r"\W{0,3}(?:[©ⓒ]|\(c\)\s|copyright\s*(?:[©ⓒ]|\(c\)|\d{4}\b|:|by\b|$))"
)
# "All rights reserved" and "no copying without permission" in other languages, as a notice says
# it: at the end of a line (German, French, Spanish, Portuguese, Italian, Russian), or the
# prohibition itself (Korean, Japanese, Chinese). Not the same words in a sentence about piracy
# ("무단 복제율은 32%로 떨어졌다", "版权所有者去年起诉了1200家网站").
_RIGHTS_RESERVED: Final = re.compile(
    r"(?:alle rechte vorbehalten|tous droits réservés|todos los derechos reservados"
    r"|todos os direitos reservados|tutti i diritti riservati|все права защищены)\W*$"
    r"|무단\s*(?:전재|복제|배포)[^.!?。%\d]{0,16}금지(?:[^.!?。%\d]{0,24}금지)?\W*$"
    r"|^\W{0,3}저작권자"
    r"|無断(?:転載|複製|転用)[^。%\d]{0,10}(?:禁止|禁じ)(?:します|いたします|ます)?\W*$"
    r"|版[权權]所有(?!者|人)[^。%\d]{0,20}$|版[权權]所有\s*(?:©|\(c\))"
    r"|未[经經](?:授[权權]|许可|許可)[^。%\d]{0,6}不得[转轉]载[^。%\d]{0,8}$"
)
_COPYRIGHT_OWNER: Final = re.compile(r"\W{0,3}copyright\s+(?:\S+\s+){0,4}\S+$")
# A wire service's terms: "This material may not be published, broadcast, rewritten or
# redistributed."
_REDISTRIBUTION: Final = re.compile(
    r"may not be (?:re)?published,?\s+(?:broadcast,?\s+)?(?:rewritten,?\s+)?or redistributed"
)
# An editor's note that the page changed: "This article was updated at 3:45 p.m.", "This story
# has been corrected to say ...".
_CHANGE_NOTE: Final = re.compile(
    r"\W{0,3}this (?:article|story|report|post|piece|page) (?:was|has been|had been) (?:last )?"
    r"(?:updated|amended|corrected|changed|edited)\b"
)
_HAS_WORD: Final = re.compile(r"[^\W\d_]")
_FIRST_WORD: Final = re.compile(r"\W{0,3}(\w+)")


def classify_boilerplate(text: str) -> str | None:
    """Return why this unit is not a claim (a short readable reason), or None if it may be one."""
    text = text.strip()
    return stripped_reason(text, text.lower())


def stripped_reason(text: str, lower: str) -> str | None:
    """classify_boilerplate of a text without surrounding whitespace, given its lower case."""
    # Most units start with a letter, which settles it without a search, and most then start
    # with a whole word and a space: the word _FIRST_WORD would find.
    word = text.partition(" ")[0]
    if not (text[:1].isalpha() and word.isalnum()):
        if not (text[:1].isalpha() or _HAS_WORD.search(text)):
            return "No words (symbols, numbers or punctuation only)"
        first = _FIRST_WORD.match(text)
        word = first.group(1) if first else ""
    if word:
        # Time stamps are the rules for a unit that starts with a number ("3 March 2024").
        key = "digit" if word[0].isdigit() else word.lower()
        rules = _RULES_BY_FIRST_WORD.get(key, ())
        # A fifth of all units start with "the": only a few nouns after it open a page note,
        # and the letter they start with rules out most others without comparing them.
        if key == "the" and lower[4:5] in "savo" and lower.startswith(_NOTES_AFTER_THE):
            rules = (_page_note,)
        if len(word) > 1 and word.isupper():
            rules = (*rules, _dateline)
        for rule in rules:
            reason = rule(text, lower)
            if reason:
                return reason
    if "©" in text[:4] or "ⓒ" in text[:4]:
        return "Copyright notice"
    if not text[:1].isascii():
        reason = other_script_furniture(text, lower)
        if reason:
            return reason
    if is_call_to_action(lower):
        return CALL_TO_ACTION
    if "|" in lower or "(" in lower or "/" in lower:
        reason = _end_reason(text, lower)
        if reason:
            return reason
    if _rights_reserved(lower) or ("redistributed" in lower and _REDISTRIBUTION.search(lower)):
        return "Copyright notice"
    return _anywhere_reason(text, lower)


def _rights_reserved(lower: str) -> bool:
    """Whether a unit says its page's rights are reserved ("all rights reserved" anywhere, the
    other languages' notices as _RIGHTS_RESERVED has them)."""
    if "all rights reserved" in lower:
        return True
    # Most units are plain ASCII and say no "vorbehalten": one test settles them.
    if lower.isascii() and "vorbehalten" not in lower:
        return False
    return _RIGHTS_RESERVED.search(lower) is not None


def _anywhere_reason(text: str, lower: str) -> str | None:
    """The rules for what a unit can open with in any word: an address, a labelled date, a
    breadcrumb trail, a note of who contributed."""
    if ("@" in lower or "://" in lower or "www." in lower) and _ADDRESS_ALONE.match(lower):
        return CONTACT
    if len(text) <= 60 and _LABELLED_DATE.match(text):
        return "Date or time stamp"
    if (">" in text or "›" in text) and _NAVIGATION.match(text):
        return "Navigation links"
    if (
        "contribut" in lower
        and _CONTRIBUTORS.search(lower)
        and not any(character.isdigit() for character in text)
    ):
        return BYLINE
    return None


def _end_reason(text: str, lower: str) -> str | None:
    """The rules for what ends a unit after a bar, a bracket or a slash: a caption's credit, a
    note of wire copy, a time stamp after a bar."""
    if _CAPTION_END.search(lower) or ("/" in lower and _AGENCY_CREDIT_END.search(text)):
        return CAPTION
    if "(" in lower and "input" in lower and _INPUTS_NOTE_END.search(lower):
        return BYLINE
    if "|" in lower:
        # "New Delhi, Bureau | Updated: 19 November 2019, 09:01 AM"
        stamp = lower.rpartition("|")[2].strip()
        if stamp.startswith(_STAMP_WORDS) and _timestamp(stamp, stamp):
            return "Date or time stamp"
    return None


# Page furniture in scripts other than Latin, whose units start with no word the first-word rules
# know. A pointer to other stories ("اقرأ أيضا |", "קראו גם:", "相关阅读：", "【関連記事】", "यह भी
# पढ़ें:", "Читайте также:"), with what follows a marker as the Latin ones have it.
_OTHER_SCRIPT_PROMO: Final = re.compile(
    r"[\W_]{0,3}(?P<marker>اقرأ (?:أيضا|أيضاً|أيضًا|كذلك|المزيد)|شاهد (?:أيضا|أيضاً)"
    r"|مواضيع ذات صلة|קראו גם|קרא גם|עוד בנושא|כתבות נוספות"
    r"|相关阅读|延伸阅读|推荐阅读|更多阅读|相關閱讀|延伸閱讀|推薦閱讀|関連記事|あわせて読みたい"
    r"|यह भी पढ़ें|ये भी पढ़ें|और पढ़ें|читайте также|смотрите также)"
    r"[】\]]?\s*(?:[:：|｜»›>]|[-–—]\s|$|(?<=[】\]]))"
)
# A byline: "بقلم أحمد حسن", "מאת דנה כהן" (the word on its own, then a name of two or three
# words and nothing after it: "מאתיים הרוגים" is "two hundred killed"), "Автор: Иван Петров"
# (with its colon: "Автор законопроекта" is the bill's author), "记者 王伟 北京报道" (the word
# set apart by a space or a colon: "记者被捕" is "reporter arrested").
_OTHER_SCRIPT_BYLINE: Final = re.compile(
    r"[\W_]{0,3}(?:(?:بقلم|מאת)\s*[:：]?\s+|автор\s*:\s*)"
    r"[^\s\d.!?،,:]+(?:\s+[^\s\d.!?،,:]+){1,2}\s*$"
    r"|[\W_]{0,3}[（(]?(?:本报|本台|新华社|中新社)?记者(?:\s*[:：]\s*|\s+)[\u4e00-\u9fff·]{2,4}"
    r"(?:[\s、，,]+[\u4e00-\u9fff·]{2,4}){0,3}\s*(?:[\u4e00-\u9fff]{0,6}报道)?[)）]?\s*$"
)
# A call to subscribe or follow, in the words only an imperative uses ("اشترك في نشرتنا",
# "הירשמו לניוזלטר", "扫描二维码关注我们", "Подписывайтесь на наш канал"): in Chinese, an
# opening that asks ("请", "扫描", "长按"...) or "follow us" itself.
_OTHER_SCRIPT_CALL: Final = re.compile(
    r"[\W_]{0,3}(?:اشتركوا|اشتركي|اشترك) (?:في|ب)\S* ?(?:\S+ )?"
    r"(?:نشرت|النشرة|قنات|تنبيهات)"
    r"|[\W_]{0,3}تابعونا|[\W_]{0,3}(?:הירשמו|עקבו אחרינו)"
    r"|[\W_]{0,3}(?:请|請|扫描|扫码|掃描|长按|長按|欢迎|歡迎|点击|點擊)[^。！？，]{0,10}?"
    r"(?:关注|關注|订阅|訂閱|二维码|二維碼)"
    r"|[\W_]{0,3}(?:关注我们|关注本号|订阅我们|关注公众号|關注我們|訂閱我們)"
    r"|[\W_]{0,3}(?:हमें फॉलो करें|सब्सक्राइब करें|हमारे न्यूज़लेटर)"
    r"|[\W_]{0,3}(?:подписывайтесь|подпишитесь)"
)
# What someone said: a sentence that reports it is a claim, whatever it asks ("关注我们的未来…，
# 部长说").
_OTHER_SCRIPT_REPORTED: Final = re.compile(
    r"说|表示|指出|称|قال|قالت|أضاف|אמר|אמרה|कहा|заявил|заявила|сказал|сказала"
)
_OTHER_SCRIPT_MAX_LENGTH: Final = 160


def other_script_furniture(text: str, lower: str) -> str | None:
    """The reason for a unit in a script other than Latin that points to other stories, credits
    its writer or asks the reader to subscribe or follow; None otherwise."""
    if len(text) > _OTHER_SCRIPT_MAX_LENGTH:
        return None
    promo = _OTHER_SCRIPT_PROMO.match(lower)
    if promo is not None:
        return f'{CROSS_PROMOTION} ("{promo.group("marker")}")'
    if _OTHER_SCRIPT_BYLINE.match(lower):
        return BYLINE
    if _OTHER_SCRIPT_CALL.match(lower) and not _OTHER_SCRIPT_REPORTED.search(lower):
        return CALL_TO_ACTION
    return None


def _cross_promotion(text: str, lower: str) -> str | None:
    promo = _CROSS_PROMO.match(text) or _CROSS_PROMO_CAPITALS.match(text)
    if promo is None:
        return None
    marker = promo.group("marker").strip()
    if marker.lower() in _LABEL_WORDS and _REPORTED_END.search(lower):
        return None
    return f'{CROSS_PROMOTION} ("{marker}")'


def _caption_start(text: str, lower: str) -> str | None:
    if _CAPTION_START.match(lower) or _AGENCY_CREDIT_UNIT.match(text) or _LABEL_CAPTION.match(text):
        if _CREDIT_LABEL.match(lower) and _REPORTED_END.search(lower):
            return None
        return CAPTION
    return None


# The words saying when as German, Spanish and Portuguese, French, Italian and Dutch write them
# after a byline ("Door Jan de Vries Gepubliceerd op 3 maart 2024", "Modifié le" as Le Monde
# writes it); byline_people reads a date in a byline's names by them too.
OTHER_STAMP_WORDS: Final = tuple(
    """
    publié modifié actualisé aktualisiert veröffentlicht publicado actualizado atualizado
    pubblicato aggiornato gepubliceerd bijgewerkt
    """.split()
)
# One of those, or French's three words ("Par Jean Dupont Mis à jour le 03/03/2024 à 14h05"), in
# small letters; importers reads a byline's names up to it.
OTHER_STAMP_WORD: Final = (
    rf"(?:zuletzt\s+)?(?:mis à jour|{'|'.join(OTHER_STAMP_WORDS)})(?![^\W\d_])"
)
# Where a byline's names can end and when the piece was written or how long it takes to read
# follows: a mark ("By Jane Doe, March 3, 2024", "By Jane Doe · 5 min read"), or a space before
# the word saying when ("By Jane Doe Updated 5:30 PM EST"), a day's figure ("Von Anna Schmidt
# 3. März 2024", not a year alone: "By Christmas 2024" is no one's byline), or a month and a
# figure ("By Jane Doe March 3, 2024"), or another language's word saying when.
_BYLINE_TAIL: Final = re.compile(
    r"\s*[,|·•–—]\s*|\s+-\s+|\s+(?=(?i:updated|published|posted|modified)\b)"
    rf"|\s+(?=(?i:{OTHER_STAMP_WORD}))"
    rf"|\s+(?=(?:(?i:le|el|am)\s+)?\d{{1,2}}(?!\d)|(?i:{_MONTH})\s+\d)"
)
# Months and weekdays in German, Spanish and Portuguese, French, Italian and Dutch
# (byline_people reads a date in a byline's names by them too).
OTHER_MONTHS: Final = tuple(
    """
    januar jänner februar märz april mai juni juli august september oktober november dezember
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre janeiro fevereiro março maio junho julho setembro outubro novembro dezembro janvier
    février mars avril juin juillet août septembre octobre novembre décembre gennaio febbraio
    aprile maggio giugno luglio settembre ottobre dicembre januari februari maart mei augustus
    """.split()
)
OTHER_WEEKDAYS: Final = tuple(
    """
    montag dienstag mittwoch donnerstag freitag samstag sonntag lunes martes miércoles jueves
    viernes sábado domingo lundi mardi mercredi jeudi vendredi samedi dimanche lunedì martedì
    mercoledì giovedì venerdì sabato domenica maandag dinsdag woensdag donderdag vrijdag zaterdag
    zondag segunda-feira terça-feira quarta-feira quinta-feira sexta-feira
    """.split()
)
_OTHER_MONTH: Final = f"(?:{'|'.join(OTHER_MONTHS)})"
_OTHER_WEEKDAY: Final = f"(?:{'|'.join(OTHER_WEEKDAYS)})"
# A date as those languages write it after a byline: "3. März 2024", "3 de marzo de 2024", "le 3
# mars 2024", "lundi 3 mars 2024, 14h05".
_OTHER_DATE: Final = re.compile(
    rf"(?:(?:le|el|am|il|op|den|em)\s+)?(?:{_OTHER_WEEKDAY},?\s+)?(?:(?:le|el|den)\s+)?"
    rf"\d{{1,2}}(?:\.|º|er)?\s+(?:de\s+)?{_OTHER_MONTH}\.?(?:,?\s+(?:de\s+|del\s+)?\d{{4}})?"
    r"(?:\s*(?:,|-|–|à|a las|às|alle|om|um)?\s*\d{1,2}[:h.]\d{2}(?:\s*(?:uhr|h))?)?\W*$"
)
# A whole date after a byline's names with no mark between ("By Jane Doe March 3, 2024", "By
# Jane Doe 3 March 2024 10:05 AM"): month words whole ("By Easter 40 satellites." names no month
# in "satellites", though a stamp's words may be cut short). In small letters, as `lower` is;
# importers reads a byline's names up to it.
WHOLE_MONTH: Final = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?(?![^\W\d_])"
)
_SPACED_DATE: Final = re.compile(
    rf"(?:{WHOLE_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?|\d{{1,2}}(?:st|nd|rd|th)?\s+{WHOLE_MONTH},?)"
    r"\s+\d{4}(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?"
    r"(?:\s*[|·•]\s*.*)?$"
)
# That word and the date, in words or in figures ("aktualisiert am 03.03.2024", "pubblicato il 3
# marzo 2024").
_OTHER_STAMP: Final = re.compile(
    rf"{OTHER_STAMP_WORD}\s*:?\s*(?:{_OTHER_DATE.pattern}"
    rf"|(?:(?:am|le|el|em|il|op|den|on)\s+)?{_DATE_IN_FIGURES})"
)
# The marks between a date and a reading time ("March 3, 2024 · 5 min read"), or a comma before
# the word saying when it was updated ("Publié le 03/03/2024 à 14h05, mis à jour le 04/03/2024 à
# 09h00").
_STAMP_PARTS: Final = re.compile(
    rf"\s*[|·•]\s*|\s*,\s*(?=(?:{OTHER_STAMP_WORD}|(?:updated|published|posted|modified)\b))"
)


# Longer than any byline with its date and reading time ("By Jane Doe and John Smith, Political
# Correspondents | Updated 5:30 PM EST, Tue March 3, 2024 · 5 min read" is 110 characters).
_LONGEST_BYLINE_WITH_STAMP: Final = 300


def _byline(text: str, lower: str) -> str | None:
    if _BYLINE.match(text) or _OTHER_BYLINE.match(text):
        return BYLINE
    # Reading the rest of the line after each mark would take a long pasted line quadratic time.
    if len(text) > _LONGEST_BYLINE_WITH_STAMP:
        return None
    for tail in _BYLINE_TAIL.finditer(text):
        names, when = text[: tail.start()], lower[tail.end() :]
        stamp = _OTHER_STAMP.match(_STAMP_PARTS.split(when, maxsplit=1)[0])
        if tail.group().isspace() and not (
            when.startswith(_STAMP_WORDS)
            or _SPACED_DATE.match(when)
            or _OTHER_DATE.match(when)
            or stamp
        ):
            continue  # a space alone before it: only a whole date ends the names
        if _when_or_how_long(when) and (
            _BYLINE.match(names)
            or _OTHER_BYLINE.match(names)
            or (stamp and _OTHER_BYLINE_BEFORE_STAMP.match(names))
        ):
            return BYLINE
    return None


def _when_or_how_long(lower: str) -> bool:
    """Whether the text is a date or time stamp (in English or another language _OTHER_DATE
    knows), a reading time, or those apart by bars or dots."""
    return all(
        _timestamp(part, part)
        or _OTHER_DATE.match(part)
        or _OTHER_STAMP.match(part)
        or _READING_TIME.match(part)
        for part in _STAMP_PARTS.split(lower.strip())
    )


def _source_credit(text: str, lower: str) -> str | None:
    return BYLINE if _SOURCE_CREDIT.match(text) else None


def _reading_time(text: str, lower: str) -> str | None:
    return "Reading or listening time" if _READING_TIME.match(lower) else None


def _tags(text: str, lower: str) -> str | None:
    return "Tags or topics line" if _TAGS.match(lower) else None


def _contact(text: str, lower: str) -> str | None:
    if len(lower) <= 200 and _CONTACT.match(text) and not REPORTED.search(lower):
        return CALL_TO_ACTION
    return None


def _section_label(text: str, lower: str) -> str | None:
    return "Section label or advertisement marker" if _SECTION_LABEL.match(lower) else None


def _dateline(text: str, lower: str) -> str | None:
    found = _DATELINE.match(text)
    if found and (found["date"] or found["agency"] or found["dash"]):
        return "Dateline on its own"
    return None


def _timestamp(text: str, lower: str) -> str | None:
    if _TIMESTAMP.match(lower) and _TIMESTAMP_NEEDS.search(lower):
        return "Date or time stamp"
    return None


def _inputs_note(text: str, lower: str) -> str | None:
    if "input" in lower and _INPUTS_NOTE.match(lower):
        return BYLINE
    return None


def _page_note(text: str, lower: str) -> str | None:
    """A break for an advertisement or a disclaimer."""
    if ("contin" in lower or "scroll" in lower) and _AD_BREAK.match(lower):
        return "Section label or advertisement marker"
    if ("disclaimer" in lower or "view" in lower or "opinion" in lower) and _DISCLAIMER.match(
        lower
    ):
        return "Disclaimer"
    return None


def _change_note(text: str, lower: str) -> str | None:
    return "Editor's note of a change to the page" if _CHANGE_NOTE.match(lower) else None


def _sharing(text: str, lower: str) -> str | None:
    return "Sharing or page button" if _SHARING.match(lower) else None


def _copyright(text: str, lower: str) -> str | None:
    notice = _COPYRIGHT.match(lower) or (
        _COPYRIGHT_OWNER.match(lower) and lower.rstrip()[-1:] not in ".!?"
    )
    return "Copyright notice" if notice else None


# Start-anchored rules run only for units whose first word could begin them, which keeps the
# cost per ordinary sentence to one dictionary look-up. Order here is the order rules are tried.
_FIRST_WORDS: Final = (
    (
        _cross_promotion,
        "also read see must don dont more watch listen related recommended top latest trending"
        " lesen mehr lire à a voir lea leer lee most editor editors",
    ),
    (
        call_to_action_start,
        "subscribe sign register download get stay have got abonnieren folgen abonnez suivez"
        " inscrivez suscríbete suscribete síguenos siguenos tell let leave",
    ),
    (
        _caption_start,
        "photo photos photograph photographs picture pictures pic pics image images video videos"
        " graphic graphics illustration illustrations file credit credits courtesy caption captions"
        " foto fotos bild bilder media"
        " representative"
        " representational getty afp ap reuters epa shutterstock alamy anadolu sopa pti ani ians"
        " xinhua bloomberg nurphoto zuma",
    ),
    (
        _byline,
        "by written edited words additional reporting writing editing contributing von por"
        " par di door",
    ),
    (_source_credit, "source sources quelle quellen fuente fuentes fonte fontes"),
    (
        _reading_time,
        "digit reading read listening listen estimated approximate lesezeit temps tiempo tempo"
        " leestijd czas время about approx ca",
    ),
    (
        _tags,
        "filed tag tags tagged topic topics category categories themen schlagwörter schlagwoerter"
        " schlagworte etiquetas temas tópicos topicos mots sujets argomenti теги метки",
    ),
    (
        _contact,
        "email e mail reach contact kontakt contacto follow write you send twitter x instagram"
        " telegram whatsapp",
    ),
    (_inputs_note, "with input inputs agency agencies wire wires pti ani ians afp ap reuters"),
    (
        _section_label,
        "breaking update updates updated exclusive live watch opinion analysis explainer editorial"
        " sponsored advertisement advertisment promoted ad",
    ),
    (
        _timestamp,
        "digit published updated posted modified first last jan january feb february mar march apr"
        " april may jun june jul july aug august sep sept september oct october nov november dec"
        " december mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday"
        " sat saturday sun sunday",
    ),
    (
        _page_note,
        "advertisement story article content text report post continue continues scroll keep"
        " disclaimer views view opinions opinion",
    ),
    (_change_note, "this"),
    (_sharing, "digit share tweet email print comment comments copy save click"),
    (_copyright, "c copyright"),
)


def _rules_by_first_word() -> dict[str, tuple]:
    by_word: dict[str, tuple] = {}
    for rule, words in _FIRST_WORDS:
        for word in words.split():
            by_word[word] = (*by_word.get(word, ()), rule)
    return by_word


_RULES_BY_FIRST_WORD: Final = _rules_by_first_word()
