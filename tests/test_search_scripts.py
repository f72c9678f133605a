"""Searching claims in scripts other than Latin (migration 036, store/search_words): a Hindi word
is one word, Arabic and Hebrew vowel marks are left out on both sides, and a Chinese, Japanese or
Thai word is found anywhere in a run written without spaces; Latin search is as it was."""

import re

import pytest

from factcheck.resources import migrations_dir
from factcheck.store import claim_matches
from factcheck.store.queue_reads import QueueFilters, filter_clauses, queue_results
from factcheck.store.search_words import FOLDED_MARKS

CLAIMS = {
    "unemployment": "मंत्री ने कहा कि बेरोजगारी 2025 में कम हुई और 5 लाख लोगों को काम मिला।",
    "farmers": "सरकार ने कहा कि किसानों की आय 20 प्रतिशत बढ़ी।",
    "pollution": "सरकार ने कहा कि 2025 में प्रदूषण 40 प्रतिशत बढ़ा।",
    "taxes marked": "قالَ وزيرُ الماليةِ إنَّ الضَّرائبَ سترتفعُ بنسبة 15 في المئة.",
    "government bare": "قال وزير العمل إن الحكومة ستخفض الضرائب على الشركات.",
    "hebrew pointed": "הַמֶּמְשָׁלָה הודיעה כי המסים יעלו ב-15 אחוז.",
    "shanghai": "国家统计局表示，2025年上海房价上涨了12%。",
    "tokyo": "東京都によると、2025年の人口は1400万人に減少した。",
    "oil": "กระทรวงพลังงานกล่าวว่าราคาน้ำมันเพิ่มขึ้น 15 เปอร์เซ็นต์ในปี 2025",
    "latin": "José Martínez said the mayor of Łódź built 1,200 homes in 2025.",
    "gdp": "中国GDP增长了5.2%。",
    "rab": "র‍্যাব জানিয়েছে, ঢাকায় ২০ জন গ্রেপ্তার হয়েছে।",
    "inflation": "सरकार के अनुसार महँगाई 6 प्रतिशत रही।",
    "investment": "وزیر گفت سرمایه\u200cگذاری خارجی ۱۲ درصد افزایش یافت.",
}


@pytest.fixture
def claims(store_article) -> dict[str, int]:
    body = "\n\n".join(CLAIMS.values())
    specs = [(text, "body", "claim", None, 0.5) for text in CLAIMS.values()]
    store_article(body, specs, title="Many scripts")
    return {}


@pytest.fixture
def ids(claims, app_db) -> dict[str, int]:
    by_text = {row["text"]: row["id"] for row in app_db.query("SELECT id, text FROM claims")}
    return {name: by_text[text] for name, text in CLAIMS.items()}


def found(db, typed: str) -> list[int]:
    clauses, params = filter_clauses(QueueFilters(search=typed))
    sql = f"SELECT c.id FROM claims c WHERE {' AND '.join(clauses)} ORDER BY c.id"
    listed = [row[0] for row in db.execute(sql, params)]
    results = queue_results(db, QueueFilters(search=typed))
    assert sorted(row["id"] for row in results.rows) == listed
    assert results.count == len(listed)
    return listed


def names(ids: dict[str, int], listed: list[int]) -> set[str]:
    return {name for name, claim_id in ids.items() if claim_id in listed}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("सोना", set()),  # gold: in no claim
        ("नेता", set()),  # leader: in no claim
        ("किसानों", {"farmers"}),
        ("सरकार", {"farmers", "pollution", "inflation"}),
        ("प्रदूषण", {"pollution"}),
        ("बढ़", {"farmers", "pollution"}),  # a word's start, as typed so far
        ("बढा", {"pollution"}),  # typed without its nukta
        ("बढ़ा", {"pollution"}),  # "increased", not "बढ़ी" (the feminine form)
        ("बेरोजगारी", {"unemployment"}),
        # The candrabindu and the anusvara, written either way.
        ("महंगाई", {"inflation"}),
        ("महँगाई", {"inflation"}),
        # A word with a zero-width joiner inside, copied as it is, or typed without it.
        ("র‍্যাব", {"rab"}),
        ("র্যাব", {"rab"}),
    ],
)
def test_a_hindi_word_is_one_word(app_db, ids, typed, expected):
    assert names(ids, found(app_db, typed)) == expected


