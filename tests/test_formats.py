"""Copy formats: plain, HTML and Markdown alt text must survive any characters a caption holds."""

from __future__ import annotations

import html.parser

import pytest

from alttext_app.core.formats import as_html, as_markdown, format_alt_text, image_src


class _ImgParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize(
    "alt",
    ['A sign saying "Stop" & <b>go</b>', "Tom's café — 5 > 3", "plain words", "x\ny\tz"],
)
def test_html_parses_back_to_the_same_alt_text(alt: str) -> None:
    parser = _ImgParser()
    parser.feed(as_html(alt, "/home/me/My Photos/cup & saucer.jpg"))
    assert len(parser.tags) == 1
    tag, attrs = parser.tags[0]
    assert tag == "img"
    assert attrs["alt"] == " ".join(alt.split())
    assert attrs["src"] == "cup%20%26%20saucer.jpg"


def test_html_never_leaks_the_local_folder() -> None:
    assert "/home/me" not in as_html("A cup.", "/home/me/cup.jpg")
    assert as_html("A cup.", None) == '<img src="image.png" alt="A cup.">'


def test_markdown_escapes_brackets_and_backslashes() -> None:
    text = as_markdown(r"A [draft] sign with a \ slash", "/tmp/a (1).png")
    assert text == r"![A \[draft\] sign with a \\ slash](a%20%281%29.png)"


def test_markdown_link_target_is_one_token() -> None:
    text = as_markdown("A cup.", "/x/my file(2).jpg")
    target = text[text.index("](") + 2 : -1]
    assert " " not in target and "(" not in target and ")" not in target


def test_plain_is_one_line_and_unknown_format_fails() -> None:
    assert format_alt_text("  two\nlines  ", "plain") == "two lines"
    assert format_alt_text("A cup.", "markdown", "c.png") == "![A cup.](c.png)"
    assert format_alt_text("A cup.", "html", "c.png") == '<img src="c.png" alt="A cup.">'
    with pytest.raises(ValueError):
        format_alt_text("A cup.", "rtf")


def test_image_src_uses_the_file_name() -> None:
    assert image_src("/a/b/ünïcode.png") == "%C3%BCn%C3%AFcode.png"
