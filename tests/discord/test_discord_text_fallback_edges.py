"""Edges of a refused part's plain-text version: exactly at the 2,000-character limit, a text shorter than the least
room a text is cut to, and a bold run whose text ends in an escaped backslash."""

from __future__ import annotations

import re

from adapters.discord.text_fallback import CONTENT_MAX, SHORTENED, TEXT_MIN, text_version


def embed(n: int, description: str, footer: str = "") -> dict[str, object]:
    out: dict[str, object] = {"title": f"{n}. Quay works {n}", "url": f"https://quay.test/{n}",
                              "description": description}
    if footer:
        out["footer"] = {"text": footer}
    return out


def whole(embeds: list[dict[str, object]]) -> str:
    return "\n".join(f"**{e['title']}**\n<{e['url']}>\n{e['description']}" for e in embeds)


def test_a_text_of_exactly_the_limit_is_sent_whole_and_one_more_character_is_shortened() -> None:
    first = embed(1, "")
    filler = CONTENT_MAX - len(whole([first]))
    at_limit = [embed(1, "x" * filler)]
    assert text_version({"content": "", "embeds": at_limit})["content"] == whole(at_limit)
    over = [embed(1, "x" * (filler + 1))]
    text = text_version({"content": "", "embeds": over})["content"]
    assert len(text) <= CONTENT_MAX and text.endswith(SHORTENED) and "**1. Quay works 1**" in text


def test_a_short_text_that_fits_whole_is_kept() -> None:
    # one long story makes the part too long; the others' texts are shorter than TEXT_MIN and fit whole
    short = "Cranes off"  # written for this test
    assert len(short) + 1 < TEXT_MIN
    embeds = [embed(1, "Crews repaired the quay wall. " * 120)] + [embed(n, short) for n in range(2, 6)]
    text = text_version({"content": "", "embeds": embeds})["content"]
    assert len(text) <= CONTENT_MAX
    for n in range(2, 6):  # before the fix: every short text left out, as if it were a stub
        assert f"<https://quay.test/{n}>\n{short}\n" in text + "\n"


def test_a_bold_run_ending_in_an_escaped_backslash_is_kept_whole() -> None:
    # "**Port\\**": the run's text ends in an escaped backslash, so its closing "**" is markup, not escaped
    body = "**Port\\\\** said the quay " + "would open soon and " * 200
    embeds = [embed(n, body) for n in range(1, 6)]
    text = text_version({"content": "", "embeds": embeds})["content"]
    assert len(text) <= CONTENT_MAX
    assert text.count("**Port\\\\** said the quay") == 5  # before the fix: each text cut to "…" at its "**"
    for line in text.split("\n"):  # every bold run closed: "**" outside escapes an even number of times
        assert [m for m in re.findall(r"\\.|\*\*", line)].count("**") % 2 == 0

