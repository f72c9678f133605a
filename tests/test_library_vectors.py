"""The library's sentence embeddings: the model's files checked, vectors written for new and
changed items and dropped with removed ones, the in-memory copy read again after a change, and the
nearest-item search against a plain sort."""

import numpy as np
import pytest
from helpers import new_database
from hypothesis import given, settings
from hypothesis import strategies as st
from test_library_search import add_item

from factcheck import library_embedding
from factcheck.matching import dense, embedding
from factcheck.matching.dense import DenseIndex
from factcheck.matching.reference import claim_projection
from factcheck.store import library_vectors
from factcheck.store.library_search import find_matches, search_candidates


@pytest.fixture
def library(tmp_path):
    db = new_database(tmp_path / "library.db")
    add_item(db, "a", "Drinking bleach cures the coronavirus.", "Does Bleach Cure COVID-19?")
    add_item(db, "b", "The Eiffel Tower was sold for scrap twice by a con man.", None)
    yield db
    db.close()


def test_texts_of_the_same_meaning_are_nearer_than_unrelated_ones():
    claim, paraphrase, unrelated, blank = embedding.embed(
        [
            "The mayor said crime fell by a third last year.",
            "According to the city's mayor, offences dropped 33% in the past year.",
            "A new species of frog was found in the rainforest.",
            "   ",
        ]
    )
    assert np.isclose(np.linalg.norm(claim), 1.0, atol=1e-5)
    assert claim @ paraphrase > 0.6 > claim @ unrelated
    assert not blank.any()


def test_a_changed_model_file_is_refused_with_what_to_do(monkeypatch):
    package, relative, _ = embedding._MODEL_FILE
    with pytest.raises(embedding.ModelUnavailable, match="make install"):
        embedding.checked_file(package, relative, "0" * 64)
    with pytest.raises(embedding.ModelUnavailable, match="not installed"):
        embedding.package_file("no_such_package_here", "model.onnx")


@given(st.lists(st.floats(-1, 1, allow_nan=False), min_size=384, max_size=384))
def test_a_stored_vector_reads_back_within_float16_precision(values):
    vector = np.array(values, dtype=np.float32)
    [back] = embedding.from_bytes([embedding.to_bytes(vector)])
    assert np.allclose(back, vector, atol=1e-3)


def test_vectors_follow_the_items(library):
    assert library_vectors.count_missing(library) == 2
    assert library_embedding.embed_missing(library) == 2
    assert library_vectors.count_missing(library) == 0
    first = library_vectors.dense_index(library)
    assert list(first.ids) == [1, 2]
    # A changed claim drops its vectors (a trigger), and the copy in memory is read again.
    library["library_items"].update(1, {"claim": "Bleach is safe to drink."})
    assert library_vectors.count_missing(library) == 1
    assert list(library_vectors.dense_index(library).ids) == [2]
    library_embedding.embed_missing(library)
    again = library_vectors.dense_index(library)
    assert list(again.ids) == [1, 2]
    assert not np.allclose(again.claims[0], first.claims[0])
    library["library_items"].delete(2)
    assert list(library_vectors.dense_index(library).ids) == [1]


def test_vectors_of_a_text_changed_while_it_was_embedded_are_not_kept(library):
    items = library_vectors.missing(library, 10)
    vectors = embedding.embed([item["claim"] for item in items])
    library["library_items"].update(1, {"title": "Bleach and COVID-19"})
    assert library_vectors.store(library, items, vectors, vectors) == 1
    assert [item["id"] for item in library_vectors.missing(library, 10)] == [1]


def test_a_claim_sharing_no_word_with_the_check_still_finds_it(library):
    add_item(library, "c", "Eating garlic protects you from catching the flu.", None)
    library_embedding.embed_missing(library)
    query = "Can swallowing disinfectant heal people of the pandemic virus?"
    assert search_candidates(library, query) == []  # not one word in common
    [best, *_] = find_matches(library, query)
    assert best["external_id"] == "a"


