"""The command line's words for refused requests: a store error's code and facts said as one line
that names what is wrong and the option or command that fixes it. The workbench words the same
codes in factcheck/views/error_words.py."""

from collections.abc import Callable

from factcheck.export_names import ORG_NAME_ENV, ORG_URL_ENV, PUBLIC_URL_ENV
from factcheck.lifecycle import status_words
from factcheck.shared_words import (
    BACKS_PUBLISHED_THEN,
    REMOVED_EVIDENCE_DOING,
    REVIEW_VERB,
    copy_published_words,
    url_problem_words,
)
from factcheck.store.errors import StoreError

Facts = dict


def _ids(ids) -> str:
    return ", ".join(map(str, ids))


def _either(words) -> str:
    return " or ".join(map(status_words, words))


def _a(noun: str) -> str:
    """The noun with its article: "a reviewer", "an editor", "an admin"."""
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


# What a reason is for, by the `what` a store function gives require_reason.
_REASON_FOR = {
    "verdict.correct": "a correction",
    "verdict.withdraw": "withdrawing a correction",
    "review.return": "returning a verdict",
    "claim.classify": "reclassifying",
    "evidence.remove": "removing evidence",
    "bulk.not_a_claim": "marking claims as not claims",
    "bulk.claim": "making units claims again",
    "unit.merge": "merging units",
    "unit.split": "splitting a unit",
}

_CUT_PROBLEMS = {
    "outside": "the cut must fall inside the unit, not at or beyond either end",
    "inside_a_word": "the cut must fall between two words, in the space that separates them",
    "empty_part": "both parts need some text: cut between two words of the unit",
    "overlap": "the units overlap or are out of order",
}

_ADDRESS = {
    "org_url": ("organisation URL", ORG_URL_ENV, "--org-url"),
    "public_url": ("public fact-check URL", PUBLIC_URL_ENV, "--public-url"),
}


# The option that carries the reason, by the same `what`.
_REASON_OPTION = {"review.return": "--comment", "bulk.not_a_claim": None, "bulk.claim": None}


def _reason(facts: Facts) -> str:
    what = facts.get("what", "")
    option = _REASON_OPTION.get(what, "--reason")
    words = f"{_REASON_FOR.get(what, 'this change')} needs a reason of at least"
    return f"{words} {facts['min_chars']} characters" + (f"; give {option}" if option else "")


def _unknown_value(facts: Facts) -> str:
    if facts["name"] == "assignee":
        # The command that lists people says more than a line of every username would.
        return _user_not_found({"username": facts["given"]})
    accepted = ", ".join(facts["accepted"])
    return f"the {facts['name']} filter cannot be {facts['given']!r}; use one of {accepted}"


def _user_not_found(facts: Facts) -> str:
    if facts.get("acting"):
        return f"there is no user {facts['username']!r}; add one with `factcheck user add`"
    return f"there is no user {facts['username']!r}; run `factcheck user list` to see them"


def _rating(facts: Facts) -> str:
    choices = ", ".join(
        f'"{label}" ({key})' for label, key in zip(facts["labels"], facts["keys"], strict=True)
    )
    return f"{facts['given']!r} is not on the rating scale; use one of {choices}"


def _not_set_up(facts: Facts) -> str:
    if facts.get("missing") == "org_name":
        return (
            "ClaimReview, and the bundle that holds it, need the name of the organisation"
            " publishing it: set"
            f" {ORG_NAME_ENV} or give --org-name"
        )
    return (
        "ClaimReview, and the bundle that holds it, need the public address where fact-checks"
        " are published: set"
        f" {PUBLIC_URL_ENV} or give --public-url https://factcheck.example.org"
    )


def _bad_address(facts: Facts) -> str:
    name, env, option = _ADDRESS.get(facts["what"], (facts["what"], "", ""))
    fix = f"; check {env} or {option}" if env else ""
    return f"the {name} cannot be used: {url_problem_words(facts)}{fix}"


def _open_draft(facts: Facts) -> str:
    doing = "go back to unreviewed" if facts["move"] == "status.unreviewed" else "be set aside"
    return (
        f"claim {facts['claim_id']} has a draft verdict, so it cannot {doing}; finish the verdict"
        " and send it for review instead"
    )


