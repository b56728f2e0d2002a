"""Markdown images and links are found in one pass over a line: a huge line of ``![`` or ``[`` that never closes
(each opening once scanned to the line's end) is left as it is, and what does close is removed or kept as before."""

from __future__ import annotations

import pytest

from bot.ingest.files import strip_markdown

N = 100_000  # a 200-400 KB line: with a scan to the line's end from each opening, hours of CPU


@pytest.mark.parametrize("line", [
    "![" * N,
    "[" * N,
    "![](" * N,
    "[a](" * N,
    "![a]" * N,
    "[a]b" * N,
], ids=["image-openings", "link-openings", "images-unclosed", "links-unclosed", "images-no-address",
        "links-no-address"])
def test_a_flood_that_never_closes_is_left_as_it_is(line: str) -> None:
    assert strip_markdown(line + "\nThe harbour at Dunmallow was dredged.") == (
        line + "\nThe harbour at Dunmallow was dredged.")


def test_a_flood_that_closes_at_its_end_is_one_image() -> None:
    # the first opening's description runs up to the one "]": the whole line is that image
    assert strip_markdown("![" * N + "](pier.png) dredged") == " dredged"
    assert strip_markdown("[" * N + "](pier.html) dredged") == "[" * (N - 1) + " dredged"


@pytest.mark.parametrize(("text", "plain"), [
    ("Before ![a pier](pier.png) after", "Before  after"),
    ("See [the plan](http://dunmallow.example/plan) now", "See the plan now"),
    ("![a [b](c.png)", ""),  # an image's description may hold "["
    ("[](empty) and [x](y)", "[](empty) and x"),  # a link needs text
    ("[a] [b](c) ![d] (e)", "[a] b ![d] (e)"),
    ("![a](b\nc)", "![a](b\nc)"),  # neither spans lines
    ("**bold** and `code`", "bold and code"),
])
def test_images_and_links_as_before(text: str, plain: str) -> None:
    assert strip_markdown(text) == plain
