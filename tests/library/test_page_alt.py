"""`fix-html`: only missing alt attributes filled; every other byte of the page identical."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from alttext_app.cli.main import main
from alttext_app.core.library import page_alt
from alttext_app.core.library.page_alt import Syntax, propose, read_page

PHOTO = Path(__file__).resolve().parents[1] / "data" / "images" / "chelsea.jpg"

HTML = (
    "<!doctype html>\r\n<meta charset=utf-8><title>Ünïcode & co</title>\r\n"
    '<p><img src="cat.jpg"> <IMG SRC=cat.jpg class=x /> <img src="cat.jpg" alt="">'
    ' <img alt="keep" src="cat.jpg"></p>\n'
    '<script>document.write("<img src=cat.jpg>")</script><!-- <img src=cat.jpg> -->\n'
    '<img\n   src="https://example.org/x.png"\n   width=3><img src="missing.png">\n'
    '<img src="data:image/png;base64,iVBORw0KGgo=" >\n'
)
MARKDOWN = (
    "# Notes\n\n![](cat.jpg) and ![](<cat.jpg> \"Title\") and ![kept](cat.jpg) \\![](cat.jpg)\n"
    "`![](cat.jpg)`\n\n```md\n![](cat.jpg)\n```\n\n<img src=\"cat.jpg\">\n"
)


def strip_inserted(updated: str, page) -> str:
    """Remove every inserted alt again: what is left must be the original, exactly."""
    kept, position, shift = [], 0, 0
    for item in sorted(page.missing, key=lambda m: m.offset):
        if item.alt is None:
            continue
        inserted = page._alt_text(item)
        at = item.offset + shift
        assert updated[at : at + len(inserted)] == inserted
        kept.append(updated[position:at])
        position, shift = at + len(inserted), shift + len(inserted)
    return "".join(kept) + updated[position:]


def test_html_missing_alts_found_and_filled_byte_identical_otherwise(tmp_path):
    shutil.copy(PHOTO, tmp_path / "cat.jpg")
    path = tmp_path / "page.html"
    path.write_bytes(HTML.encode())
    page = read_page(path)
    assert [(m.line, m.src[:12]) for m in page.missing] == [
        (3, "cat.jpg"), (3, "cat.jpg"), (5, "https://exam"), (7, "missing.png"), (8, "data:image/p")]
    propose(page, lambda source: 'A "cat" & <dog>')
    assert [m.alt is not None for m in page.missing] == [True, True, False, False, True]
    assert "web image" in page.missing[2].note and "not there" in page.missing[3].note
    updated = page.updated_bytes().decode()
    assert '<img src="cat.jpg" alt="A &quot;cat&quot; &amp; &lt;dog&gt;">' in updated
    assert '<IMG SRC=cat.jpg class=x alt="A &quot;cat&quot; &amp; &lt;dog&gt;" />' in updated
    assert strip_inserted(updated, page).encode() == HTML.encode()


def test_markdown_fills_empty_brackets_outside_code(tmp_path):
    shutil.copy(PHOTO, tmp_path / "cat.jpg")
    path = tmp_path / "notes.md"
    path.write_bytes(MARKDOWN.encode())
    page = read_page(path)
    assert [m.syntax for m in page.missing] == [Syntax.MARKDOWN, Syntax.MARKDOWN, Syntax.HTML]
    propose(page, lambda source: "A cat [sleeping]")
    updated = page.updated_bytes().decode()
    assert "![A cat \\[sleeping\\]](cat.jpg) and ![A cat \\[sleeping\\]](<cat.jpg> \"Title\")" in updated
    assert "`![](cat.jpg)`" in updated and "```md\n![](cat.jpg)\n```" in updated
    assert strip_inserted(updated, page).encode() == MARKDOWN.encode()


def test_non_utf8_page_keeps_its_bytes_and_gets_character_references(tmp_path):
    shutil.copy(PHOTO, tmp_path / "cat.jpg")
    original = '<p>caf\xe9 <img src="cat.jpg"></p>\n'.encode("latin-1")
    (tmp_path / "old.htm").write_bytes(original)
    page = read_page(tmp_path / "old.htm")
    propose(page, lambda source: "Un café")
    assert page.updated_bytes() == b'<p>caf\xe9 <img src="cat.jpg" alt="Un caf&#233;"></p>\n'


def test_data_uri_is_decoded_locally():
    assert page_alt.image_source(Path("/x/p.html"), "data:image/png;base64,aGk=") == b"hi"
    assert page_alt.image_source(Path("/x/p.html"), "img/a%20b.png") == Path("/x/img/a b.png")


def test_fix_html_cli_review_then_write(tmp_path, capsys, monkeypatch):
    shutil.copy(PHOTO, tmp_path / "cat.jpg")
    path = tmp_path / "page.html"
    path.write_bytes(HTML.encode())
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: review only
    assert main(["fix-html", "--review", "--model", "builtin", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("→") == 2 and "Nothing written" in out
    assert path.read_bytes() == HTML.encode()
    assert main(["fix-html", "--model", "builtin", str(path)]) == 0
    assert "2 alt texts added, 3 left without" in capsys.readouterr().out
    assert path.read_bytes().count(b" alt=") == 4
    assert main(["fix-html", "--model", "builtin", str(path)]) == 0  # nothing left to fill
    assert "0 alt texts added" in capsys.readouterr().out


@pytest.mark.parametrize("src", ["javascript:x()", "", "//cdn/x.png"])
def test_sources_that_are_not_local_files_are_not_read(src):
    assert isinstance(page_alt.image_source(Path("/x/p.html"), src), str)