def _next_changed(facts: Facts) -> str:
    named = f"claim {facts['next_id']}"
    if facts["expected"] is not None:
        named += f" at version {facts['expected']}"
    now = (
        f"it is claim {facts['now_id']} at version {facts['version']}"
        if facts["now_id"] is not None
        else "there is none"
    )
    return (
        f"the unit after claim {facts['claim_id']} is no longer {named} ({now}): someone split or"
        " merged it since you looked; list the article's units (`factcheck claims ARTICLE_ID`)"
        " and merge again if it still belongs with this one"
    )


def _merged(facts: Facts) -> str:
    """A unit merged away: the claim it went to and, when that claim was split since, the claims
    its words are in now (the first holds their start)."""
    now = facts["claim_id"]
    story = facts.get("merged_into", now)
    line = f"claim {facts['id']} was merged into claim {story} (audit row {facts['audit_id']})"
    holders = facts.get("claim_ids", [now])
    if holders != [story]:
        where = f"claim {now}" if len(holders) == 1 else f"claims {_ids(holders)}"
        line += f", split since: its words are in {where} now"
    line += f"; use claim {now} instead"
    if story != now:
        line += f" (its evidence, comments and history went to claim {story})"
    if facts.get("set_aside"):
        line += (
            f"; claim {now} is marked as not a claim since: `factcheck claim classify {now} claim"
            ' --reason "..." --as USERNAME` makes it one again'
        )
    return line


def _not_attached(facts: Facts) -> str:
    claim = facts["claim_id"]
    removed = facts.get("removed") or []
    taken = "; ".join(
        f"evidence {item['id']} was removed from claim {claim}"
        + (f" by {item['by']}" if item.get("by") else "")
        + f" on {str(item['removed_at'])[:16].replace('T', ' ')} UTC"
        for item in removed
    )
    never = sorted(set(facts["evidence_ids"]) - {item["id"] for item in removed})
    if never:
        taken += ("; " if taken else "") + (
            f"evidence {_ids(never)} is not attached to claim {claim}"
        )
    return (
        f"{taken}; name evidence of this claim (`factcheck claims ARTICLE_ID --json` lists it)"
        " or attach it first with `factcheck evidence add`"
    )