def test_an_item_not_embedded_yet_is_scored_as_if_it_were(library):
    query = "Drinking bleach will cure coronavirus"
    before = find_matches(library, query)
    library_embedding.embed_missing(library)
    after = find_matches(library, query)
    assert [m["external_id"] for m in before][:1] == [m["external_id"] for m in after][:1] == ["a"]
    assert before[0]["score"] == pytest.approx(after[0]["score"], abs=0.02)


@settings(max_examples=50, deadline=None)
@given(
    st.integers(1, 40).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.integers(0, 10),
            st.one_of(st.none(), st.integers(0, n - 1)),
            st.integers(0, 2**31),
        )
    )
)
def test_nearest_is_a_sort_by_cosine(case):
    count, k, left_out, seed = case
    rng = np.random.default_rng(seed)
    claims = rng.normal(size=(count, embedding.DIMENSIONS)).astype(np.float32)
    claims /= np.linalg.norm(claims, axis=1, keepdims=True)
    ids = np.arange(1, count + 1, dtype=np.int64) * 3
    index = DenseIndex(1, ids, claims, claims.astype(np.float16))
    query = rng.normal(size=(1, embedding.DIMENSIONS)).astype(np.float32)
    absent = None if left_out is None else int(ids[left_out])
    [found] = index.nearest(query, k, [absent])
    cosines = claims @ query[0]
    expected = [int(i) for i in ids[np.argsort(-cosines, kind="stable")] if int(i) != absent][:k]
    assert found.ids == expected
    assert found.best == (float(cosines[list(ids).index(expected[0])]) if expected else 0.0)


def test_a_large_library_is_searched_first_in_fewer_dimensions(monkeypatch):
    claims = [
        "The city council cut the library budget by half.",
        "Unemployment fell to its lowest level in fifty years.",
        "A shark was filmed swimming on a flooded highway.",
        "The new stadium was built without public money.",
        "Drinking bleach does not cure any virus.",
        "The river is cleaner than it was ten years ago.",
        "Bridge tolls rose by forty percent in one year.",
        "Vaccines do not contain microchips.",
    ]
    queries = [
        "Council halves funding for libraries",
        "Jobless rate at a 50-year low",
        "Video of a shark on a flooded road",
        "No taxpayer money went into the stadium",
    ]
    vectors = embedding.embed(claims)
    ids = np.arange(1, len(claims) + 1, dtype=np.int64)
    exact = DenseIndex(1, ids, vectors, vectors.astype(np.float16))
    monkeypatch.setattr(dense, "EXACT_UP_TO", 0)
    monkeypatch.setattr(dense, "SHORTLIST", 3)
    reduced = DenseIndex.of(1, ids, vectors, vectors.astype(np.float16), claim_projection())
    assert reduced.reduced is not None and reduced.reduced.shape == (len(claims), 96)
    asked = embedding.embed(queries)
    assert [n.ids[:1] for n in reduced.nearest(asked, 2)] == [[1], [2], [3], [4]]
    for by_reduced, by_all in zip(reduced.nearest(asked, 2), exact.nearest(asked, 2), strict=True):
        assert by_reduced.ids[0] == by_all.ids[0]
        assert by_reduced.cosines[0] == pytest.approx(by_all.cosines[0])
    [without] = reduced.nearest(asked[:1], 2, [1])
    assert 1 not in without.ids and len(without.ids) == 2


def test_an_own_verdict_is_embedded_by_its_claim_not_its_article_headline():
    claim = "Fourteen schools closed because of the flooding."
    headline = "Flooding closes 14 schools in the river valley"
    own = {"origin": "own", "claim": claim, "title": headline}
    assert embedding.title_to_embed(own) == claim
    assert embedding.title_to_embed({**own, "origin": "imported"}) == headline
    # Imported without a title, its claim stands in, as a fact-check's title restates its claim.
    assert embedding.title_to_embed({**own, "origin": "imported", "title": None}) == claim
    assert embedding.title_to_embed({**own, "origin": "imported", "title": "  "}) == claim
