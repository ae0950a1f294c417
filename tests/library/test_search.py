"""Picture search: SQLite FTS5 over batch results, best matches first."""

from __future__ import annotations

import json

from alttext_app.cli.main import main
from alttext_app.core.library.search_index import SearchIndex, match_expression

RECORDS = [
    {"path": "/p/beach-dog.jpg", "alt_text": "A dog running on a sandy beach.", "labels": [{"label": "retriever"}]},
    {"path": "/p/park.jpg", "alt_text": "Two dogs playing in a park.", "labels": []},
    {"path": "/p/sunset.jpg", "alt_text": "An empty beach at sunset.", "labels": []},
    {"path": "/p/sign.png", "alt_text": "A road sign.", "text": "Beware of the dog", "labels": []},
    {"path": "/p/cafe.jpg", "alt_text": "A café with two cups.", "labels": [{"label": "espresso"}]},
    {"path": "/p/broken.jpg", "alt_text": None, "error": "Broken."},
]


def test_best_match_first_stemmed_and_accent_blind(tmp_path):
    with SearchIndex(tmp_path / "ix.sqlite") as index:
        assert index.add(RECORDS) == 5
        hits = [h.path for h in index.search("dog on a beach")]
        assert hits[0] == "/p/beach-dog.jpg"
        assert set(hits) == {"/p/beach-dog.jpg", "/p/park.jpg", "/p/sunset.jpg", "/p/sign.png"}
        assert [h.path for h in index.search("cafe")] == ["/p/cafe.jpg"]
        assert [h.path for h in index.search("espresso")] == ["/p/cafe.jpg"]  # labels count
        assert index.search("giraffe") == []


def test_re_adding_a_path_replaces_it(tmp_path):
    with SearchIndex(tmp_path / "ix.sqlite") as index:
        index.add(RECORDS)
        index.add([{"path": "/p/park.jpg", "alt_text": "A giraffe."}])
        assert index.count() == 5
        assert [h.path for h in index.search("giraffe")] == ["/p/park.jpg"]
        assert "/p/park.jpg" not in [h.path for h in index.search("dogs playing")]


def test_query_syntax_cannot_be_injected():
    assert match_expression('dog" OR NEAR(x) * ') == '"dog" OR "or" OR "near" OR "x"'
    assert match_expression("the a") == '"the" OR "a"'  # only stop words: keep them


def test_search_cli_adds_results_and_finds(tmp_path, capsys):
    results = tmp_path / "r.jsonl"
    results.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    assert main(["search", "--add", str(results)]) == 0
    assert "5 pictures added" in capsys.readouterr().out
    assert main(["search", "sandy", "beach"]) == 0
    assert capsys.readouterr().out.startswith("/p/beach-dog.jpg\tA dog running")
    assert main(["search", "giraffe"]) == 1