WORDS: dict[str, Callable[[Facts], str]] = {
    # Who is acting
    "actor.not_a_person": lambda f: f"only people can {f['task']}: give --as USERNAME",
    "actor.not_signed_in": lambda f: "say who you are with --as USERNAME",
    "actor.not_editor": lambda f: (
        f"only an editor can {f['task']}; {f['username']} is {_a(f['role'])}"
    ),
    "actor.wrong_role": lambda f: (
        f"this needs the {' or '.join(f['roles'])} role; {f['username']} is {_a(f['role'])}"
    ),
    "actor.changed": lambda f: (
        f"{f['username']}'s account was changed while this was being saved"
        + (
            " (disabled)"
            if f["state"] == "disabled"
            else f" ({f['username']} is now {_a(f['role'])})"
        )
        + "; nothing was saved"
    ),
    # The claim's lifecycle
    "verdict.in_review": lambda f: (
        f"claim {f['claim_id']} is waiting for second review; an editor must return it"
        " (`factcheck review return`) before the verdict can change"
    ),
    "verdict.published": lambda f: (
        f"claim {f['claim_id']} has a published verdict; correct it with a reason instead"
        " (`factcheck verdict correct`)"
    ),
    "verdict.correction_open": lambda f: (
        f"a correction of claim {f['claim_id']}'s published verdict is already under way;"
        " change its draft with `factcheck verdict set`"
        + (" once an editor returns it" if f["status"] == "in_review" else "")
    ),
    "previous.no_address": lambda f: (
        f"library item {f['library_id']} was imported without an address of its own, so there is"
        " no page a reader could follow; cite the source it checked instead"
    ),
    "verdict.correction_unchanged": lambda f: (
        f"this correction would leave claim {f['claim_id']}'s published verdict as it is (the"
        " same rating, rationale and sources); change what needs correcting before sending it"
        " for review (`factcheck verdict set`)"
    ),
    "verdict.nothing_published": lambda f: (
        f"claim {f['claim_id']} has no published verdict to correct; set a verdict instead"
        " (`factcheck verdict set`)"
    ),
    "verdict.no_correction_draft": lambda f: (
        f"claim {f['claim_id']} has no correction in draft to withdraw"
        + (
            "; its correction is in review: an editor returns it first (`factcheck review return`)"
            if f["status"] == "in_review"
            else ""
        )
    ),
    "verdict.no_draft": lambda f: (
        f"claim {f['claim_id']} has no draft verdict to submit; set a verdict first"
        " (`factcheck verdict set`)"
    ),
    "verdict.not_in_review": lambda f: (
        f"claim {f['claim_id']} is not waiting for review; nothing to {REVIEW_VERB[f['move']]}"
    ),
    "unit.no_cut": lambda f: (
        f"give where to cut claim {f['claim_id']}: --after TEXT or --at OFFSET"
    ),
    "unit.last": lambda f: (
        f"claim {f['claim_id']} is the last unit of its article; there is nothing after it to"
        " merge with"
    ),
    "unit.other_paragraph": lambda f: (
        f"claims {f['claim_id']} and {f['next_id']} are in different paragraphs; only units of"
        " one paragraph can be merged"
    ),
    "unit.same_evidence": lambda f: (
        f"both units cite {f['url']} as evidence; remove it from one of them"
        " (`factcheck evidence remove`), then merge"
    ),
    "unit.bad_cut": lambda f: (
        f"claim {f['claim_id']} cannot be cut there: {_CUT_PROBLEMS[f['cut']]};"
        " give --after with the words before the cut"
    ),
    "unit.next_has_verdict": lambda f: (
        f"the next unit, claim {f['next_id']}, has a verdict, which rates exactly its words, so"
        f" claim {f['claim_id']} cannot be merged with it"
    ),
    "unit.has_verdict": lambda f: (
        f"claim {f['claim_id']} has a verdict, which rates exactly the words it was given, so it"
        " cannot be merged or split; ask an editor to correct the verdict instead"
    ),
    "claim.has_verdict": lambda f: (
        f"claim {f['claim_id']} has a verdict {status_words(f['status'])}; it cannot be"
        " reclassified"
        + (
            ": what readers were told changes only through a correction"
            " (`factcheck verdict correct`)"
            if f["status"] == "published"
            else ""
        )
    ),
    "evidence.published_verdict": lambda f: (
        f"claim {f['claim_id']} has a published verdict, and its evidence changes only through a"
        " correction; start a correction (`factcheck verdict correct`), then add the source"
    ),
    "claim.wrong_status": lambda f: (
        f"claim {f['claim_id']} is {status_words(f['status'])}, so you cannot {f['task']};"
        f" that needs a claim that is {_either(f['starts'])}"
    ),
    "claim.not_a_claim": lambda f: (
        f"claim {f['claim_id']} is marked as not a claim ({f['reason']}); classify it as a claim"
        " first (`factcheck claim classify`)"
    ),
    "claim.already_kind": lambda f: f"claim {f['claim_id']} is already classified as {f['kind']}",
    "verdict.cites_removed": lambda f: (
        f"the draft verdict on claim {f['claim_id']} cites evidence {_ids(f['evidence_ids'])},"
        " which was removed; save the verdict again on the evidence the claim has now, then"
        " submit it"
    ),
    "verdict.open_draft": _open_draft,
    "verdict.own": lambda f: (
        "you wrote or submitted this verdict, so you cannot approve it; another editor must"
        " review it"
    ),
    "verdict.not_submitter": lambda f: (
        f"only the person who submitted claim {f['claim_id']}'s verdict can take it back from"
        " review; ask an editor to return it (`factcheck review return`)"
    ),
    "verdict.needs_evidence": lambda f: (
        f"a verdict of {f['rating']!r} must rest on evidence; "
        + (
            "name the evidence it rests on with --evidence when you save it, then submit"
            if f.get("sources")
            else "add evidence to the claim (`factcheck evidence add`) and save the verdict"
            " again before submitting"
        )
    ),
    "evidence.backs_published": lambda f: (
        f"evidence {f['evidence_id']} backs the published verdict on claim {f['claim_id']};"
        f" {BACKS_PUBLISHED_THEN[f['then']]}, and remove it once an editor has approved the"
        " correction"
    ),
    "evidence.backs_in_review": lambda f: (
        f"evidence {f['evidence_id']} backs the verdict waiting for review on claim"
        f" {f['claim_id']}; an editor must return the verdict before the evidence can be removed"
    ),
    "claim.changed": lambda f: (
        f"claim {f['claim_id']} was changed by someone else since you opened it (you had version"
        f" {f['expected']}, it is now at version {f['version']}); look at the current state"
        " (`factcheck history`) and apply your change again"
    ),
    "unit.next_changed": _next_changed,
    # What was typed
    "kind.unknown": lambda f: f"kind must be 'claim' or 'not_a_claim', not {f['given']!r}",
    "reason.missing": _reason,
    "reason.too_short": _reason,
    "rating.missing": lambda f: (
        "give --rating with a rating from the scale (`factcheck verdict scale`)"
    ),
    "rating.unknown": _rating,
    "rationale.missing": lambda f: (
        f"write a rationale of at least {f['min_words']} words and {f['min_chars']} characters"
        " explaining how the evidence supports the rating (--rationale)"
    ),
    "rationale.too_short": lambda f: (
        f"write a rationale of at least {f['min_words']} words and {f['min_chars']} characters"
        " explaining how the evidence supports the rating (--rationale)"
    ),
    "comment.missing": lambda f: "write something in the comment first",
    "text.too_long": lambda f: f"the {f['what']} can be at most {f['limit']:,} characters",
    "quote.no_words": lambda f: (
        "the quote has no words to look for in the source (only punctuation or an omission"
        " mark): give the passage's own words, or leave --quote out"
    ),
    "stance.missing": lambda f: f"give --stance, one of {', '.join(f['choices'])}",
    "stance.unknown": lambda f: (
        f"stance must be one of {', '.join(f['choices'])}, not {f['given']!r}"
    ),
    "url.invalid": url_problem_words,
    "id.invalid": lambda f: (
        f"{f['name']} must be a whole number from {f['minimum']} to {f['maximum']},"
        f" not {f['given']!r}"
    ),
    "role.unknown": lambda f: f"role must be one of {', '.join(f['roles'])}, not {f['given']!r}",
    "username.invalid": lambda f: (
        "a username is 2 to 32 lower-case letters, digits, dots, dashes or underscores"
    ),
    "username.bad_end": lambda f: (
        f"the username {f['username']!r} ends with a dot or a dash, which an @-mention reads as"
        " the end of the sentence; end the username with a letter or a digit"
    ),
    "username.taken": lambda f: (
        f"the username {f['username']!r} is taken; choose another (`factcheck user list`)"
    ),
    "username.filter_word": lambda f: (
        f"the username {f['username']!r} is a word the assignee filters keep ('me' is whoever"
        " asks, 'none' is nobody); choose another"
    ),
    "username.reserved": lambda f: (
        f"the username {f['username']!r} is kept for factcheck's own work in the audit trail;"
        " choose another"
    ),
    "name.reserved": lambda f: (
        f"the name {f['name']!r} is factcheck's own in the audit trail; give another with --name"
    ),
    "name.taken": lambda f: (
        f"{f['name']!r} already names the account {f['username']}, and the history and reports"
        " name people by it; choose one that tells them apart (a middle initial, a desk)"
    ),
    "password.too_short": lambda f: f"a password needs at least {f['min_chars']} characters",
    "password.spaces": lambda f: "a password cannot start or end with a space",
    "password.wrong": lambda f: "the current password is not right",
    "password.username": lambda f: (
        "a password cannot be the username with a little added; choose a few unrelated words"
    ),
    "password.pattern": lambda f: (
        "a password cannot be one character or a few characters over and over, or a run such as"
        " 1234567890 or qwertyuiop; choose a few unrelated words"
    ),
    "password.common": lambda f: (
        "that is one of the passwords guessers try first, even with digits or symbols added;"
        " choose a few unrelated words"
    ),
    "password.guessable": lambda f: (
        "a password cannot be made only of the person's names, passwords guessers try first and"
        " runs such as abcd; add words of their own"
    ),
    "password.unchanged": lambda f: "the new password is the one set now; choose a different one",
    "status.unknown": lambda f: (
        f"status must be one of {', '.join(f['statuses'])}, not {f['given']!r}"
    ),
    "article.unchanged": lambda f: (
        f"article {f['id']} already has these details; nothing was changed"
    ),
    "article.title_blank": lambda f: "--title is blank; give the article's headline",
    "article.bad_url": lambda f: f"--url cannot be used: {f['problem']}",
    "article.language_blank": lambda f: "--language is blank; give a code such as en, de or fr",
    "article.bad_language": lambda f: (
        f"--language {f['given']!r} is not an ISO 639 language code; give one such as en, de or fr"
    ),
    "date.no_such_day": lambda f: f"there is no day {f['given']}; check the day and the month",
    "article.date_out_of_range": lambda f: (
        f"--date {f['given']} is not a day the article can have appeared on; give one from"
        f" 1900-01-01 to today ({f['today']})"
    ),
    "date.order": lambda f: (
        f"--{f['since_name']} {f['since']} is after --{f['until_name']} {f['until']}, so no day is"
        " between them; give the earlier day first"
    ),
    "audit.before_invalid": lambda f: (
        f"--before must be a row number (as `audit log` prints them), not {f['given']!r}"
    ),
    "date.invalid": lambda f: (
        f"--{f['what']} must be a date written YYYY-MM-DD (2026-01-31), not {f['given']!r}"
    ),
    "audit.record_invalid": lambda f: (
        f"--record must be a kind of record, with its number after a colon (claim:16, user:3),"
        f" not {f['given']!r}"
    ),
    "audit.checkpoint_foreign": lambda f: (
        f"the checkpoint {f['path']} is another database's, so it is not overwritten (that would"
        " break the desk it belongs to): "
        + (
            "it was copied over this database's own; restore that, or move this file aside and"
            " run `factcheck audit reset-checkpoint` again"
            if f["beside"]
            else "point FACTCHECK_AUDIT_CHECKPOINT_FILE at this database's own checkpoint"
        )
    ),
    "audit.kind_unknown": lambda f: (
        f"--kind must be one of {', '.join(f['kinds'])}, or one of their actions, not"
        f" {f['given']!r}"
    ),
    "audit.person_unknown": lambda f: (
        f"no one is called {f['given']!r}; `factcheck user list` lists everyone"
    ),
    "since.invalid": lambda f: f"--since must be a date written YYYY-MM-DD, not {f['given']!r}",
    # Records that are not there, or not in a state to change
    "article.not_found": lambda f: (
        f"there is no article {f['id']}; run `factcheck articles` to list them"
    ),
    "claim.not_found": lambda f: (
        f"there is no claim {f['id']}; run `factcheck claims ARTICLE_ID` to list them"
    ),
    "claim.merged": _merged,
    "evidence.not_found": lambda f: (
        f"there is no evidence {f['id']}; `factcheck claims ARTICLE_ID --json` lists each"
        " claim's evidence with its id"
    ),
    "evidence.not_on_claim": lambda f: (
        f"claim {f['claim_id']} has no evidence {f['id']}; `factcheck claims ARTICLE_ID --json`"
        " lists each claim's evidence with its id"
    ),
    "evidence.not_attached": _not_attached,
    "evidence.duplicate": lambda f: (
        f"this source is already evidence {f['evidence_id']} on claim {f['claim_id']}"
    ),
    "evidence.already_removed": lambda f: (
        f"evidence {f['id']} was already removed"
        + (f" by {f['removed_by']}" if f.get("removed_by") else "")
        + f" on {str(f['removed_at'])[:16].replace('T', ' ')} UTC"
    ),
    "evidence.removed": lambda f: (
        f"evidence {f['id']} was removed; {REMOVED_EVIDENCE_DOING.get(f['doing'], 'it cannot be used')}"
    ),
    "evidence.copy_published": copy_published_words,
    "evidence.copy_in_review": lambda f: (
        f"evidence {f['id']} backs the verdict waiting for review on claim {f['claim_id']}, which"
        " the editor approves as it stands; an editor returns the verdict (`factcheck review"
        " return`) before its copy changes"
    ),
    "evidence.no_page_change": lambda f: f"evidence {f['id']}'s page has no change to acknowledge",
    "verdict.quotes_changed": lambda f: (
        f"the quote checks of claim {f['claim_id']}'s sources changed since they were read;"
        f" nothing was published: see them with `factcheck claims --json`, then approve again"
    ),
    "evidence.checked_again": lambda f: (
        f"evidence {f['id']}'s page was checked again since; see what the newest check found"
        f" with `factcheck links flagged`, then acknowledge it"
    ),
    "user.not_found": _user_not_found,
    "user.disabled": lambda f: (
        f"the user {f['username']!r} is disabled; an admin can enable them"
        " (`factcheck user enable`)"
    ),
    "user.admin_only": lambda f: (
        f"only an admin can manage users; {f['username']} is {_a(f['role'])}"
    ),
    "user.disable_self": lambda f: "you cannot disable your own account; ask another admin",
    "user.role_self": lambda f: "you cannot change your own role; ask another admin",
    "user.last_admin": lambda f: (
        f"{f['username']} is the only enabled admin; make someone else an admin first"
        " (`factcheck user role USERNAME admin`), or nobody could manage people"
    ),
    "assignee.unknown": lambda f: (
        f"there is no user {f['username']!r} to assign to; run `factcheck user list` to see them"
    ),
    "assignee.disabled": lambda f: f"{f['username']} is disabled and cannot be assigned claims",
    "library.not_found": lambda f: (
        f"there is no library item {f['id']}; run `factcheck library list` to see them"
    ),
    "audit.checkpoint_in_step": lambda f: (
        "the audit trail matches its checkpoint, so there is nothing to reset; factcheck audit"
        " verify checks the rest"
    ),
    "audit.reset_needs_admin": lambda f: (
        "only an administrator may reset the audit checkpoint; give --as the username of one"
    ),
    "library.already_removed": lambda f: (
        f"library item {f['id']} was already removed by {f['removed_by']}"
        f" on {str(f['removed_at'])[:16].replace('T', ' ')} UTC"
    ),
    "library.own_verdict": lambda f: (
        f"library item {f['id']} is the desk's own published verdict on claim {f['claim_id']};"
        " it changes only through a correction of that verdict (`factcheck verdict correct`)"
    ),
    "previous_check.not_found": lambda f: (
        f"library item {f['library_id']} is not a previous check of claim {f['claim_id']}"
    ),
    "previous_check.already_dismissed": lambda f: (
        f"{f['username']} already dismissed library item {f['library_id']} for claim"
        f" {f['claim_id']}; `factcheck library restore` takes it back"
    ),
    "previous_check.not_dismissed": lambda f: (
        f"library item {f['library_id']} was not dismissed for claim {f['claim_id']}; it is left"
        f" out for having the very words of library item {f['same_words_as']}, which was:"
        f" restore that one and both come back at the next matching"
        if f.get("same_words_as")
        else f"library item {f['library_id']} was not dismissed for claim {f['claim_id']};"
        " `factcheck library dismissed CLAIM_ID` lists those that were"
    ),
    "snapshot.not_found": lambda f: f"there is no archived copy {f['id']}",
    "snapshot.no_file": lambda f: "no stored copy has that content",
    "inbox.bad_page_key": lambda f: (
        "this inbox page key is damaged or out of date; start again from the newest items"
    ),
    "queue.bad_page_key": lambda f: (
        "this page key is damaged or out of date; start again from the first page"
    ),
    "bulk.nothing_selected": lambda f: "select at least one claim first",
    "bulk.too_many": lambda f: f"a bulk action can change at most {f['limit']:,} claims at once",
    "bulk.unknown_action": lambda f: (
        f"unknown bulk action {f['given']!r}; use one of {', '.join(f['actions'])}"
    ),
    "bulk.status_not_settable": lambda f: (
        f"in bulk, a status can only be set to {_either(f['statuses'])}"
    ),
    "bulk.not_found": lambda f: f"there is no bulk action {f['audit_id']} to undo",
    "bulk.not_yours": lambda f: "you can only undo your own bulk actions",
    "bulk.already_undone": lambda f: f"bulk action {f['audit_id']} was undone already",
    "import_job.not_found": lambda f: f"there is no import job {f['id']}; start the import again",
    "import_job.cannot_retry": lambda f: (
        f"import job {f['id']} cannot be tried again; start the import again"
    ),
    "form.no_version": lambda f: "give --expect-version with the claim's version",
    "form.bad_evidence_list": lambda f: "give --evidence once for each evidence number",
    "devdata.person_differs": lambda f: (
        f"the generator needs {f['username']!r} as an active {f['role']}, but the database has"
        f" them as {f['state']}; generate into another --db"
    ),
    # Exports
    "export.not_set_up": _not_set_up,
    "export.bad_address": _bad_address,
    "export.unknown_filter": lambda f: f"exports cannot be filtered by {', '.join(f['names'])}",
    "export.unknown_value": _unknown_value,
    "export.unknown_format": lambda f: (
        f"there is no export format {f['given']!r}; use one of {', '.join(f['formats'])}"
    ),
    "export.no_published_rating": lambda f: (
        f"claim {f['claim_id']} has no published rating to put in a ClaimReview"
    ),
}


def words_for(code: str, facts: Facts) -> str:
    """One line for the refusal `code` with these facts."""
    words = WORDS.get(code)
    if words is not None:
        try:
            return words(facts)
        except (KeyError, TypeError):
            pass
    return f"refused ({code})"


def error_words(error: StoreError) -> str:
    """What the command line says for a refused request."""
    return words_for(error.code, error.facts)