@pytest.mark.parametrize("typed", ["سرمایه\u200cگذاری", "سرمایه گذاری", "گذاری", "سرمایه"])
def test_a_persian_word_parted_by_a_non_joiner_is_found_by_its_pieces(app_db, ids, typed):
    # Persian writes a word's pieces apart with a zero-width non-joiner, and many type a space.
    assert names(ids, found(app_db, typed)) == {"investment"}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("الضرائب", {"taxes marked", "government bare"}),
        ("الضَّرائب", {"taxes marked", "government bare"}),
        ("الضـرائب", {"taxes marked", "government bare"}),  # a tatweel typed
        ("الحكومة", {"government bare"}),
        ("الحُكومة", {"government bare"}),
        ("سترتفع", {"taxes marked"}),
        ("הממשלה", {"hebrew pointed"}),
    ],
)
def test_arabic_and_hebrew_vowel_marks_are_left_out_on_both_sides(app_db, ids, typed, expected):
    assert names(ids, found(app_db, typed)) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("房价", {"shanghai"}),
        ("上涨", {"shanghai"}),
        ("上海 房价", {"shanghai"}),
        ('"房价"', {"shanghai"}),
        ("人口", {"tokyo"}),
        ("減少", {"tokyo"}),
        ("2025年", {"shanghai", "tokyo"}),
        ("增长", {"gdp"}),
        ("gdp增长", {"gdp"}),
        ("房价 国家统计局", {"shanghai"}),
        ("房价 tokyo", set()),
        ("东京 2025年", set()),
        ("下跌", set()),  # fell: in no claim
        ("น้ำมัน", {"oil"}),  # oil, in the middle of a Thai run
        ("ราคาน้ำมัน", {"oil"}),
        ("ทองคำ", set()),  # gold: in no claim
    ],
)
def test_a_word_of_an_unspaced_script_is_found_anywhere_in_its_run(app_db, ids, typed, expected):
    assert names(ids, found(app_db, typed)) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Jose", {"latin"}),
        ("josé", {"latin"}),
        ("lodz", {"latin"}),
        ("martinez mayor", {"latin"}),
        ("1200", {"latin"}),
        ("mayors", set()),
    ],
)
def test_latin_search_is_as_it_was(app_db, ids, typed, expected):
    assert names(ids, found(app_db, typed)) == expected


def test_the_index_follows_a_claim_edited_in_another_script(app_db, ids):
    app_db.execute(
        "UPDATE claims SET text = ? WHERE id = ?", ["الحُكومةُ تَرفعُ الضَّرائب", ids["latin"]]
    )
    assert names(ids, found(app_db, "ترفع")) == {"latin"}
    assert names(ids, found(app_db, "Jose")) == set()
    app_db.execute("INSERT INTO claims_fts (claims_fts, rank) VALUES ('integrity-check', 1)")


def test_a_library_item_in_hindi_finds_its_claims_by_whole_words(app_db, ids):
    # "किसानों" (farmers) is one word of the index, as the item's text reads it.
    assert claim_matches.claims_like(app_db, "किसानों की आय", 10) == [ids["farmers"]]


def test_the_queue_page_and_its_json_find_a_chinese_word(client, ids):
    data = client.get("/queue.json?q=房价").get_json()
    assert [row["id"] for row in data["claims"]] == [ids["shanghai"]]
    assert data["count"] == 1
    assert client.get("/queue.json?q=सोना").get_json()["claims"] == []
    page = client.get("/queue?q=الضرائب").get_data(as_text=True)
    assert f'value="{ids["taxes marked"]}"' in page
    assert f'value="{ids["government bare"]}"' in page


def test_the_index_and_the_search_leave_out_the_same_marks():
    sql = (migrations_dir() / "036_search_every_script.sql").read_text(encoding="utf-8")
    view = sql[sql.index("CREATE VIEW") : sql.index("CREATE VIRTUAL TABLE")]
    # Each mark taken out, or written as another (the candrabindu as its anusvara).
    named = sorted([*FOLDED_MARKS, *(ord(other) for other in FOLDED_MARKS.values() if other)])
    assert sorted(int(code) for code in re.findall(r"char\((\d+)\)", view)) == named
    # Each text a trigger gives the index, with each mark taken out once.
    for statement in re.findall(r"INSERT INTO claims_fts .*?;", sql, re.DOTALL)[:-1]:
        codes = [int(code) for code in re.findall(r"char\((\d+)\)", statement)]
        assert sorted(codes) == named, statement[:60]


def test_the_queue_says_words_were_left_out_only_when_they_were():
    from factcheck.views.review_queue import search_note

    nine_hindi_words = "प्रधानमंत्री मोदी ने कहा कि भारत की जीडीपी बढ़ी"
    assert search_note(nine_hindi_words) is None
    thirteen = " ".join(f"word{n}" for n in range(13))
    assert search_note(thirteen) == "Only the first 12 words are looked for."
