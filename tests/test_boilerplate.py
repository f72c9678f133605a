"""Page furniture is recognised as not a claim; real news sentences never are."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.boilerplate import classify_boilerplate
from factcheck.text.calls_to_action import CALL_TO_ACTION

CHANGE_NOTE = "Editor's note of a change to the page"
BYLINE = "Byline or reporting credit"
READING_TIME = "Reading or listening time"
TAGS = "Tags or topics line"
CONTACT = "Contact address or link"

FURNITURE = [
    ("ALSO READ | Modi visits Paris", 'Cross-promotion line ("ALSO READ")'),
    ("ALSO READ Modi visits Paris", 'Cross-promotion line ("ALSO READ")'),
    ("Also read: Floods in the north", 'Cross-promotion line ("Also read")'),
    ("Read more: How the dam failed", 'Cross-promotion line ("Read more")'),
    ("RELATED: Flood toll rises", 'Cross-promotion line ("RELATED")'),
    ("Don't miss: the week in pictures", 'Cross-promotion line ("Don\'t miss")'),
    ("Subscribe to our newsletter", "Call to subscribe, follow or join"),
    ("Sign up for our daily briefing today", "Call to subscribe, follow or join"),
    ("Join our WhatsApp channel", "Call to subscribe, follow or join"),
    ("Follow us on Instagram", "Call to subscribe, follow or join"),
    ("For the latest updates, follow us on X.", "Call to subscribe, follow or join"),
    ("Click here to read the full report", "Call to subscribe, follow or join"),
    ("Sign up for our newsletter", "Call to subscribe, follow or join"),
    ("— follow her on Instagram", "Call to subscribe, follow or join"),
    ("For the latest updates follow us on Instagram", "Call to subscribe, follow or join"),
    ("Like, share and follow us on Facebook", "Call to subscribe, follow or join"),
    ("Jane Doe is a reporter | Follow her on X @janedoe", "Call to subscribe, follow or join"),
    ("Rescuers at the site in Hatay | X/@rescuers", "Photo caption or credit"),
    ("Rescuers at the site in Hatay | Photo: PTI", "Photo caption or credit"),
    ("Photo: Reuters", "Photo caption or credit"),
    ("Image credit: Jane Doe", "Photo caption or credit"),
    ("Image caption: Rescuers search the rubble in Hatay", "Photo caption or credit"),
    ("Caption: Rescuers search the rubble", "Photo caption or credit"),
    ("File photo", "Photo caption or credit"),
    (
        "Rescuers search the rubble. (Photo by Jane Doe / Getty Images)",
        "Photo caption or credit",
    ),
    ("Rescuers search the rubble. Jane Doe/AFP via Getty Images", "Photo caption or credit"),
    ("(AP Photo/John Smith)", "Photo caption or credit"),
    ("REUTERS/Francis Mascarenhas", "Photo caption or credit"),
    ("AP Photo/J. Scott Applewhite, File", "Photo caption or credit"),
    ("REUTERS/Stringer/File Photo", "Photo caption or credit"),
    ("Rescuers search the rubble. (AP Photo/John Smith)", "Photo caption or credit"),
    ("Rescuers search the rubble in Hatay. REUTERS/Umit Bektas", "Photo caption or credit"),
    ("Rescuers in Hatay | Xinhua/Li Ming", "Photo caption or credit"),
    ("(PTI Photo)", "Photo caption or credit"),
    ("By Jane Doe", "Byline or reporting credit"),
    ("By Jane Doe and John Roe, Reuters", "Byline or reporting credit"),
    ("By April Smith, Reuters", "Byline or reporting credit"),
    ("By Jane May", "Byline or reporting credit"),
    ("By Łukasz Żak", "Byline or reporting credit"),
    ("By Émile Zola, Oslo Correspondent", "Byline or reporting credit"),
    ("By Ørjan Lie", "Byline or reporting credit"),
    # A word that says when is a surname after the first name.
    ("By Elizabeth Day", "Byline or reporting credit"),
    ("By Jane Doe and Matthew Day in Warsaw", "Byline or reporting credit"),
    ("By Peter Day, BBC News", "Byline or reporting credit"),
    ("By Joe Friday", "Byline or reporting credit"),
    ("By Chris Noon", "Byline or reporting credit"),
    ("By Elizabeth Day, March 3, 2024", "Byline or reporting credit"),
    # A day of the week is a given name before a surname.
    ("By Sunday Aborisade, Abuja", "Byline or reporting credit"),
    ("By Friday Olokor · 5 min read", "Byline or reporting credit"),
    ("By Easter Okafor, Abuja", "Byline or reporting credit"),
    ("By Jane Easter, March 3, 2024", "Byline or reporting credit"),
    ("(Reporting by Jane Doe; Editing by John Roe)", "Byline or reporting credit"),
    # When it was written or how long it takes to read, after the names.
    ("By Jane Doe, March 3, 2024", "Byline or reporting credit"),
    ("By Jane Doe · 5 min read", "Byline or reporting credit"),
    ("By Jane Doe Updated 5:30 PM EST, March 3, 2024", "Byline or reporting credit"),
    # A date straight after the names, or after a comma in another language.
    ("By Jane Doe March 3, 2024", "Byline or reporting credit"),
    ("By Jane Doe 3 March 2024", "Byline or reporting credit"),
    ("By Jane Doe Mar. 3, 2024 10:05 AM EST", "Byline or reporting credit"),
    ("By Theresa May 12 March 2024", "Byline or reporting credit"),
    ("By J. K. Rowling", "Byline or reporting credit"),
    ("Por Juan Pérez, 3 de marzo de 2024", "Byline or reporting credit"),
    ("Von Anna Schmidt, 3. März 2024", "Byline or reporting credit"),
    ("Von Anna Schmidt 3. März 2024", "Byline or reporting credit"),
    ("Par Jean Dupont, le 3 mars 2024", "Byline or reporting credit"),
    ("Par Jean Dupont, lundi 3 mars 2024, 14h05", "Byline or reporting credit"),
    # The word saying when it was published or updated, then a date in words or figures.
    ("Por Ana Souza Atualizado em 03/03/2024 14h05", "Byline or reporting credit"),
    ("Di Marco Rossi Pubblicato il 3 marzo 2024", "Byline or reporting credit"),
    ("Door Jan de Vries Gepubliceerd op 3 maart 2024", "Byline or reporting credit"),
    ("Par Jean Dupont Mis à jour le 03/03/2024 à 14h05", "Byline or reporting credit"),
    ("Von Anna Schmidt Aktualisiert am 03.03.2024", "Byline or reporting credit"),
    ("Von Anna Schmidt Zuletzt aktualisiert am 03.03.2024", "Byline or reporting credit"),
    (
        "Par Jean Dupont Publié le 03/03/2024 à 14h05, mis à jour le 04/03/2024 à 09h00",
        "Byline or reporting credit",
    ),
    ("By Jane Doe, Published 9:00 AM, Updated 10:00 AM", "Byline or reporting credit"),
    (
        "By Jane Doe, Health Editor | Published 3 March 2024 · 4 min read",
        "Byline or reporting credit",
    ),
    ("(With inputs from agencies)", "Byline or reporting credit"),
    ("With inputs from PTI and Reuters", "Byline or reporting credit"),
    ("(With agency inputs)", "Byline or reporting credit"),
    ("Talks resume on Monday. (With inputs from agencies)", "Byline or reporting credit"),
    ("LONDON, March 3 (Reuters) -", "Dateline on its own"),
    ("WASHINGTON (AP) —", "Dateline on its own"),
    ("NEW DELHI:", "Dateline on its own"),
    ("Updated: March 3, 2024 10:32 IST", "Date or time stamp"),
    ("Published 3 hours ago", "Date or time stamp"),
    ("Updated on Jan 5, 2024 at 10:00 AM", "Date or time stamp"),
    ("Last updated - January 5, 2024", "Date or time stamp"),
    ("New Delhi, Bureau | Updated : 19 November 2019, 09:01 AM", "Date or time stamp"),
    ("BREAKING:", "Section label or advertisement marker"),
    ("Advertisement", "Section label or advertisement marker"),
    ("Story continues below this ad", "Section label or advertisement marker"),
    ("Story continues below advertisement", "Section label or advertisement marker"),
    ("Advertisement - Scroll to continue", "Section label or advertisement marker"),
    ("Continue reading the main story", "Section label or advertisement marker"),
    ("Disclaimer: Views expressed are personal.", "Disclaimer"),
    (
        "This material may not be published, broadcast, rewritten or redistributed.",
        "Copyright notice",
    ),
    ("This article was updated at 3:45 p.m. with the mayor's comment.", CHANGE_NOTE),
    ("This story has been corrected to say 12 schools closed, not 21.", CHANGE_NOTE),
    ("Disclaimer: This story is auto-generated from a syndicated feed.", "Disclaimer"),
    ("(Views expressed are personal)", "Disclaimer"),
    (
        "The views expressed in this article are those of the author and do not necessarily"
        " reflect the views of the publisher.",
        "Disclaimer",
    ),
    ("Share this article", "Sharing or page button"),
    ("© 2024 Reuters. All rights reserved.", "Copyright notice"),
    ("Copyright 2024 The Valley Courier", "Copyright notice"),
    ("Copyright The Valley Courier", "Copyright notice"),
    ("Copyright: Reuters", "Copyright notice"),
    ("LESEN SIE AUCH | Bahn streicht 300 Verbindungen", 'Cross-promotion line ("LESEN SIE AUCH")'),
    ("À lire aussi : le budget de la ville", 'Cross-promotion line ("À lire aussi")'),
    ("Lea también: el presupuesto de 2024", 'Cross-promotion line ("Lea también")'),
    ("Foto: dpa/Max Mustermann", "Photo caption or credit"),
    ("Abonnieren Sie unseren Newsletter, um nichts zu verpassen.", CALL_TO_ACTION),
    ("Folgen Sie uns auf WhatsApp.", CALL_TO_ACTION),
    ("Abonnez-vous à notre newsletter pour recevoir les dernières nouvelles.", CALL_TO_ACTION),
    ("Síguenos en X", CALL_TO_ACTION),
    ("* * *", "No words (symbols, numbers or punctuation only)"),
    ("2024", "No words (symbols, numbers or punctuation only)"),
    # Bylines and credits as other languages and wire copy write them.
    ("Von Anna Müller und Peter Schmidt", BYLINE),
    ("Por María García, Ciudad de México", BYLINE),
    ("Par Jean Dupont", BYLINE),
    ("di Mario Rossi", BYLINE),
    ("Door Jan de Vries", BYLINE),
    ("Contributing: Jane Doe, USA TODAY", BYLINE),
    (
        "Associated Press writers Alan Fram and Zeke Miller contributed to this report.",
        BYLINE,
    ),
    ("Jane Doe contributed reporting from Kyiv.", BYLINE),
    ("SOURCE: News agencies", BYLINE),
    ("Source: Al Jazeera and news agencies", BYLINE),
    ("Source: Bureau of Labor Statistics", BYLINE),
    ("Image copyright Getty Images", "Photo caption or credit"),
    ("Image caption Firefighters worked through the night", "Photo caption or credit"),
    ("Media caption The minister said the plan would go ahead", "Photo caption or credit"),
    # How long the page takes to read or hear.
    ("Reading time: 3 minutes", READING_TIME),
    ("4 min read", READING_TIME),
    ("Listen to this article, 4 min", READING_TIME),
    ("Listen to this article", READING_TIME),
    ("Lesezeit: 3 Minuten", READING_TIME),
    ("Temps de lecture : 4 min", READING_TIME),
    ("Tempo de leitura: 2 minutos", READING_TIME),
    # Stamps with a label in any language and the date in figures.
    ("기사입력 :[ 2018-08-25 15:24 ]", "Date or time stamp"),
    ("입력 2019.03.04 10:22", "Date or time stamp"),
    ("Aktualisiert: 12.03.2024, 14:05", "Date or time stamp"),
    ("Atualizado em 12/03/2024 10h30", "Date or time stamp"),
    ("Publicado: 2024-03-12 10:30", "Date or time stamp"),
    ("Filed under: Elections |", TAGS),
    ("Tags: Elections, Congress", TAGS),
    ("Themen: Bundestag, Haushalt", TAGS),
    ("Most read in world news", 'Cross-promotion line ("Most read in world news")'),
    ("Most Popular", 'Cross-promotion line ("Most Popular")'),
    ("Editor's picks", 'Cross-promotion line ("Editor\'s picks")'),
    ("News > World > Europe", "Navigation links"),
    ("News>", "Navigation links"),
    ("Click To Tweet", "Sharing or page button"),
    ("Comments (142)", "Sharing or page button"),
    ("Comments: 142", "Sharing or page button"),
    ("Email: jdoe@example.com", CALL_TO_ACTION),
    ("Send us your news tips at tips@example.com", CALL_TO_ACTION),
    ("Veröffentlicht am 12.03.2024 um 14:05 Uhr", "Date or time stamp"),
    ("Publié le 12/03/2024 à 14h05", "Date or time stamp"),
    ("입력 2024.03.12. 오후 3:24", "Date or time stamp"),
    ("무단 전재 및 재배포 금지", "Copyright notice"),
    ("저작권자 ⓒ 연합뉴스, 무단 전재-재배포 금지", "Copyright notice"),
    ("無断転載を禁じます", "Copyright notice"),
    ("Home › World", "Navigation links"),
    # Found by a second recheck.
    ("Tags: COVID-19, Pfizer, vaccines", TAGS),
    ("Tags: U.S., Politics, Economy", TAGS),
    ("Filed under: U.K. politics", TAGS),
    ("Etiquetas: Elecciones 2023, PSOE, PP", TAGS),
    ("Von Anna-Lena Müller", BYLINE),
    ("Par Jean-Pierre Dupont", BYLINE),
    ("Por Conor O'Brien", BYLINE),
    ("Source: U.S. Bureau of Labor Statistics, Department of Labor", BYLINE),
    ("Quelle: Statistisches Bundesamt", BYLINE),
    ("Kontakt: redaktion@example.de", CALL_TO_ACTION),
    ("Diperbarui 12/03/2024, 14:05 WIB", "Date or time stamp"),
    ("Обновлено 12.03.2024 в 14:05", "Date or time stamp"),
    ("Actualizado 12/03/2024 - 14:05 CET", "Date or time stamp"),
    ("未经授权不得转载，违者必究", "Copyright notice"),
    # Found by a third recheck.
    ("無断転載を禁止します", "Copyright notice"),
    ("무단 전재-재배포 금지 및 AI 학습 이용 금지", "Copyright notice"),
    ("‹저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>", "Copyright notice"),
    ("版权所有 © 2004-2024 人民网", "Copyright notice"),
    ("Source: Centers for Disease Control and Prevention", BYLINE),
    ("Sources: Reuters, Associated Press, AFP, Bloomberg", BYLINE),
    ("Fuente: Instituto Nacional de Estadística", BYLINE),
    ("Fonte: Ministério da Saúde", BYLINE),
    ("Quelle: Statistisches Bundesamt (Destatis)", BYLINE),
    ("Quelle: dpa", BYLINE),
    ("Von Anna Müller, dpa", BYLINE),
    ("Actualizado: 12.03.2024 | 14:05", "Date or time stamp"),
    ("142 comments", "Sharing or page button"),
    ("webteam@example.com", CONTACT),
    ("https://example.com/newsletter", CONTACT),
    ("Email Jane Doe at jdoe@example.com or follow her @janedoe.", CALL_TO_ACTION),
    ("Reach the reporters on Twitter at http://twitter.com/janedoe", CALL_TO_ACTION),
    ("Follow Jane Doe on Twitter @janedoe.", CALL_TO_ACTION),
    ("Subscribe to The Courier on YouTube for more local news:", CALL_TO_ACTION),
    (
        "Get the day's top headlines delivered to your inbox every morning by subscribing to"
        " our newsletter.",
        CALL_TO_ACTION,
    ),
    ("Get Cycling Monthly delivered through your letterbox every month.", CALL_TO_ACTION),
    ("Tell us what YOU think...", CALL_TO_ACTION),
    ("Leave a comment below", CALL_TO_ACTION),
    ("Copyright ⓒ Entermedia.co.kr.", "Copyright notice"),
    ("ⓒ Entermedia", "Copyright notice"),
    ("무단전재 및 재배포 금지", "Copyright notice"),
    ("Alle Rechte vorbehalten.", "Copyright notice"),
    ("版权所有，未经授权不得转载", "Copyright notice"),
]


@pytest.mark.parametrize(("text", "reason"), FURNITURE)
def test_boilerplate_is_recognised_with_a_readable_reason(text, reason):
    assert classify_boilerplate(text) == reason


NEWS = [
    "Read more than 300 pages of the report before the vote.",
    "This article says 12 schools closed.",
    "The material may not be published without consent, the judge said.",
    "The photo was taken in 2019.",
    "Photographs show the dam was cracked before the flood.",
    "By Monday, 23 people had died.",
    "By 2030 the city will need twice as much water.",
    "By March 3, 2024, prices had risen 12%.",
    "By Jane Doe, March 3, 2024, the port had grown.",
    "By March 3, 2024 the fund had run dry.",
    "By March 3, 2024 the fund had run dry",
    "By Christmas 2024 the fund had run dry.",
    # A figure after the first words is no date: no month hides in "satellites" or "marriages".
    "By Easter 40 satellites.",
    # A holiday is no one's name.
    "By Easter Sunday 31 March 2024",
    "By Easter Sunday, 31 March 2024",
    "By Good Friday 29 March 2024",
    "By Christmas Eve 2024",
    "By Super Tuesday, March 5, 2024",
    "By Diwali 12 marriages.",
    "By Friday 12 firms had quit.",
    "Por la Paz, 3 de marzo de 2024 marcharon 9.000 personas.",
    "Related to the crash, three people were arrested.",
    "More than 20 people were hurt.",
    "Follow-up tests of the app showed 23 errors.",
    "The minister will follow the rules, she said.",
    "Reuters reported 23 deaths on Monday.",
    "Police said 23 people died.",
    "Listen to the experts, he said.",
    "Get ready for the storm, officials said.",
    "May 2024 was the hottest May on record.",
    "US officials said three people died.",
    "NASA said the launch was delayed.",
    "The newsletter has more than 2 million subscribers, the company said.",
    "Watching the river rise, residents fled.",
    # A one-word label before a reported sentence labels the claim; it is no promo or credit.
    "Watch: police used tear gas on 300 protesters, witnesses said.",
    "Read: the full ruling runs to 212 pages, the court said.",
    "More: 45 schools will close on Friday, the council said.",
    "Related: prices rose 7% in May, according to the statistics office.",
    "Credit: The scheme has paid out £2bn since 2020, the Treasury said.",
    "Live cattle exports fell by 20% last year.",
    "Share prices fell 3% on Monday.",
    "Updated figures show 40 people died.",
    "The governor would like us to know that her state is on meth.",
    '"Follow us to the border," the organisers told the crowd.',
    "Written statements from 12 witnesses were read in court.",
    "Captions on 40 of the videos were wrong, the regulator found.",
    "Photo identification is now required to vote in 36 states.",
    # A call to action has the reader as its subject; here someone else is, or it is reported.
    "The minister said 40 million people follow her on Instagram.",
    "Sign up rates rose 20% after the newsletter launched.",
    "Protesters who follow us on Telegram were arrested, police said.",
    "About 2 million fans follow them on X.",
    "Users who click here are tracked, the regulator found.",
    "Registration fees for the newsletter doubled in 2023.",
    '"Follow us on Telegram," the group told its supporters.',
    # Agencies, notes, stamps and views in ordinary sentences.
    "A Reuters/Ipsos Poll Shows Support Falling",
    "An AP/NORC survey found 40% of adults agree.",
    "He told AP/Reuters the figures were wrong.",
    "Inputs from farmers rose 20% last year.",
    "With inputs from three agencies, the report took 2 years.",
    "The story continues to unfold as 40 people remain missing.",
    "The views of the minister are his own, aides said.",
    "The views expressed in the report are shared by 40% of voters.",
    "Updated on Monday, the figures show 40 deaths.",
    # Sentences about copyright, and words of other languages that open furniture elsewhere.
    "Copyright claims against the firm rose to 1,200 in 2022, court records show.",
    "Copyright law changed in 2019.",
    "Lesen Sie auch den Bericht über 40 Tote.",
    "Fotos zeigen, dass 40 Menschen starben.",
    "Mehr als 40 Menschen starben.",
    "A related study found 40 errors.",
    "Folgen Sie den Anweisungen der Polizei, sagte der Minister am Montag.",
    "Folgen der Flut: 40 Menschen starben.",
    # Words that open furniture elsewhere, in sentences.
    "Scientists from 12 countries contributed to this report.",
    "The ministry contributed reporting data to the 2023 census.",
    "Reading time in schools fell to 3 minutes a day, the study found.",
    "Reading time in schools fell sharply.",
    "Sources: Three officials said the talks had stalled.",
    "Most read the report before the vote.",
    "Most Americans read the news online, a Pew survey found.",
    "Tags on the products were changed in 2019.",
    "Filed under the wrong name, the claim was rejected.",
    "Comments from 142 readers were removed.",
    "Von der Leyen said the EU would spend €20 billion.",
    "Por eso el gobierno subió los impuestos un 5%.",
    "Par ailleurs, le chômage a baissé de 2%.",
    "Di Maio said the coalition had collapsed.",
    "Door-to-door sales fell 12% last year.",
    "Listen to the minister, who said taxes would rise.",
    "Image quality improved, the company said.",
    "Email records show the aide wrote to 14 donors.",
    "Email sent to all 180 students moves the exam, @campusnews reported.",
    "Follow-up tests found no trace of the virus.",
    "Reach of the programme grew to 2 million households.",
    "Get ready for a 10% rise in rents, the bank warned.",
    "Tell us what you think about the 12% fee, the council asked residents.",
    "Turnout rose from 52% to 61% between 2019 and 2024.",
    "The index rose > 3% in March.",
    "Prices: 2024-03-12 was the day the cap ended, the regulator said.",
    # Found by a recheck: headlines and sentences that open or close like furniture.
    "Di Era Jokowi, Utang Negara Tembus Rp 8.000 Triliun",
    "Di Jawa Barat, Angka Kemiskinan Turun",
    "Di Marco Rossi pubblicato il 3 marzo 2024 un libro sulle tasse.",
    "Di Maio aggiornato il 3 marzo 2024",
    "By Jane Doe, March 3, 2024, updated the rules.",
    "Par Jean Dupont, publié le 3 mars 2024, le livre a vendu 12.000 exemplaires.",
    "Von Scholz aktualisiert am 03.03.2024",
    "Por Semana Santa actualizado el horario de 12 museos",
    "Por la Paz",
    "Von Scholz",
    "Door Covid",
    "出版社団体によると、漫画の無断転載サイトによる被害額は2023年に約2兆円に上った。",
    "無断複製された電子書籍の数は前年比30%増えた。",
    "소프트웨어정책연구소에 따르면 국내 소프트웨어 무단 복제율은 지난해 32%로 떨어졌다.",
    "정부는 무단 전재 피해액이 1조원에 이른다고 발표했다.",
    "版权所有者去年起诉了1200家网站。",
    "Das Urheberrecht sieht vor, dass alle Rechte vorbehalten sind, bis 70 Jahre vergehen.",
    "Mindestlohn steigt am 01.01.2025",
    "Zinsen steigen ab 01.07.2024",
    "Wahl am 24.09.2023",
    "Contact tracing at hospitals cut infections by 30%, via @WHO data.",
    "Follow-up visits at @NHSuk clinics fell 40% in 2023.",
    "Email traffic to @gov.uk addresses doubled to 4 million in a week.",
    "Email scams at banks rose 40% in 2023 to £1.2bn via www.ukfinance.org.uk.",
    "You can reach 80% of voters at www.example.com, the campaign claims.",
    "Image copyright law was reformed in 2019.",
    "Video source code leaked, exposing 3 million users.",
    "Topics: the government spent $3 billion on defence last year.",
    "Most popular in Italy: Meloni's party polled 29% in May.",
    "Inflation > Wages",
    "Foreign investors contributed reporting from offshore accounts, the leak showed.",
    "Source: The Government Has Lied About Inflation For Years And Nobody Noticed",
    "Sources: Trump Fires FBI Director",
    "Source: Trump Will Veto The Bill",
    "무단 복제 금지 조항 위반으로 32명이 기소됐다.",
    "무단 전재를 금지하는 저작권법 개정안이 지난달 국회를 통과했다.",
    "新法规定未经授权不得转载新闻作品，违者罚款5万元。",
    "無断転載を禁じる法律が成立した",
    "Por Semana Santa, Sevilla cierra calles",
    "Email Fraud Hits Seniors via www.ftc.gov",
    "Reach Out Program at contact@example.org served 4,000 families",
    "Tags: Biden said inflation was 9%",
    "Topics: 40% of voters back the plan",
    "Filed under: police shot 3 protesters",
    "Temas: el Gobierno gastó 3.000 millones en defensa",
    "Themen: Die Inflation stieg im März auf 2,9 Prozent",
    # "By" and a day or a time: when, not who.
    "By Friday, March 13",
    "By Monday, March 3, 2024",
    "By Election Day, Nov. 5, 2024",
    "By Mid-March, 2020",
    "By Noon Friday, March 13, 2020",
    "By March, 2020",
    "By Monday March 3, 2024",
]


@pytest.mark.parametrize("text", NEWS)
def test_news_sentences_are_not_boilerplate(text):
    assert classify_boilerplate(text) is None


REASONS = {
    "No words (symbols, numbers or punctuation only)",
    "Call to subscribe, follow or join",
    "Photo caption or credit",
    "Byline or reporting credit",
    "Dateline on its own",
    "Date or time stamp",
    "Section label or advertisement marker",
    "Sharing or page button",
    "Copyright notice",
    "Disclaimer",
    CHANGE_NOTE,
    READING_TIME,
    TAGS,
    CONTACT,
    "Navigation links",
}
PROMO = re.compile(r'Cross-promotion line \("(.+)"\)')


# Arbitrary text, and the examples above on their own or run into arbitrary text.
EXAMPLES = st.sampled_from([text for text, _ in FURNITURE] + NEWS)
UNITS = st.one_of(
    st.text(),
    EXAMPLES,
    st.builds(str.__add__, EXAMPLES, st.text()),
    st.builds(str.__add__, st.text(), EXAMPLES),
)


@settings(max_examples=500, deadline=None)
@given(UNITS)
def test_any_text_gets_a_known_reason_or_none(text):
    reason = classify_boilerplate(text)
    promo = PROMO.fullmatch(reason or "")
    if promo:
        # The quoted marker is what the text says, as it says it (ignoring case).
        assert promo[1].lower() in text.lower()
    else:
        assert reason is None or reason in REASONS, reason


@settings(max_examples=300, deadline=None)
@given(UNITS, st.text(" \t\n\r\u00a0\u2003", max_size=8), st.text(" \t\n", max_size=8))
def test_space_around_a_unit_never_changes_its_reason(text, before, after):
    # Units come from the splitter with their spacing trimmed or not, depending on the source.
    assert classify_boilerplate(before + text + after) == classify_boilerplate(text)


# Each of these opens a line that is furniture whatever follows it.
FURNITURE_OPENINGS = [
    ("Read more: ", 'Cross-promotion line ("Read more")'),
    ("ALSO READ | ", 'Cross-promotion line ("ALSO READ")'),
    ("RELATED: ", 'Cross-promotion line ("RELATED")'),
    ("Don't miss: ", 'Cross-promotion line ("Don\'t miss")'),
    ("Photo: ", "Photo caption or credit"),
    ("Image credit: ", "Photo caption or credit"),
    ("Video caption: ", "Photo caption or credit"),
    ("Courtesy: ", "Photo caption or credit"),
    ("Copyright © ", "Copyright notice"),
    ("Disclaimer: ", "Disclaimer"),
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FURNITURE_OPENINGS), st.text())
def test_a_furniture_opening_decides_whatever_follows(opening, rest):
    start, reason = opening
    assert classify_boilerplate(start + rest) == reason


ORDINARY_WORDS = [
    "the",
    "river",
    "rose",
    "people",
    "died",
    "on",
    "Monday",
    "minister",
    "said",
    "by",
    "photo",
    "was",
    "taken",
    "in",
    "2019",
    "read",
    "more",
    "than",
    "follow",
    "us",
    "join",
    "share",
    "of",
    "credit",
    "file",
    "image",
    "|",
    "23",
    "percent",
    "news",
    "live",
    "watch",
    "updated",
    "a",
]
SUBJECTS = ["The minister", "Officials", "Police", "Residents", "The report", "Rescuers"]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(SUBJECTS), st.lists(st.sampled_from(ORDINARY_WORDS), min_size=3, max_size=25)
)
def test_sentences_that_start_with_a_subject_and_end_with_a_full_stop_are_claims(subject, words):
    # Marker words in the middle of a sentence ("photo", "credit", "read more", "follow us")
    # are not enough; only a credit after a bar, or an invitation after one, makes it furniture.
    text = f"{subject} {' '.join(words)} today."
    furniture = ("| photo", "| credit", "| file", "| image", "| follow us", "| join us")
    assert classify_boilerplate(text) is None or any(marker in text for marker in furniture)


# Calls to action: the same verb phrase is furniture as an imperative to the reader, and a claim
# when someone or something is its subject or the sentence reports who said it.
CALLS = [
    "follow us on Telegram",
    "follow her on Instagram",
    "follow them on X @team",
    "join our WhatsApp channel",
    "like us on Facebook",
    "subscribe now",
    "click here",
    "join the official Telegram group",
]
READER_OPENINGS = [
    "",
    "Please ",
    "You can also ",
    "For the latest news, ",
    "For more updates ",
    "To stay informed, ",
    "Stay informed and ",
    "Like and ",
    "Don't forget to ",
    "— ",
    "Jane Doe | ",
    "Jane Doe is our reporter - ",
    "(",
]
SUBJECTS_OF_THE_VERB = [
    "40 million people",
    "Protesters who",
    "Fans",
    "The minister said her supporters",
    "Users in 20 countries",
    "Nobody will",
    "Readers who",
    "It is illegal to",
]
ENDINGS = ["", ".", " for updates.", " every day.", "!", " in 2023."]
CALL_TO_ACTION = "Call to subscribe, follow or join"


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(READER_OPENINGS),
    st.sampled_from(CALLS),
    st.sampled_from(ENDINGS),
    st.booleans(),
)
def test_an_imperative_to_the_reader_is_a_call_to_action(opening, call, ending, capital):
    text = opening + (call.capitalize() if capital and not opening else call) + ending
    assert classify_boilerplate(text) == CALL_TO_ACTION


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SUBJECTS_OF_THE_VERB), st.sampled_from(CALLS), st.sampled_from(ENDINGS))
def test_a_subject_of_the_verb_makes_it_a_claim(subject, call, ending):
    assert classify_boilerplate(f"{subject} {call}{ending}") is None


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(READER_OPENINGS + SUBJECTS_OF_THE_VERB),
    st.sampled_from(CALLS),
    st.sampled_from([", police said.", ", the company says.", ", according to the minister."]),
)
def test_a_reported_call_is_a_claim(opening, call, attribution):
    assert classify_boilerplate(f"{opening}{call}{attribution}") is None


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["Sign up", "Subscribe", "Register"]),
    st.sampled_from(["for our newsletter", "to our daily alerts", "now", "today", "free"]),
    st.sampled_from(["", ".", "!", " and never miss a story."]),
)
def test_an_invitation_to_sign_up_is_a_call_to_action(verb, rest, ending):
    assert classify_boilerplate(f"{verb} {rest}{ending}") == CALL_TO_ACTION


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["Sign up", "Subscribe", "Register"]),
    st.sampled_from(["rates", "numbers", "figures", "fees", "forms"]),
    st.sampled_from(
        ["rose 20% after the newsletter launched.", "for our newsletter fell.", "doubled"]
    ),
)
def test_a_sign_up_that_qualifies_a_noun_is_a_claim(verb, noun, rest):
    assert classify_boilerplate(f"{verb} {noun} {rest}") is None


# Credits and page notes: an agency with a photographer's name, a note of wire copy, a stamp of
# when the page changed, a break for an advertisement, a note on the views expressed.
AGENCY_CREDITS = ["AP Photo", "REUTERS", "Reuters", "AFP", "EPA-EFE", "Xinhua", "Getty Images"]
PHOTOGRAPHERS = ["John Smith", "J. Scott Applewhite", "Li Ming", "FRANCIS MASCARENHAS", "Stringer"]
CREDIT_TAILS = ["", ", File", "/File Photo", ", Pool"]
CAPTIONS = ["", "Rescuers search the rubble in Hatay. ", "Rescuers in Hatay | ", "Flood water - "]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(CAPTIONS),
    st.sampled_from(AGENCY_CREDITS),
    st.sampled_from(PHOTOGRAPHERS),
    st.sampled_from(CREDIT_TAILS),
    st.booleans(),
)
def test_an_agency_credit_with_a_name_is_a_caption(caption, agency, name, tail, brackets):
    credit = f"{agency}/{name}{tail}"
    text = caption + (f"({credit})" if brackets else credit)
    assert classify_boilerplate(text) == "Photo caption or credit"


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["Updated", "Published", "First published", "Last updated", "Posted"]),
    st.sampled_from(["", " on", ":", " -"]),
    st.sampled_from(["Jan 5, 2024", "5 January 2024", "Friday, January 5, 2024", "05/01/2024"]),
    st.sampled_from(["", " at 10:00 AM", ", 10:00 IST", " at 10:00 a.m. ET", " 10:00"]),
)
def test_an_updated_or_published_stamp_alone_is_a_date(label, joint, date, time):
    assert classify_boilerplate(f"{label}{joint} {date}{time}") == "Date or time stamp"


@pytest.mark.parametrize(
    "text",
    [
        " ".join(str(year) for year in range(1995, 2025)) + " residents",
        "Figures for " + ", ".join(str(year) for year in range(1995, 2025)) + " were revised.",
        "By Jane Doe, " + "1" * 60 + " x",
        "Sept " * 40 + "was wet.",
        "Thurs " * 40 + "again",
    ],
)
def test_a_line_of_many_numbers_or_date_words_is_read_at_once(text):
    """Each number or date word of a would-be time stamp is read one way: the line is a claim
    or text, known at once (a stamp that could split "2016" as "20"+"16" took minutes for nine
    years and never ended for thirty)."""
    assert classify_boilerplate(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "By Jane Doe, " + ", ".join(["the council said it would close the pier"] * 10_000) + ".",
        "By Jane Doe, " + "1" * 200_000,
    ],
)
def test_a_long_pasted_line_opening_with_a_byline_is_read_at_once(text):
    """A paste of a whole article on one line is read in one pass (looking for a date after
    each comma took 71 seconds for 400 KB, and longer the longer the line)."""
    assert classify_boilerplate(text) is None


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["", "("]),
    st.sampled_from(["With inputs from ", "Inputs from ", "With additional inputs from "]),
    st.lists(
        st.sampled_from(["agencies", "PTI", "ANI", "Reuters", "wires", "our bureau"]),
        min_size=1,
        max_size=3,
    ),
)
def test_a_note_of_agency_inputs_is_a_credit(bracket, note, sources):
    text = bracket + note + " and ".join(sources) + (")" if bracket else "")
    assert classify_boilerplate(text) == "Byline or reporting credit"


@pytest.mark.parametrize(
    "text",
    [
        "Related: UK inflation falls to 3.2% in March, ONS says",
        "Watch: Biden speaks in Ohio, White House says",
        "More: Man charged after crash that killed two, police said",
        "Credit: Getty Images, as reported",
    ],
)
def test_a_label_before_a_headline_without_its_full_stop_stays_furniture(text):
    """Only a reported sentence, ended as one, is a claim behind a one-word label: a promo's
    headline has no full stop."""
    assert classify_boilerplate(text) is not None
