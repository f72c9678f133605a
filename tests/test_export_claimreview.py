"""ClaimReview: every required and recommended field of the published structure, corrections,
and refusals when a review would have no rating or no URL."""

import io
import json
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from helpers import (
    RATIONALE,
    add_people,
    first_checkable_claim,
    import_sample,
    new_database,
    refused_with,
)
from hypothesis import given
from hypothesis import strategies as st
from test_export_world import (
    LATER,
    ORG_NAME,
    PUBLIC_URL,
    World,
    build_world,
    config,
    correct_later,
    export_bytes,
    publish,
)

from factcheck.cli import main
from factcheck.exports import ExportConfig, ExportFilters, ExportRefused, write_export
from factcheck.exports.claimreview import claim_review, script_safe_json, standalone_claim
from factcheck.scales import default_scale
from factcheck.store import audit, verdicts

# Google Search's fact-check structured data, as documented for ClaimReview: what a review must
# have, and what it should have. Types are checked below for each one.
REQUIRED = {
    "ClaimReview": {"claimReviewed", "reviewRating", "url"},
    "Rating": {"alternateName"},
}
RECOMMENDED = {
    "ClaimReview": {"author", "datePublished", "itemReviewed"},
    "Claim": {"appearance", "author", "datePublished", "firstAppearance"},
    "Rating": {"bestRating", "name", "ratingValue", "worstRating"},
    "Organization": {"name", "url"},
}
# Left out on purpose: an article quoting a claim is rarely where the claim first appeared.
NOT_KNOWN_TO_US = {("Claim", "firstAppearance")}
# Google recommends these for numeric ratings; a rating given in words only has none of them.
NUMERIC_RATING = {("Rating", "bestRating"), ("Rating", "ratingValue"), ("Rating", "worstRating")}


def _is_datetime(value) -> bool:
    try:
        datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _is_web_url(value) -> bool:
    parts = urlsplit(str(value))
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def structure_problems(review: dict, *, fully_known: bool) -> list[str]:
    """Everything about `review` that departs from the published ClaimReview structure."""
    problems = []

    def need(kind: str, obj: dict, recommended: bool = True, unknown=NOT_KNOWN_TO_US) -> None:
        if obj.get("@type") != kind:
            problems.append(f"{kind}: @type is {obj.get('@type')!r}")
        for field in REQUIRED.get(kind, ()):
            if obj.get(field) in (None, ""):
                problems.append(f"{kind}.{field} is required")
        if recommended:
            for field in RECOMMENDED.get(kind, ()):
                if (kind, field) not in unknown and obj.get(field) in (None, ""):
                    problems.append(f"{kind}.{field} is recommended")

    if review.get("@context") != "https://schema.org":
        problems.append("@context must be https://schema.org")
    need("ClaimReview", review)
    if not _is_web_url(review.get("url")) or not review["url"].startswith(PUBLIC_URL + "/"):
        problems.append("url must be a fact-check page on the public site")
    if not isinstance(review.get("claimReviewed"), str) or not review["claimReviewed"].strip():
        problems.append("claimReviewed must be the claim's text")
    if not _is_datetime(review.get("datePublished")):
        problems.append("datePublished must be an ISO 8601 date")
    rating = review.get("reviewRating") or {}
    value, best, worst = (rating.get(k) for k in ("ratingValue", "bestRating", "worstRating"))
    if (value, best, worst) == (None, None, None):
        need("Rating", rating, unknown=NOT_KNOWN_TO_US | NUMERIC_RATING)
    else:
        need("Rating", rating)
        if not all(isinstance(n, int) for n in (value, best, worst)) or not (
            min(best, worst) <= value <= max(best, worst)
        ):
            problems.append("ratingValue must be a number between worstRating and bestRating")
    if rating.get("alternateName") != rating.get("name"):
        problems.append("the rating's name and alternateName should be the same words")
    author = review.get("author") or {}
    need("Organization", author)
    if not _is_web_url(author.get("url")):
        problems.append("author.url must be a web address")
    item = review.get("itemReviewed") or {}
    need("Claim", item, recommended=fully_known)
    if item.get("appearance"):
        appearance = item["appearance"]
        if appearance.get("@type") != "CreativeWork" or not _is_web_url(appearance.get("url")):
            problems.append("appearance must be a CreativeWork with a url")
    if item.get("author") and item["author"].get("@type") not in ("Person", "Organization"):
        problems.append("the claim's author must be a Person or an Organization")
    if item.get("datePublished") and not _is_datetime(item["datePublished"]):
        problems.append("the claim's datePublished must be an ISO 8601 date")
    return problems


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("claimreview") / "cr.db")


