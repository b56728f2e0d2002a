"""A long paragraph with inline link arrows ("... the workshop » .") is text, while short arrow lines are navigation."""

from __future__ import annotations

from bot.ingest.junk import clean_text, is_junk_line

# invented: one long line of prose holding two "Read more »"-style link stubs mid-paragraph, as a page flattened
# to a single line gives it
_SENTENCES = [
    "The village library in Norholt opened a repair cafe in its basement last spring, and it has been busy ever since.",
    "Volunteers fix toasters, lamps and bicycles for anyone who brings them, asking only that owners watch and learn.",
    "Read how the first volunteers set up their benches in the old boiler room » .",
    "Mara Eskelund, a retired electrician, runs the Tuesday sessions and keeps a notebook of every repair made.",
    "She says most broken kettles need nothing more than a new fuse or a cleaned contact.",
    "See the volunteers at work on a Saturday morning in the basement workshop » .",
    "The council has promised a small grant next year so the cafe can buy better tools and a second soldering station.",
    "Organisers hope to open a similar cafe in the neighbouring town of Vellby before the winter.",
]
ONE_LINE_ARTICLE = " ".join(_SENTENCES)


def test_one_line_article_with_inline_arrows_is_kept() -> None:
    cleaned = clean_text(ONE_LINE_ARTICLE, title="Library repair cafe keeps busy")
    assert "Organisers hope to open a similar cafe" in cleaned
    assert "The village library in Norholt" in cleaned
    assert not is_junk_line(ONE_LINE_ARTICLE)


def test_other_separator_marks_inside_a_long_line_keep_it() -> None:
    for arrow in ("›", "|"):
        line = ONE_LINE_ARTICLE.replace(" » .", f" {arrow} .")
        assert "Organisers hope" in clean_text(line), arrow


def test_short_arrow_lines_are_still_dropped() -> None:
    raw = "\n".join([
        "Home › Local › Libraries",
        "The village library in Norholt opened a repair cafe in its basement last spring.",
        "Read more »",
        "Volunteers fix toasters, lamps and bicycles for anyone who brings them.",
        "« Previous",
        "Next »",
        "News | Sport | Weather | Culture",
    ])
    paragraphs = clean_text(raw).split("\n\n")
    assert paragraphs == [
        "The village library in Norholt opened a repair cafe in its basement last spring.",
        "Volunteers fix toasters, lamps and bicycles for anyone who brings them.",
    ]


def test_breadcrumb_ending_in_a_long_headline_is_still_navigation() -> None:
    assert is_junk_line("Home › Local › Libraries › Village library opens a repair cafe in its old boiler room")
    assert is_junk_line("News » Local » Norholt library repair cafe draws crowds of volunteers every single Saturday")
