"""The workbench's words for refusals: a store error's code and facts, said plainly for someone at
a browser. The command line words the same codes in factcheck/cli/error_words.py, with its options
and commands; nothing here names them. Imports and fetches are worded in views/import_words.py."""

import re

from factcheck.lifecycle import status_words
from factcheck.shared_words import (
    BACKS_PUBLISHED_THEN,
    REMOVED_EVIDENCE_DOING,
    REVIEW_VERB,
    as_sentence,
    copy_published_words,
)
from factcheck.store.errors import StoreError
from factcheck.views.formatting import when_words
from factcheck.views.import_words import url_problem_words

Facts = dict


def _a(noun: str) -> str:
    """The noun with its article: "a reviewer", "an editor", "an admin"."""
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


# What a reason is for, by the `what` a store function gives require_reason.
_REASON_FOR = {
    "verdict.correct": "Say why the verdict is corrected",
    "verdict.withdraw": "Say why the correction is withdrawn",
    "review.return": "Say what should change",
    "claim.classify": "Give the reason",
    "evidence.remove": "Say why the evidence is removed",
    "bulk.not_a_claim": "Give the reason these are not claims",
    "bulk.claim": "Give the reason these are claims after all",
    "unit.merge": "Say why the two units are one claim",
    "unit.split": "Say why the unit is two claims",
}
_CUT_PROBLEMS = {
    "outside": "Cut inside the unit, not at either end.",
    "inside_a_word": "Cut between two words, not inside one.",
    "empty_part": "Both parts need some text: choose a cut between two words.",
    "overlap": "These units overlap; reload the page and try again.",
}
_TEXT_NAMES = {
    "comment": "A comment",
    "quote": "The quoted passage",
    "note": "The note",
    "rationale": "The rationale",
    "reason": "The reason",
    "title": "The title",
    "author": "The author",
    "publisher": "The publisher",
    "source_url": "The source address",
    "display name": "The display name",
}
_KIND_WORDS = {"claim": "a claim", "not_a_claim": "not a claim"}
_ADDRESS_NAMES = {"org_url": "organisation's address", "public_url": "public fact-check address"}
#: The queue's names for the filters an export takes, where they differ from the form field's.
_FILTER_LABELS = {"previous": "previous check"}


#: Why the desk's own published verdict cannot be cited while no public address is set.
OWN_CHECK_WITHOUT_ADDRESS = (
    "Our verdict has no public address to cite: an administrator sets FACTCHECK_PUBLIC_URL (where"
    " readers find the desk's published checks), then it can be added as evidence."
)


def _ids(ids) -> str:
    return ", ".join(map(str, ids))


def _reason(facts: Facts) -> str:
    lead = _REASON_FOR.get(facts.get("what", ""), "Give a reason")
    return f"{lead}, in at least {facts.get('min_chars', 10)} characters."


def _rationale(facts: Facts) -> str:
    return (
        f"Say a little more: a rationale needs at least {facts['min_words']} words"
        f" ({facts['min_chars']} characters) on how the evidence supports the rating."
    )


def _stance(facts: Facts) -> str:
    return "Choose whether the source supports or refutes the claim, gives context, or is mixed."


def _open_draft(facts: Facts) -> str:
    doing = "go back to unreviewed" if facts["move"] == "status.unreviewed" else "be set aside"
    return (
        f"This claim has a draft verdict, so it cannot {doing}; finish the verdict and send it"
        " for review instead."
    )


def _merged(facts: Facts) -> str:
    now = facts["claim_id"]
    story = facts.get("merged_into", now)
    words = (
        f"This claim (id {facts['id']}) was merged into the one before it in the article (id"
        f" {story}); its evidence, comments and history went with it."
    )
    holders = facts.get("claim_ids", [now])
    if holders != [story]:
        where = f"id {now}" if len(holders) == 1 else f"ids {_ids(holders)}"
        words += f" That claim was split since: this claim's words are in {where} now."
    if facts.get("set_aside"):
        words += (
            f" Id {now} is marked as not a claim since; mark it as a claim to give it a verdict."
        )
    return words