def _reviews(world, filters=None, **kwargs) -> list[dict]:
    return json.loads(export_bytes(world, "claimreview", filters, **kwargs))


def _by_claim(reviews: list[dict]) -> dict[int, dict]:
    return {int(review["url"].rsplit("/", 1)[1]): review for review in reviews}


def test_only_published_verdicts_become_reviews(world):
    reviews = _by_claim(_reviews(world))
    assert set(reviews) == {world.published, world.corrected, world.harbour_published}


def test_fully_known_claim_has_every_required_and_recommended_field(world):
    review = _by_claim(_reviews(world))[world.harbour_published]
    assert structure_problems(review, fully_known=True) == []
    item = review["itemReviewed"]
    assert item["appearance"]["url"] == "https://courier.example/news/harbour-fire"
    # "…, the port authority said": the claim is the port authority's, not the reporter's.
    assert item["author"] == {"@type": "Organization", "name": "The port authority"}
    assert item["datePublished"] == "2025-03-14"
    assert review["author"] == {"@type": "Organization", "name": ORG_NAME, "url": PUBLIC_URL}
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 6,
        "worstRating": 2,
        "alternateName": "False",
        "name": "False",
    }
    assert review["url"] == f"{PUBLIC_URL}/claims/{world.harbour_published}"


def test_claim_from_a_pasted_article_still_has_every_required_field(world):
    review = _by_claim(_reviews(world))[world.published]
    assert structure_problems(review, fully_known=False) == []
    assert "appearance" not in review["itemReviewed"]


def test_a_correction_reissues_the_review_with_its_rating_and_dates(world):
    review = _by_claim(_reviews(world))[world.corrected]
    earlier, current = verdicts.verdicts_for_claim(world.db, world.corrected)
    assert review["datePublished"] == earlier["published_at"][:19] + "Z"
    assert review["dateModified"] == current["published_at"][:19] + "Z"
    assert review["reviewRating"]["alternateName"] == "Mixed"
    assert "The district clarified why four schools closed" in review["correction"]
    assert earlier["rating_label"] in review["correction"]


def test_a_correction_keeps_the_first_publication_date_and_adds_its_own(tmp_path, monkeypatch):
    # schema.org and Google: datePublished is when the fact-check was first published; a later
    # correction is dateModified.
    world = build_world(tmp_path / "later.db")
    first = verdicts.verdicts_for_claim(world.db, world.published)[-1]["published_at"]
    before = _by_claim(_reviews(world))[world.published]
    assert before["datePublished"] == first[:19] + "Z" and "dateModified" not in before
    claim_id = correct_later(world, monkeypatch)
    review = _by_claim(_reviews(world))[claim_id]
    assert review["datePublished"] == first[:19] + "Z"
    assert review["dateModified"] == LATER[:19] + "Z"
    assert review["reviewRating"]["alternateName"] == "Misleading"
    assert review["correction"].startswith(f"Corrected on {LATER[:10]}: New figures")
    assert structure_problems(review, fully_known=False) == []


def test_a_correction_under_review_keeps_the_published_review(tmp_path):
    world = build_world(tmp_path / "pending.db")
    verdicts.correct_verdict(
        world.db,
        world.published,
        rating="Misleading",
        rationale="A longer rationale that explains why the earlier verdict needs to change.",
        reason="New figures from the county",
        actor=world.people["rita"],
    )
    review = _by_claim(_reviews(world))[world.published]
    assert review["reviewRating"]["alternateName"] == "Accurate"
    assert "correction" not in review and "dateModified" not in review


