"""Search your pictures by what they show: batch results in an SQLite FTS5 full-text index.

One row per image path (re-adding a path replaces its row). The alt text, the text read from the
image and the labels are indexed; alt text counts most. A query is a bag of words: every word
may match (OR), stemmed (porter: "dogs" finds "dog"). Pictures matching more of the words come
first, then BM25 orders them, so "dog on a beach" puts pictures with both a dog and a beach first
without demanding every little word.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alttext_app.core.errors import AltTextError
from alttext_app.core.paths import library_dir

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pictures(
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, alt_text TEXT, text TEXT, labels TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS pictures_fts USING fts5(
    alt_text, text, labels, content='pictures', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2');
CREATE TRIGGER IF NOT EXISTS pictures_ai AFTER INSERT ON pictures BEGIN
    INSERT INTO pictures_fts(rowid, alt_text, text, labels)
    VALUES (new.id, new.alt_text, new.text, new.labels);
END;
CREATE TRIGGER IF NOT EXISTS pictures_ad AFTER DELETE ON pictures BEGIN
    INSERT INTO pictures_fts(pictures_fts, rowid, alt_text, text, labels)
    VALUES ('delete', old.id, old.alt_text, old.text, old.labels);
END;
"""
# Column weights for bm25(): alt text, text in the image, labels.
_WEIGHTS = (4.0, 1.0, 2.0)
# Words too common in alt text to help a search; everything else is kept.
_STOP_WORDS = frozenset(["a", "an", "and", "the", "of", "on", "in", "at", "with", "to", "is", "are", "it", "its", "this", "that"])
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Hit:
    path: str
    alt_text: str
    score: float  # higher is better: words matched, then BM25


def default_index_path() -> Path:
    return library_dir() / "pictures.sqlite"


def query_terms(query: str) -> list[str]:
    """The words of a free-text query, each quoted for FTS5 (no operator injection)."""
    words = _WORD.findall(query.lower())
    kept = [w for w in words if w not in _STOP_WORDS] or words
    return [f'"{w}"' for w in dict.fromkeys(kept)]


def match_expression(query: str) -> str:
    """An FTS5 MATCH expression for free text: every word may match (OR)."""
    return " OR ".join(query_terms(query))


class SearchIndex:
    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else default_index_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        try:
            self._db.executescript(_SCHEMA)
        except sqlite3.OperationalError as exc:
            self._db.close()
            raise AltTextError(
                "This Python's SQLite has no full-text search (FTS5).", detail=str(exc)
            ) from exc

    def add(self, records: Iterable[dict[str, Any]]) -> int:
        """Index result records (from `alttext batch`); records with an error are left out."""
        rows = [
            (
                str(r["path"]), r.get("alt_text") or "", r.get("text") or "",
                " ".join(item.get("label", "") for item in r.get("labels") or []),
            )
            for r in records
            if r.get("path") and r.get("alt_text") and not r.get("error")
        ]
        with self._db:
            self._db.executemany("DELETE FROM pictures WHERE path = ?", [(r[0],) for r in rows])
            self._db.executemany(
                "INSERT INTO pictures(path, alt_text, text, labels) VALUES (?, ?, ?, ?)", rows
            )
        return len(rows)

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """Pictures matching more of the words first, then by BM25 (rarer words weigh more)."""
        terms = query_terms(query)
        if not terms:
            return []
        matched = " + ".join(
            "(p.id IN (SELECT rowid FROM pictures_fts WHERE pictures_fts MATCH ?))" for _ in terms
        )
        rows = self._db.execute(
            f"SELECT p.path, p.alt_text, bm25(pictures_fts, ?, ?, ?) AS rank, {matched} AS words "
            "FROM pictures_fts JOIN pictures p ON p.id = pictures_fts.rowid "
            "WHERE pictures_fts MATCH ? ORDER BY words DESC, rank, p.path LIMIT ?",
            (*_WEIGHTS, *terms, " OR ".join(terms), limit),
        ).fetchall()
        return [Hit(path, alt, words - rank) for path, alt, rank, words in rows]

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM pictures").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