def _already_removed(facts: Facts) -> str:
    who = facts.get("removed_by_name")
    by = f" by {who}" if who else ""
    return f"Evidence {facts['id']} was already removed{by} {when_words(facts['removed_at'])}."


def _not_attached(facts: Facts) -> str:
    removed = facts.get("removed") or []
    if not removed:
        return (
            f"Evidence {_ids(facts['evidence_ids'])} is not attached to this claim; reload the"
            " page to see its evidence."
        )
    taken = " ".join(
        f"Evidence {item['id']} was taken off this claim"
        + (f" by {item['by_name']}" if item.get("by_name") else "")
        + f" {when_words(item['removed_at'])}"
        + (f" (“{item['reason']}”)." if item.get("reason") else ".")
        for item in removed
    )
    return (
        f"{taken} The verdict was not saved: the panel now shows the claim's evidence as it is."
        " Tick what the verdict rests on and save again; your text is kept."
    )


_STORE_WORDS = {
    # Who is acting
    "actor.not_a_person": lambda f: "Sign in to do this.",
    "actor.not_signed_in": lambda f: "Sign in first.",
    "actor.not_editor": lambda f: (
        f"Only an editor can {f['task']}; your account is {_a(f['role'])}'s."
    ),
    "actor.wrong_role": lambda f: (
        f"This needs the {' or '.join(f['roles'])} role; your account is {_a(f['role'])}'s."
    ),
    "actor.changed": lambda f: (
        "Your account was changed while this was being saved"
        + (" (it was disabled)" if f["state"] == "disabled" else f" (you are now {_a(f['role'])})")
        + ", so nothing was saved. Reload the page."
    ),
    # The claim's lifecycle
    "verdict.in_review": lambda f: (
        "This claim is waiting for second review; an editor must return it before the verdict"
        " can change."
    ),
    "verdict.published": lambda f: (
        "This claim has a published verdict; correct it, with a reason, instead."
    ),
    "verdict.correction_open": lambda f: (
        "A correction of this claim's published verdict is already under way; change its"
        " draft instead."
    ),
    "previous.no_address": lambda f: (
        OWN_CHECK_WITHOUT_ADDRESS
        if f.get("own")
        else "This fact-check was imported without an address of its own, so there is no page a"
        " reader could follow: cite the source it checked instead."
    ),
    "verdict.correction_unchanged": lambda f: (
        "This correction changes nothing readers see: the rating, rationale and sources are"
        " the published verdict's. Change what needs correcting before sending it for review."
    ),
    "verdict.nothing_published": lambda f: (
        "This claim has no published verdict to correct; write a verdict instead."
    ),
    "verdict.no_correction_draft": lambda f: (
        "This claim has no correction in draft to withdraw"
        + (
            ": its correction is in review, and an editor returns it first."
            if f["status"] == "in_review"
            else "."
        )
    ),
    "verdict.no_draft": lambda f: (
        "This claim has no draft verdict to submit; save a verdict first."
    ),
    "verdict.not_in_review": lambda f: (
        f"This claim is not waiting for review, so there is nothing to {REVIEW_VERB[f['move']]}."
    ),
    "unit.no_cut": lambda f: "Choose where to split the unit.",
    "unit.last": lambda f: (
        "This is the last unit of the article: there is nothing after it to merge with."
    ),
    "unit.other_paragraph": lambda f: (
        "The next unit is in another paragraph; only units of one paragraph can be merged."
    ),
    "unit.same_evidence": lambda f: (
        f"Both units cite {f['url']} as evidence; remove it from one of them, then merge."
    ),
    "unit.bad_cut": lambda f: f"This unit cannot be cut there. {_CUT_PROBLEMS[f['cut']]}",
    "unit.next_has_verdict": lambda f: (
        f"The next sentence (claim {f['next_id']}) has a verdict, which rates exactly its words,"
        " so the two cannot be merged."
    ),
    "unit.has_verdict": lambda f: (
        "This claim has a verdict, which rates exactly the words it was given, so it cannot be"
        " merged or split; ask an editor to correct the verdict instead."
    ),
    "claim.has_verdict": lambda f: (
        f"This claim has a verdict {status_words(f['status'])}, so it cannot be reclassified"
        + (
            ": what readers were told changes only through a correction; start one from the"
            " claim's panel."
            if f["status"] == "published"
            else "."
        )
    ),
    "evidence.published_verdict": lambda f: (
        "This claim has a published verdict, and its evidence changes only through a correction;"
        " start a correction, then add the source."
    ),
    "claim.wrong_status": lambda f: (
        f"This claim is {status_words(f['status'])}, so you cannot {f['task']}; that needs a claim"
        f" that is {' or '.join(map(status_words, f['starts']))}."
    ),
    "claim.not_a_claim": lambda f: (
        f"This is marked as not a claim ({f['reason']}); classify it as a claim first."
    ),
    "claim.already_kind": lambda f: (
        f"This is already classified as {_KIND_WORDS.get(f['kind'], f['kind'])}."
    ),
    "verdict.cites_removed": lambda f: (
        f"The draft verdict cites evidence {_ids(f['evidence_ids'])}, which was removed; save the"
        " verdict again on the evidence the claim has now, then submit it."
    ),
    "verdict.open_draft": _open_draft,
    "verdict.own": lambda f: (
        "You wrote or submitted this verdict, so you cannot approve it; another editor must"
        " review it."
    ),
    "verdict.not_submitter": lambda f: (
        "Only the person who submitted this verdict can take it back from review; ask an editor"
        " to return it."
    ),
    "verdict.needs_evidence": lambda f: (
        f"A verdict of {f['rating']} must rest on evidence: "
        + (
            "tick the sources it rests on and save it again before submitting."
            if f.get("sources")
            else "add a source to the claim and save the verdict again before submitting."
        )
    ),
    "evidence.backs_published": lambda f: (
        f"Evidence {f['evidence_id']} backs the published verdict;"
        f" {BACKS_PUBLISHED_THEN[f['then']]}, and remove it once an editor has approved the"
        " correction."
    ),
    "evidence.backs_in_review": lambda f: (
        f"Evidence {f['evidence_id']} backs the verdict waiting for review; an editor must return"
        " the verdict before the evidence can be removed."
    ),
    "claim.changed": lambda f: (
        "Someone else changed this claim since you opened it; look at it as it is now and make"
        " your change again."
    ),
    "unit.next_changed": lambda f: (
        "Someone split or merged the next sentence since you opened this; look at it as it is"
        " now and merge again if it still belongs with this one."
    ),
    # What was typed
    "kind.unknown": lambda f: "Choose whether this is a claim or not a claim.",
    "rating.missing": lambda f: "Choose a rating.",
    "rating.unknown": lambda f: (
        f"Choose one of the ratings on the scale: {', '.join(f.get('labels', []))}"
        + (f"; {f['given']!r} is not one." if f.get("given") else ".")
    ),
    "rationale.missing": lambda f: "Write the rationale: how the evidence supports the rating.",
    "rationale.too_short": _rationale,
    "reason.missing": _reason,
    "reason.too_short": _reason,
    "comment.missing": lambda f: "Write something in the comment first.",
    "text.too_long": lambda f: (
        f"{_TEXT_NAMES.get(f.get('what'), 'This text')} can be at most {f['limit']:,} characters."
    ),
    "quote.no_words": lambda f: (
        "The quoted passage has no words to look for in the source (only punctuation or an"
        " omission mark). Copy the passage's own words, or leave the quote empty."
    ),
    "stance.missing": _stance,
    "stance.unknown": _stance,
    "url.invalid": url_problem_words,
    "id.invalid": lambda f: (
        f"The {f['name']} number must be a whole number from {f['minimum']} to"
        f" {f['maximum']:,}, not {f['given']!r}."
    ),
    "role.unknown": lambda f: f"Role must be one of {', '.join(f['roles'])}.",
    "username.invalid": lambda f: (
        "A username is 2 to 32 lower-case letters, digits, dots, dashes or underscores."
    ),
    "username.bad_end": lambda f: (
        f"The username {f['username']} ends with a dot or a dash, which an @-mention reads as"
        " the end of the sentence; end the username with a letter or a digit."
    ),
    "username.taken": lambda f: f"The username {f['username']} is taken; choose another.",
    "username.filter_word": lambda f: (
        f"The username {f['username']} is a word the assignee filters keep (“me” is whoever"
        " asks, “none” is nobody); choose another."
    ),
    "username.reserved": lambda f: (
        f"The username {f['username']} is kept for the workbench's own work in the history;"
        " choose another."
    ),
    "name.reserved": lambda f: (
        f"The name {f['name']} is the workbench's own in the history; choose another."
    ),
    "name.taken": lambda f: (
        f"{f['name']} already names the account {f['username']}, and the history and reports"
        " name people by it; choose one that tells them apart (a middle initial, a desk)."
    ),
    "password.too_short": lambda f: f"A password needs at least {f['min_chars']} characters.",
    "password.spaces": lambda f: "A password cannot start or end with a space.",
    "password.wrong": lambda f: "The current password is not right.",
    "password.username": lambda f: (
        "A password cannot be the username with a little added; choose a few unrelated words."
    ),
    "password.pattern": lambda f: (
        "A password cannot be one character or a few characters over and over, or a run such as"
        " 1234567890 or qwertyuiop; choose a few unrelated words."
    ),
    "password.common": lambda f: (
        "That is one of the passwords guessers try first, even with digits or symbols added;"
        " choose a few unrelated words."
    ),
    "password.guessable": lambda f: (
        "A password cannot be made only of your names, passwords guessers try first and runs"
        " such as abcd; add words of your own."
    ),
    "password.unchanged": lambda f: (
        "The new password is the one you have now; choose a different one."
    ),
    "status.unknown": lambda f: (
        f"Status must be one of {', '.join(f['statuses'])}, not {f['given']!r}."
    ),
    "article.unchanged": lambda f: "Nothing was changed: every detail is as it was.",
    "article.title_blank": lambda f: "The title cannot be empty: give the article's headline.",
    "article.bad_url": lambda f: f"The source address cannot be used: {f['problem']}.",
    "article.language_blank": lambda f: (
        "The language cannot be empty: give its code, such as en, de or fr."
    ),
    "article.bad_language": lambda f: (
        f"“{f['given']}” is not a language code: give an ISO 639 code, such as en, de or fr."
    ),
    "date.no_such_day": lambda f: f"There is no day {f['given']}: check the day and the month.",
    "article.date_out_of_range": lambda f: (
        f"{f['given']} is not a day the article can have appeared on: give one from 1900-01-01"
        f" to today ({f['today']})."
    ),
    "date.order": lambda f: (
        f"{f['since_name'].capitalize()} {f['since']} is after {f['until_name']} {f['until']}, so no"
        " day is between them; give the earlier day first."
    ),
    "audit.before_invalid": lambda f: (
        f"The page to go on from must be a row number, not {f['given']!r}; start again from the"
        " newest changes."
    ),
    "date.invalid": lambda f: (
        f"{f['what'].capitalize()} must be a date written YYYY-MM-DD (2026-01-31), not"
        f" {f['given']!r}."
    ),
    "audit.record_invalid": lambda f: (
        f"Record must be a kind of record, with its number after a colon (claim:16, user:3),"
        f" not {f['given']!r}."
    ),
    "audit.checkpoint_foreign": lambda f: (
        f"The checkpoint {f['path']} is another database's, so it is not overwritten; an"
        " administrator restores this database's own checkpoint."
    ),
    "audit.kind_unknown": lambda f: (
        f"Kind of change must be one of {', '.join(f['kinds'])}, not {f['given']!r}."
    ),
    "audit.person_unknown": lambda f: (
        f"There is no one called {f['given']!r}; the Users page lists everyone."
    ),
    "since.invalid": lambda f: (
        f"Since must be a date written YYYY-MM-DD (2026-01-31), not {f['given']!r}."
    ),
    # Records that are not there, or not in a state to change
    "article.not_found": lambda f: (
        f"There is no article {f['id']}. The dashboard lists every article."
    ),
    "claim.not_found": lambda f: f"There is no claim {f['id']}. The dashboard lists every article.",
    # Ids named as ids: the panel numbers claims by their place in the article, addresses by id.
    "claim.merged": _merged,
    "evidence.not_found": lambda f: f"There is no evidence {f['id']}; reload the claim.",
    "evidence.not_on_claim": lambda f: (
        f"This claim has no evidence {f['id']}; reload the page to see its evidence."
    ),
    "evidence.not_attached": _not_attached,
    "evidence.duplicate": lambda f: (
        f"This source is already evidence on the claim (evidence {f['evidence_id']})."
    ),
    "evidence.already_removed": _already_removed,
    "evidence.removed": lambda f: (
        f"Evidence {f['id']} was removed; {REMOVED_EVIDENCE_DOING.get(f['doing'], 'it cannot be used')}."
    ),
    "evidence.copy_published": lambda f: as_sentence(copy_published_words(f)),
    "evidence.copy_in_review": lambda f: (
        f"Evidence {f['id']} backs the verdict waiting for review, which the editor approves as it"
        " stands; an editor must return the verdict before its copy changes."
    ),
    "evidence.no_page_change": lambda f: "This source's page has no change to acknowledge.",
    "verdict.quotes_changed": lambda f: (
        "The quote checks of this verdict's sources changed since you opened it (a copy of a"
        " source came in): nothing was published. Read them as they are now, then approve."
    ),
    "evidence.checked_again": lambda f: (
        "The link watch checked this source's page again since you opened it, and nothing was"
        " acknowledged: look at what the newest check found, then acknowledge it."
    ),
    "user.not_found": lambda f: f"There is no one with the username {f['username']}.",
    "user.disabled": lambda f: (
        f"{f['username']}'s account is switched off; an administrator can switch it on."
    ),
    "user.admin_only": lambda f: "Only an administrator can manage people's accounts.",
    "user.disable_self": lambda f: "You cannot disable your own account; ask another admin.",
    "user.role_self": lambda f: "You cannot change your own role; ask another admin.",
    "user.last_admin": lambda f: (
        f"{f['username']} is the only administrator left; make someone else an administrator"
        " first, or nobody could manage people's accounts."
    ),
    "assignee.unknown": lambda f: f"There is no one called {f['username']} to assign to.",
    "assignee.disabled": lambda f: (
        f"{f['username']}'s account is switched off, so they cannot be given claims."
    ),
    "library.not_found": lambda f: f"There is no library item {f['id']}.",
    "library.already_removed": lambda f: (
        f"Library item {f['id']} was already removed by {f['removed_by_name']}"
        f" {when_words(f['removed_at'])}."
    ),
    "audit.checkpoint_in_step": lambda f: (
        "The audit trail matches its checkpoint, so there is nothing to reset."
    ),
    "audit.reset_needs_admin": lambda f: "Only an administrator may reset the audit checkpoint.",
    "library.own_verdict": lambda f: (
        f"This is the desk's own published verdict on claim {f['claim_id']}; it changes only"
        " through a correction of that verdict."
    ),
    "previous_check.not_found": lambda f: (
        "That earlier check is no longer a match for this claim; reload the claim to see its"
        " previous checks."
    ),
    "previous_check.already_dismissed": lambda f: (
        f"{f.get('name') or f['username']} has already dismissed that earlier check as not this"
        + (f" claim's {when_words(f['dismissed_at'])}." if f.get("dismissed_at") else " claim's.")
    ),
    "previous_check.not_dismissed": lambda f: (
        "That earlier check was not dismissed itself: it is left out for having the very words of"
        " one that was. Restore that one and both come back at the next matching."
        if f.get("same_words_as")
        else "That earlier check is not dismissed for this claim (someone may have restored it);"
        " reload the claim to see its previous checks."
    ),
    "snapshot.not_found": lambda f: f"There is no archived copy {f['id']}.",
    "snapshot.no_file": lambda f: "This archived copy has no stored file.",
    "inbox.bad_page_key": lambda f: (
        "This inbox link is damaged or out of date; start again from the inbox's newest items."
    ),
    "queue.bad_page_key": lambda f: (
        "This page link is damaged or out of date; start again from the first page of the queue."
    ),
    "bulk.nothing_selected": lambda f: "Select at least one claim first.",
    "bulk.too_many": lambda f: (
        f"A bulk action can change at most {f['limit']:,} claims at once; select fewer."
    ),
    "bulk.unknown_action": lambda f: "Choose what to do with the selected claims.",
    "bulk.status_not_settable": lambda f: (
        f"In bulk, a status can only be set to {' or '.join(map(status_words, f['statuses']))}."
    ),
    "bulk.not_found": lambda f: "There is no bulk action to undo.",
    "bulk.not_yours": lambda f: "You can only undo your own bulk actions.",
    "bulk.already_undone": lambda f: "That bulk action was undone already; nothing was changed.",
    "import_job.not_found": lambda f: "There is no import of yours here; start the import again.",
    "import_job.cannot_retry": lambda f: "This import cannot be tried again; start it again.",
    "form.no_version": lambda f: (
        "This form does not say which version of the claim it was opened at; reload the page"
        " and try again."
    ),
    "form.bad_evidence_list": lambda f: (
        "The evidence ticked is not a list of evidence numbers; reload the page."
    ),
    "devdata.person_differs": lambda f: (
        f"{f['username']} is here already with another role or switched off."
    ),
    # Exports
    "export.not_set_up": lambda f: (
        "ClaimReview and the bundle need the organisation's name and the public address where"
        " its fact-checks are published; an administrator sets them."
    ),
    "export.bad_address": lambda f: (
        f"The {_ADDRESS_NAMES.get(f['what'], 'address')} set for exports cannot be used; an"
        f" administrator sets it. {url_problem_words(f)}"
    ),
    "export.unknown_filter": lambda f: f"Exports cannot be filtered by {', '.join(f['names'])}.",
    "export.unknown_value": lambda f: (
        f"The {_FILTER_LABELS.get(f['name'], f['name'])} filter cannot be {f['given']!r}: exports"
        f" take {', '.join(repr(value) for value in f['accepted'])}, or leave it out for any."
    ),
    "export.unknown_format": lambda f: (
        f"There is no export format {f['given']!r}; choose one of {', '.join(f['formats'])}."
        if (f["given"] or "").strip()
        else f"Choose an export format: {', '.join(f['formats'])}."
    ),
    "export.no_published_rating": lambda f: (
        f"Claim {f['claim_id']} has no published rating to put in a ClaimReview."
    ),
}

# A clause that speaks to the command line: an option, a setting, a command to run.
CLI_HINT = re.compile(r"--[a-z]|`|\bFACTCHECK_[A-Z_]+|\bfactcheck [a-z]")


def sentence(text: str) -> str:
    """Text as a sentence: capital first letter, full stop at the end."""
    text = " ".join(str(text).split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def store_words(code: str | None, facts: Facts) -> str:
    """What the workbench says for the store's refusal `code` with these facts."""
    words = _STORE_WORDS.get(code or "")
    if words is not None:
        try:
            return words(facts)
        except (KeyError, TypeError):
            pass
    return "That cannot be done here."


#: A fact the workbench adds to a refusal that came after something was saved in the same
#: request (a verdict's draft, saved before its submission was refused).
SAVED_FIRST = "saved_first"


def store_error_words(error: StoreError) -> str:
    """What the workbench says for a refused request."""
    words = store_words(error.code, error.facts)
    saved = error.facts.get(SAVED_FIRST)
    return f"{words} {saved}" if saved else words