def test_org_url_is_used_when_given(world):
    review = _reviews(world, config=config(org_url="https://valley.example"))[0]
    assert review["author"]["url"] == "https://valley.example"


def test_refuses_without_a_public_url_and_writes_nothing(world):
    out = io.BytesIO()
    head = audit.head(world.db)
    with refused_with(ExportRefused, "FACTCHECK_PUBLIC_URL"):
        write_export(
            world.db,
            "claimreview",
            out,
            filters=ExportFilters(),
            actor=world.people["ed"],
            config=ExportConfig(org_name=ORG_NAME),
        )
    assert out.getvalue() == b"" and audit.head(world.db) == head


def test_refuses_a_review_without_a_rating():
    record = {"id": 7, "text": "The bridge cost 9 million.", "article_id": 1, "verdicts": []}
    article = {"id": 1, "title": "Bridge"}
    settings = ExportConfig(org_name=ORG_NAME, public_url=PUBLIC_URL)
    with refused_with(ExportRefused, "no published rating"):
        claim_review(record, article, settings)
    record["verdicts"] = [
        {"id": 1, "state": "published", "rating": "x", "rating_label": "", "rating_value": 3}
    ]
    with refused_with(ExportRefused, "no published rating"):
        claim_review(record, article, settings)


def test_cli_refuses_without_a_url_with_exit_2(tmp_path, monkeypatch):
    path = tmp_path / "cli.db"
    build_world(path).db.close()
    monkeypatch.delenv("FACTCHECK_PUBLIC_URL", raising=False)
    monkeypatch.setenv("FACTCHECK_ORG_NAME", ORG_NAME)
    result = CliRunner().invoke(main, ["--db", str(path), "export", "--format", "claimreview"])
    assert result.exit_code == 2
    assert "FACTCHECK_PUBLIC_URL" in result.output and "--public-url" in result.output
    monkeypatch.setenv("FACTCHECK_PUBLIC_URL", PUBLIC_URL)
    result = CliRunner().invoke(main, ["--db", str(path), "export", "--format", "claimreview"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 3


_ratings = st.sampled_from(default_scale().ratings)
_words = st.text(min_size=1).filter(str.strip)


@given(
    text=_words,
    rating=_ratings,
    title=_words,
    author=st.none() | _words,
    publisher=st.none() | _words,
    source=st.none() | st.just("https://news.example/story?id=1"),
    claim_id=st.integers(min_value=1, max_value=10**9),
)
def test_any_published_verdict_gives_a_well_formed_review(
    text, rating, title, author, publisher, source, claim_id
):
    article = {
        "id": 1,
        "title": title,
        "author": author,
        "publisher": publisher,
        "source_url": source,
        "published_date": "2025-01-31",
    }
    record = {
        "id": claim_id,
        "text": text,
        "article_id": 1,
        "verdicts": [
            {
                "id": 1,
                "state": "published",
                "rating": rating.key,
                "rating_label": rating.label,
                "rating_value": rating.value,
                "published_at": "2025-02-01T09:30:00.123456Z",
                "correction_of": None,
            }
        ],
    }
    review = claim_review(record, article, ExportConfig(org_name=ORG_NAME, public_url=PUBLIC_URL))
    # A quotation the article does not say whose it is has no author.
    fully_known = bool(source and (author or publisher)) and "author" in review["itemReviewed"]
    assert structure_problems(review, fully_known=fully_known) == []
    assert review["claimReviewed"] == standalone_claim(text)
    assert json.loads(json.dumps(review)) == review


@given(st.text())
def test_script_safe_json_cannot_close_a_script_element(text):
    review = {"claimReviewed": text, "reviewRating": {"name": text}}
    serialised = script_safe_json(review)
    assert not set("<>&") & set(serialised)
    assert json.loads(serialised) == review


def test_a_claim_quoting_a_script_tag_is_exported_script_safe(tmp_path):
    db = new_database(tmp_path / "script.db")
    people = add_people(db)
    body = "Markup in a claim\n\nThe page ran </script><script>alert(1)</script> & 14 more tags.\n"
    claim = first_checkable_claim(db, import_sample(db, body))
    sources = [("https://markup.example/page", "refutes", None)]
    publish(db, people, claim["id"], "False", RATIONALE, sources)
    world = World(db, people, *([0] * 8))
    data = export_bytes(world, "claimreview").decode()
    assert "</script>" not in data and "<script>" not in data and "&" not in data
    assert "</script><script>alert(1)</script> & 14" in json.loads(data)[0]["claimReviewed"]


def test_an_unverifiable_verdict_is_given_in_words_not_as_the_worst_rating(tmp_path):
    world = build_world(tmp_path / "unverifiable.db")
    publish(world.db, world.people, world.untouched, "Unverifiable", RATIONALE, sources=[])
    reviews = _by_claim(_reviews(world))
    assert reviews[world.untouched]["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Unverifiable",
        "name": "Unverifiable",
    }
    assert structure_problems(reviews[world.untouched], fully_known=False) == []
    # False is the worst point of the default scale, and the scale's ends say so.
    false = reviews[world.harbour_published]["reviewRating"]
    assert false["ratingValue"] == false["worstRating"] == 2 and false["bestRating"] == 6
    scale = default_scale()
    values = [rating.value for rating in scale.ratings if rating.numeric]
    assert (min(values), max(values)) == (scale.worst_rating, scale.best_rating)


@pytest.mark.parametrize(
    ("text", "standalone"),
    [
        ("“We will build 1,150 homes by 2027.", "We will build 1,150 homes by 2027."),
        ("The money is there.”", "The money is there."),
        ("“Fares rise by 18 percent,” the company said.", None),
        ('"The port is the busiest," he said.', None),
        ('"We are on track.', "We are on track."),
        ("The council’s budget grew by 6 percent.", None),
        ("„Die Mieten steigen.", "Die Mieten steigen."),
        (
            'We do not yet know what started the fire," fire chief Oskar Hale told reporters.',
            "We do not yet know what started the fire, fire chief Oskar Hale told reporters.",
        ),
        (
            "It is too early,” the minister said, “to name a cause.",
            "It is too early, the minister said, to name a cause.",
        ),
        ("The report said: “Fares will rise.", "The report said: Fares will rise."),
        ('He called it "a plan" and left.', None),
        ('The screen measures 55" across, the seller said.', None),
        ("The council’s budget, its ‘plan’, grew.", None),
    ],
)
def test_claim_reviewed_leaves_off_a_quotation_mark_without_its_partner(text, standalone):
    assert standalone_claim(text) == (standalone or text)


def _is_left_of(shorter: str, text: str) -> bool:
    """Whether `shorter` is `text` with some characters left out."""
    rest = iter(text)
    return all(character in rest for character in shorter)


@given(st.text(alphabet=st.sampled_from(list("ab .,“”‘’«»„\"'")), max_size=30))
def test_standalone_claim_only_leaves_marks_out_and_settles(text):
    trimmed = standalone_claim(text)
    assert _is_left_of(trimmed, text)
    left_out = text
    for character in trimmed:
        left_out = left_out.replace(character, "", 1)
    assert set(left_out) <= set(" “”‘’«»„\"'"), "only marks and the spaces beside them go"
    assert standalone_claim(trimmed) == trimmed


def test_a_claim_of_quotation_marks_alone_is_kept_as_it_is():
    assert standalone_claim("“") == "“"
    assert standalone_claim('" ') == '" '


def _review_of(
    text: str,
    attribution: str | None,
    language: str = "en",
    body: str = "",
    author: str = "Sam Porter",
) -> dict:
    article = {
        "id": 1,
        "title": "Budget",
        "author": author,
        "language": language,
        "body": body or text,
    }
    record = {
        "id": 7,
        "text": text,
        "attribution": attribution,
        "article_id": 1,
        "verdicts": [
            {
                "id": 1,
                "state": "published",
                "rating": "false",
                "rating_label": "False",
                "rating_value": 2,
                "published_at": "2025-02-01T09:30:00.123456Z",
                "correction_of": None,
            }
        ],
    }
    config = ExportConfig(org_name=ORG_NAME, public_url=PUBLIC_URL)
    return claim_review(record, article, config)["itemReviewed"]


@pytest.mark.parametrize(
    ("attribution", "author"),
    [
        (
            "fire chief Oskar Hale told reporters",
            {"@type": "Person", "name": "Oskar Hale", "jobTitle": "fire chief"},
        ),
        ("said Ines Baptiste", {"@type": "Person", "name": "Ines Baptiste"}),
        ("The mayor said", {"@type": "Person", "name": "The mayor"}),
        (
            "the health ministry has also said",
            {"@type": "Organization", "name": "The health ministry"},
        ),
        (
            "according to the council's finance office",
            {"@type": "Organization", "name": "The council's finance office"},
        ),
        ("Jane Doe, the agency's director, said", {"@type": "Person", "name": "Jane Doe"}),
        (
            "Dr. Jane Smith of the U.S. Department of Transportation said",
            {
                "@type": "Person",
                "name": "Jane Smith",
                "affiliation": {
                    "@type": "Organization",
                    "name": "The U.S. Department of Transportation",
                },
            },
        ),
        (
            "the spokesman for the Department of Health said",
            {"@type": "Person", "name": "The spokesman for the Department of Health"},
        ),
        (
            "the U.S. Centers for Disease Control and Prevention warned",
            {
                "@type": "Organization",
                "name": "The U.S. Centers for Disease Control and Prevention",
            },
        ),
    ],
)
def test_an_attributed_claim_is_its_speakers(attribution, author):
    assert _review_of("Bus fares rose 12 percent in 2024.", attribution)["author"] == author


@pytest.mark.parametrize(
    ("text", "attribution", "author"),
    [
        ("Police said 31 cars were damaged.", "Police said", "Police"),
        ("According to police, 17 arrests were made in 2025.", "According to police", "Police"),
        ("17 arrests were made in 2025, police said.", "police said", "Police"),
        ("17 arrests were made, police told reporters.", "police told", "Police"),
        ("17 arrests were made, state police said.", "state police said", "State police"),
        ("State police said 17 arrests were made.", "State police said", "State police"),
        (
            "According to federal prosecutors, 3 men were charged.",
            "According to federal prosecutors",
            "Federal prosecutors",
        ),
        (
            "17 people fell ill, according to health authorities.",
            "according to health authorities",
            "Health authorities",
        ),
    ],
)
def test_a_body_named_in_small_letters_is_the_same_organisation_as_with_its_capital(
    text, attribution, author
):
    """ "Police said" and "according to police" name the same speaker."""
    named = _review_of(text, attribution)["author"]
    assert named == {"@type": "Organization", "name": author}


@pytest.mark.parametrize(
    ("attribution", "name"),
    [
        ("Doctors Without Borders said", "Doctors Without Borders"),
        ("the Teachers Union said", "The Teachers Union"),
    ],
)
def test_a_body_named_for_the_people_it_gathers_is_still_the_claims_author(attribution, name):
    author = _review_of("Bus fares rose 12 percent in 2024.", attribution)["author"]
    assert author == {"@type": "Organization", "name": name}


@pytest.mark.parametrize(
    "attribution",
    [
        "according to police records",
        "according to police sources",
        "police and firefighters said",
        "according to government figures",
        "according to plan",
    ],
)
def test_words_of_a_body_that_are_not_the_body_name_no_author(attribution):
    assert "author" not in _review_of("Bus fares rose 12 percent in 2024.", attribution)


@pytest.mark.parametrize(
    ("attribution", "language"),
    [
        ("he said", "en"),
        ("Some will say", "en"),
        ("told reporters", "en"),
        ("according to them", "en"),
        ("Officials said", "en"),
        ("Doctors said", "en"),
        ("Scientists said", "en"),
        ("economists said", "en"),
        ("Lawmakers said", "en"),
        ("according to researchers", "en"),
        ("Doctors in the region said", "en"),
        ("an official said", "en"),
        ("his office said", "en"),
        ("according to figures released on Monday", "en"),
        ("sagte Müller", "de"),
    ],
)
def test_a_claim_attributed_to_no_one_named_has_no_author_not_the_reporter(attribution, language):
    assert "author" not in _review_of("Bus fares rose 12 percent in 2024.", attribution, language)


@pytest.mark.parametrize(
    "text",
    [
        "“He has won a domestic title in four different countries.”",
        '"He has won a domestic title in four countries and the cup twice," ',
    ],
)
def test_a_quotation_the_article_does_not_say_whose_it_is_has_no_author_not_the_reporter(text):
    assert "author" not in _review_of(text, None)


def test_the_articles_own_words_with_a_quoted_phrase_are_its_bylines():
    text = 'So-called "smart" meters cut household bills by 10 percent in 2024.'
    assert _review_of(text, None)["author"] == {"@type": "Person", "name": "Sam Porter"}


def test_a_speaker_called_by_surname_is_the_person_the_article_names_in_full():
    body = (
        "Gov. Kristi Noem unveiled the campaign on Monday. Bus fares rose 12 percent in 2024,"
        " Noem said."
    )
    item = _review_of("Bus fares rose 12 percent in 2024, Noem said.", "Noem said", body=body)
    assert item["author"] == {"@type": "Person", "name": "Kristi Noem"}


@pytest.mark.parametrize(
    ("text", "attribution", "author"),
    [
        (
            "Smith, a spokesperson for Acme, said bus fares rose 12 percent.",
            "Smith, a spokesperson for Acme, said",
            {
                "@type": "Person",
                "name": "Smith",
                "jobTitle": "spokesperson",
                "affiliation": {"@type": "Organization", "name": "Acme"},
            },
        ),
        (
            "Bus fares rose 12 percent, said Jane Doe, the agency's director.",
            "said Jane Doe",
            {"@type": "Person", "name": "Jane Doe", "jobTitle": "agency's director"},
        ),
        (
            "Reuters, citing a senior official, said bus fares rose 12 percent.",
            "Reuters, citing a senior official, said",
            {"@type": "Organization", "name": "Reuters"},
        ),
    ],
)
def test_the_words_set_off_after_a_speakers_name_say_who_they_are(text, attribution, author):
    assert _review_of(text, attribution, body=text)["author"] == author


def test_a_one_word_speaker_the_article_gives_no_first_name_is_an_organisation():
    body = "Reuters reported the deal. Bus fares rose 12 percent in 2024, Reuters said."
    item = _review_of("Bus fares rose 12 percent in 2024, Reuters said.", "Reuters said", body=body)
    assert item["author"] == {"@type": "Organization", "name": "Reuters"}


@pytest.mark.parametrize(
    ("attribution", "author"),
    [
        ("The Argus Leader reported", {"@type": "Organization", "name": "The Argus Leader"}),
        ("according to Le Monde", {"@type": "Organization", "name": "Le Monde"}),
        ("Der Spiegel reported", {"@type": "Organization", "name": "Der Spiegel"}),
        # People and posts with an article or a newspaper's word in them stay people.
        ("Les Moonves said", {"@type": "Person", "name": "Les Moonves"}),
        ("La Toya Jackson said", {"@type": "Person", "name": "La Toya Jackson"}),
        (
            "the Chief Medical Examiner said",
            {"@type": "Person", "name": "The Chief Medical Examiner"},
        ),
        ("the Labour Leader said", {"@type": "Person", "name": "The Labour Leader"}),
    ],
)
def test_a_claim_a_newspaper_made_is_an_organisations(attribution, author):
    assert _review_of("Bus fares rose 12 percent in 2024.", attribution)["author"] == author


@pytest.mark.parametrize(
    ("attribution", "author"),
    [
        # People whose names hold a body's word or a particle, bodies named as people are, and
        # a title one person holds.
        ("Emily Post said", {"@type": "Person", "name": "Emily Post"}),
        ("Human Rights Watch said", {"@type": "Organization", "name": "Human Rights Watch"}),
        ("according to Health Canada", {"@type": "Organization", "name": "Health Canada"}),
        ("the White House said", {"@type": "Organization", "name": "The White House"}),
        (
            "The Archbishop of Canterbury said",
            {"@type": "Person", "name": "The Archbishop of Canterbury"},
        ),
        ("Ursula von der Leyen said", {"@type": "Person", "name": "Ursula von der Leyen"}),
    ],
)
def test_a_claims_author_is_a_person_or_an_organisation_by_the_words_of_its_name(
    attribution, author
):
    assert _review_of("Bus fares rose 12 percent in 2024.", attribution)["author"] == author


@pytest.mark.parametrize(
    ("byline", "kind"),
    [
        ("Le Monde", "Organization"),
        ("The Argus Leader", "Organization"),
        ("Les Moonves", "Person"),
        # A reporter and the paper she writes for, as syndicated copy credits them.
        ("Jane Doe; Chicago Tribune", "Person"),
        ("Sunday Isuwa; Daily Post", "Person"),
        ("Anna Schmidt, Süddeutsche Zeitung", "Person"),
        ("Jane Doe and the Montreal Gazette", "Person"),
    ],
)
def test_a_byline_naming_a_newspaper_is_an_organisation(byline, kind):
    item = _review_of("Bus fares rose 12 percent in 2024.", None, author=byline)
    assert item["author"] == {"@type": kind, "name": byline}


def test_the_articles_own_words_are_its_bylines():
    item = _review_of("Bus fares rose 12 percent in 2024.", None)
    assert item["author"] == {"@type": "Person", "name": "Sam Porter"}


@pytest.mark.parametrize("public_url", ["https://x.example/fc?lang=en", "https://x.example/fc#top"])
def test_a_public_url_that_paths_cannot_be_added_to_is_refused(public_url, monkeypatch):
    with refused_with(ExportRefused, r"\?query or #fragment"):
        ExportConfig.from_env(org_name=ORG_NAME, public_url=public_url)
    monkeypatch.setenv("FACTCHECK_PUBLIC_URL", public_url)
    result = CliRunner().invoke(main, ["settings"])
    assert "(not usable)" in result.output


def test_a_review_gives_the_language_the_claim_was_made_in(world):
    reviews = _reviews(world)
    assert {review.get("inLanguage") for review in reviews} == {"en"}


def test_a_rating_value_and_its_bounds_come_from_one_scale_after_the_scale_changed(world):
    """A desk that moved to a 1-to-5 scale: verdicts published on the 2-to-6 one were exported
    with their stored value ("Accurate" 6) against the new bounds (best 5), beyond the best, and
    "Mostly accurate" (stored 5) read as the top rating. A rating the new scale no longer has is
    given in words only."""
    from importlib import resources

    from test_export_world import config

    from factcheck.scales import parse_scale

    data = json.loads(resources.files("factcheck").joinpath("data/default_scale.json").read_text())
    data["best_rating"], data["worst_rating"] = 5, 1
    shifted = {"accurate": 5, "mostly-accurate": 4, "mixed": 3, "misleading": 2, "false": 1}
    data["ratings"] = [
        {**r, "value": shifted.get(r["key"], r["value"])}
        for r in data["ratings"]
        if r["key"] != "mixed"
    ]
    scale = parse_scale(data)
    reviews = _reviews(world, config=config(scale=scale))
    for review in reviews:
        assert structure_problems(review, fully_known=False) == [], review["reviewRating"]
        rating = review["reviewRating"]
        found = scale.find(rating["name"])
        if found is None or not found.numeric:
            assert "ratingValue" not in rating
        else:
            assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (
                found.value, 5, 1,
            )  # fmt: skip
    assert any("ratingValue" in review["reviewRating"] for review in reviews)
