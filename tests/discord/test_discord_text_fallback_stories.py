"""A refused part's plain-text version names every story of the part (title and link) within 2,000 characters:
the ledger counts each of them as shown, so a story cut off the tail would be lost to the channel."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from discord_harness import AdapterFactory
from fake_discord import CHANNEL_ID, FakeDiscord

from adapters.discord.text_fallback import CONTENT_MAX, INVALID_FORM_BODY, SHORTENED, text_version
from bot.models import Briefing, BriefingItem, ChannelRef, SourceRef, Story, SummarySentence
from digests.parts import Part
from digests.render_discord import STORIES_WITH_BUTTONS, TITLE_MAX, Message, briefing_parts

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)


def story(n: int, *, headline: str = "", sentences: int = 6) -> Story:
    text = (f"Ferry crews at pier {n} counted the gulls twice before noon and logged a quiet harbour with a light "
            "westerly wind and no delays for the morning crossing.")
    summary = tuple(SummarySentence(f"{text} Note {i}.", f"a{n}", i, 0, 10) for i in range(sentences))
    url = f"https://harbour.test/2026/05/04/pier-{n}-crossing-report"
    source = SourceRef(f"a{n}", "Harbour Wire", url, f"Pier {n} report", NOW)
    return Story(id=f"s{n}", headline=headline or f"Pier {n} crossing report is out", sources=(source,),
                 summary=summary, first_seen=NOW, updated=NOW, url=url)


def briefing(stories: Sequence[Story], more: Sequence[Story] = ()) -> Briefing:
    return Briefing("Harbour briefing", NOW, tuple(BriefingItem(s, 1.0) for s in stories),
                    more=tuple(BriefingItem(s, 0.5) for s in more))


def full_part(stories: Sequence[Story], more: Sequence[Story] = ()) -> Part[Message]:
    return max(briefing_parts(briefing(stories, more)), key=lambda p: len(p.story_ids))


async def test_a_refused_part_goes_out_naming_every_story_it_holds(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    b = briefing([story(n) for n in range(3 * STORIES_WITH_BUTTONS)])
    parts = briefing_parts(b)
    fake.fail("POST", rf"/channels/{CHANNEL_ID}/messages", 400, code=INVALID_FORM_BODY, skip=1)  # part 2 refused
    ids = await make_adapter().post(ChannelRef("discord", CHANNEL_ID), b, key="slot-0")
    posted = fake.messages[CHANNEL_ID]
    assert len(ids) == len(parts) == len(posted) and posted[1]["embeds"] == []
    text = posted[1]["content"]
    assert len(text) <= CONTENT_MAX and len(parts[1].story_ids) == STORIES_WITH_BUTTONS
    for embed in parts[1].message["embeds"]:
        assert f"**{embed['title']}**\n<{embed['url']}>" in text


def test_a_full_part_of_long_stories_names_every_story_within_the_limit() -> None:
    part = full_part([story(n) for n in range(STORIES_WITH_BUTTONS)])
    assert len(part.story_ids) == STORIES_WITH_BUTTONS  # the most stories a part holds (each with its buttons)
    text = text_version(part.message)["content"]
    assert len(text) <= CONTENT_MAX and text.endswith(SHORTENED)
    for embed in part.message["embeds"]:
        assert f"**{embed['title']}**\n<{embed['url']}>" in text
    for n in range(STORIES_WITH_BUTTONS):  # each story keeps the start of its text, none is cut off whole
        assert f"Ferry crews at pier {n} counted the gulls" in text
    assert text.startswith(part.message["content"])


def test_the_longest_titles_discord_allows_are_named_whole() -> None:
    long = [story(n, headline=f"Pier {n} " + "crossing " * 40, sentences=3) for n in range(STORIES_WITH_BUTTONS)]
    part = full_part(long)
    assert len(part.story_ids) == STORIES_WITH_BUTTONS
    assert all(len(e["title"]) == TITLE_MAX for e in part.message["embeds"] if "url" in e)
    text = text_version(part.message)["content"]
    assert len(text) <= CONTENT_MAX
    for embed in part.message["embeds"]:
        if "url" in embed:
            assert f"**{embed['title']}**\n<{embed['url']}>" in text


def test_a_part_that_fits_is_unchanged() -> None:
    embed = {"title": "1. Kelby harbour reopens", "url": "https://news.test/kelby",
             "description": "Crews cleared the \\*north\\* berth.", "footer": {"text": "briefbot"},
             "fields": [{"name": "Sources", "value": "[Test Wire](https://news.test/kelby)"}]}
    text = text_version({"content": "**Morning briefing** — 1 story", "embeds": [embed], "components": [{}]})
    assert text == {"content": "**Morning briefing** — 1 story\n**1. Kelby harbour reopens**\n"
                               "<https://news.test/kelby>\nCrews cleared the \\*north\\* berth.\n"
                               "Sources: [Test Wire](https://news.test/kelby)\nbriefbot", "embeds": []}


def test_the_and_more_list_names_every_story_it_holds() -> None:
    more = [story(n, headline=f"Tide table {n} posted") for n in range(10, 28)]
    part = full_part([story(n) for n in range(3)], more)
    assert {f"s{n}" for n in range(10, 28)} <= set(part.story_ids)
    text = text_version(part.message)["content"]
    assert len(text) <= CONTENT_MAX
    for s in more:  # as a masked link, kept from unfurling
        assert f"[{s.headline}](<{s.url}>)" in text
    for n in range(3):
        assert f"**{n + 1}. Pier {n} crossing report" in text and f"<https://harbour.test/2026/05/04/pier-{n}-" in text


def test_a_shortened_text_keeps_escapes_and_markup_whole() -> None:
    body = ("\\*" * 3 + " **Speaker** said " + "\\_word " * 400)
    embeds = [{"title": f"{n}. Story {n}", "url": f"https://news.test/{n}", "description": body} for n in range(1, 6)]
    text = text_version({"content": "", "embeds": embeds})["content"]
    assert len(text) <= CONTENT_MAX
    for line in text.split("\n"):
        assert line.count("**") % 2 == 0
        assert not re.search(r"(?<!\\)(\\\\)*\\…", line)  # no cut inside an escape: "…" is never escaped


def test_links_too_long_for_the_message_leave_the_titles_named() -> None:
    embeds = [{"title": f"{n}. Bridge works {n}", "url": f"https://news.test/{n}?" + "q" * 900,
               "description": "Lanes close at night. " * 40} for n in range(1, 6)]
    text = text_version({"content": "Morning briefing", "embeds": embeds})["content"]
    assert len(text) <= CONTENT_MAX and text.startswith("Morning briefing\n")
    for n in range(1, 6):
        assert f"**{n}. Bridge works {n}**" in text
    assert text.count("<https://news.test/") == 1  # the room one of them fits in


def test_when_not_even_the_titles_fit_the_message_says_how_many_are_not_shown() -> None:
    lines = [f"Notice {n} about the pier lights on the east side" for n in range(200)]
    embeds = [{"title": "And 200 more", "description": "\n".join(lines[:90])},
              {"title": "And 200 more (continued)", "description": "\n".join(lines[90:])}]
    text = text_version({"content": "", "embeds": embeds})["content"]
    assert len(text) <= CONTENT_MAX
    shown = len(re.findall(r"^Notice \d+ ", text, re.MULTILINE))
    missing = re.search(r"(\d+) more of its stories did not fit here\)$", text)
    assert missing is not None and 0 < shown < 200 and shown + int(missing[1]) == 200
