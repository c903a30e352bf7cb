"""Anonymous course feedback: the file carries answers only; the tally keeps to the small-group rule."""

from __future__ import annotations

import json
import random

import pytest

from trust_workshop.model import feedback as fb


def _answers(ratings, comments=("", "", "")) -> dict:
    return {"ratings": list(ratings), "comments": list(comments)}


def test_the_notebook_asks_what_the_paper_form_asks() -> None:
    words = fb.wording()
    assert len(words["scale_items"]) >= 4 and len(words["questions"]) >= 2
    empty = fb.empty_answers()
    assert len(empty["ratings"]) == len(words["scale_items"]) and len(empty["comments"]) == len(words["questions"])


def test_the_file_holds_the_answers_and_nothing_else() -> None:
    n = len(fb.wording()["scale_items"])
    raw = fb.anonymous_file(_answers([5] * n, ["Kind leaders", "", ""]))
    data = json.loads(raw)
    assert set(data) == {"format", "version", "ratings", "comments"}
    assert fb.read(raw)["comments"][0] == "Kind leaders"


def test_odd_values_are_dropped_not_trusted() -> None:
    n = len(fb.wording()["scale_items"])
    raw = json.dumps({"format": fb.FORMAT, "version": 1, "ratings": [9, "5", True, 3.0, 2],
                      "comments": [7, "ok\x00", None], "name": "Sam"}).encode()
    got = fb.read(raw)
    assert got["ratings"][:5] == [None, None, None, None, 2] and len(got["ratings"]) == n
    assert got["comments"][:2] == ["", "ok"] and "name" not in got


@pytest.mark.parametrize("raw", [b"", b"PK\x03\x04zip", b"\xff\xfe", b"[]", b'{"format": "other"}',
                                 json.dumps({"format": fb.FORMAT, "version": 99}).encode(), b"[" * 10_000,
                                 b" " * (fb.MAX_BYTES + 1)])
def test_a_file_that_is_not_feedback_is_refused_kindly(raw) -> None:
    with pytest.raises(fb.FeedbackProblem):
        fb.read(raw)


def _files(*ratings_lists, comments=None) -> list[tuple[str, bytes]]:
    out = []
    for i, ratings in enumerate(ratings_lists):
        n = len(fb.wording()["scale_items"])
        said = [comments[i] if comments else "", "", ""]
        out.append((f"f{i}.json", fb.anonymous_file(_answers((list(ratings) + [None] * n)[:n], said))))
    return out


def test_the_group_tally_counts_each_answer() -> None:
    t = fb.tally(_files([5, 4], [5, 2], [3], comments=["a", "b", "c"]), rng=random.Random(1))
    assert t.shown and t.files == 3
    assert t.counts[0] == {1: 0, 2: 0, 3: 1, 4: 0, 5: 2}
    assert t.counts[1] == {1: 0, 2: 1, 3: 0, 4: 1, 5: 0}
    assert sorted(t.comments[0]) == ["a", "b", "c"]


def test_fewer_than_three_files_show_nothing() -> None:
    t = fb.tally(_files([5], [1], comments=["only me", "and you"]))
    assert not t.shown and t.files == 2
    assert all(sum(c.values()) == 0 for c in t.counts) and t.comments[0] == []


def test_copies_of_one_file_cannot_make_a_group_look_big_enough() -> None:
    one = _files([5], comments=["mine"])[0][1]
    t = fb.tally([("a.json", one), ("b.json", one), ("c.json", one)])
    assert t.files == 1 and not t.shown
    assert [name for name, _ in t.skipped] == ["b.json", "c.json"]


def test_comments_are_shuffled_so_order_says_nothing_about_who() -> None:
    files = _files(*([1] for _ in range(8)), comments=[f"c{i}" for i in range(8)])
    orders = {tuple(fb.tally(files, rng=random.Random(seed)).comments[0]) for seed in range(5)}
    assert len(orders) > 1
