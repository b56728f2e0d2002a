"""Block Kit rendering: within Slack's limits, complete across messages, and mention-safe."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

import pytest
from fake_slack import pings, validate_blocks
from slack_helpers import NOW, make_briefing

from bot.models import Attribution, Briefing, BriefingItem
from digests.render_slack import (
    SlackLimits,
    SlackMessage,
    chunk_text,
    escape,
    link,
    markdown_to_mrkdwn,
    render_briefing,
    render_text,
)
from digests.story_actions import STORY_ACTIONS, action_id, parse_action_id


def payload(message: object) -> dict[str, object]:
    return {"text": message.text, "blocks": list(message.blocks)}  # type: ignore[attr-defined]


@pytest.mark.parametrize(("raw", "expected"), [
    ("<!channel> breaking", "&lt;!channel&gt; breaking"),
    ("Tom & Jerry <3", "Tom &amp; Jerry &lt;3"),
    ("hey @here and @Everyone, @channel!", "hey @\u200bhere and @\u200bEveryone, @\u200bchannel!"),
    ("<@U123ABC> <!subteam^S1>", "&lt;@U123ABC&gt; &lt;!subteam^S1&gt;"),
    ("mail me at someone@here.example", "mail me at someone@\u200bhere.example"),
])
def test_escape_defuses_every_mention_form(raw: str, expected: str) -> None:
    assert escape(raw) == expected
    assert not pings({"text": escape(raw)})


def test_links_cannot_smuggle_markup() -> None:
    assert link("https://x.example/a?b=1&c=2", "A <b> title") == "<https://x.example/a?b=1&amp;c=2|A &lt;b&gt; title>"
    assert link("https://x.example/a|<!channel>", "t") == "<https://x.example/a%7C&lt;!channel&gt;|t>"
    assert link("javascript:alert(1)", "label") == "label"
    assert link("", "<!here>") == "&lt;!here&gt;"


def test_markdown_reply_becomes_safe_mrkdwn() -> None:
    text = "**Who said** [Rutte <!here>](https://n.example/r) & <@U1>"
    assert markdown_to_mrkdwn(text) == "*Who said* <https://n.example/r|Rutte &lt;!here&gt;> &amp; &lt;@U1&gt;"


def test_chunks_respect_the_limit_and_never_split_a_link() -> None:
    words = " ".join(f"<https://e.example/{n}|word {n}>" for n in range(400))
    chunks = chunk_text(words, 300)
    assert all(len(c) <= 300 for c in chunks)
    assert all(c.count("<") == c.count(">") for c in chunks)
    assert " ".join(chunks) == words


def test_small_briefing_is_one_valid_message() -> None:
    briefing = make_briefing(3)
    messages = render_briefing(briefing)
    assert len(messages) == 1
    blocks = list(messages[0].blocks)
    assert validate_blocks(blocks) is None
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "Morning briefing",
                                                    "emoji": True}}
    assert blocks[-1]["type"] == "context"
    assert "3 stories from 3 outlets" in blocks[-1]["elements"][0]["text"]
    assert f"<!date^{int(NOW.timestamp())}^" in blocks[-1]["elements"][0]["text"]
    text = messages[0].text
    for n in range(3):
        assert f"<https://news.example/{n}|Story number {n} about the summit>" in text
        assert f"<https://news0.example/{n}/|Outlet 0>" in text


def test_a_republished_copy_is_credited_beside_its_original_and_not_counted_as_an_outlet() -> None:
    briefing = make_briefing(2)
    first = briefing.items[0].story
    wire, copy, own = first.sources  # Outlet 1 republishes Outlet 0's text (as bot.story_loader marks it)
    second = briefing.items[1].story
    items = (replace(briefing.items[0], story=replace(first, sources=(wire, replace(copy, copy_of=wire.article_id),
                                                                      own))),
             replace(briefing.items[1], story=replace(second, sources=second.sources[:1])))
    [message] = render_briefing(replace(briefing, items=items))
    text = message.text
    assert ("Sources: <https://news0.example/0/|Outlet 0> (republished by <https://news1.example/0/|Outlet 1>) · "
            "<https://news2.example/0/|Outlet 2>") in text
    assert "2 stories from 2 outlets" in text  # Outlet 1 carries only a copy


def test_200_story_briefing_arrives_complete_across_messages() -> None:
    briefing = make_briefing(200)
    messages = render_briefing(briefing)
    assert len(messages) > 3
    limits = SlackLimits()
    for message in messages:
        assert validate_blocks(list(message.blocks)) is None
        assert len(json.dumps(list(message.blocks), ensure_ascii=False)) <= limits.message_chars
        assert message.text and len(message.text) < 40_000
    everything = "\n".join(json.dumps(list(m.blocks), ensure_ascii=False) for m in messages)
    for item in briefing.items:
        assert item.story.headline in everything
        for sentence in item.story.summary:
            assert sentence.text in everything
        for source in item.story.sources:
            assert source.url in everything
    assert [int(x) for x in re.findall(r"Story number (\d+) ", everything)] == list(range(200))
    assert f"part {len(messages)} of {len(messages)}" in messages[-1].blocks[-1]["elements"][0]["text"]


def test_channel_ping_in_a_title_pings_nobody() -> None:
    hostile = make_briefing(2, title="<!everyone> @here news",
                            headline=lambda n: "<!channel> breaking" if n == 0 else "@channel <@U999> again")
    quote = Attribution("a0-0", "<!here>", "he", "said", "ping <!channel> & @everyone now", "direct", 0, 0, 5)
    first = replace(hostile.items[0], story=replace(hostile.items[0].story, quotes=(quote,)),
                    why="matched: <!subteam^S1>")
    hostile = replace(hostile, items=(first, *hostile.items[1:]), topic="@here")
    for message in render_briefing(hostile, intro="Asked by <@U1> about <!here>"):
        assert pings(payload(message)) == []
        assert "&lt;!channel&gt; breaking" in message.text


def test_huge_story_is_split_into_sections_not_dropped() -> None:
    briefing = make_briefing(1)
    item = briefing.items[0]
    long_summary = tuple(replace(s, text=f"Long sentence {k} " + "word " * 120) for k, s in
                         enumerate(item.story.summary * 30))
    big = Briefing("Big", NOW, (BriefingItem(replace(item.story, summary=long_summary), 1.0),))
    messages = render_briefing(big)
    blob = " ".join(b.get("text", {}).get("text", "") for m in messages for b in m.blocks)
    for k in range(90):
        assert f"Long sentence {k} " in blob
    for message in messages:
        assert validate_blocks(list(message.blocks)) is None


def test_long_title_is_kept_whole() -> None:
    title = "A title " * 30
    messages = render_briefing(make_briefing(1, title=title))
    assert validate_blocks(list(messages[0].blocks)) is None
    assert messages[0].blocks[0]["type"] == "section"
    assert title.strip() in messages[0].blocks[0]["text"]["text"]


def test_empty_briefing_says_so_and_more_items_are_listed() -> None:
    empty = render_briefing(Briefing("Quiet day", NOW, ()))
    assert "No new stories" in empty[0].text
    full = make_briefing(4)
    capped = replace(full, items=full.items[:2], more=full.items[2:])
    text = render_briefing(capped)[0].text
    assert "And 2 more:" in text and "Story number 3 about the summit" in text


def test_long_text_reply_is_split_within_limits() -> None:
    reply = "\n".join(f"• Quote {n}: someone said <!here> something long enough " + "x" * 80 for n in range(400))
    messages = render_text(reply)
    assert len(messages) > 1
    for message in messages:
        assert validate_blocks(list(message.blocks)) is None
        assert pings(payload(message)) == []
    joined = "\n".join(m.text for m in messages)
    assert all(f"Quote {n}:" in joined for n in range(400))


def story_buttons_of(messages: list[SlackMessage]) -> dict[str, list[dict[str, Any]]]:
    """Story id -> its buttons, across all messages; each actions block holds one story's buttons."""
    found: dict[str, list[dict[str, Any]]] = {}
    for message in messages:
        for block in message.blocks:
            if block["type"] == "actions":
                values = {e["value"] for e in block["elements"]}
                assert len(values) == 1
                found.setdefault(values.pop(), []).extend(block["elements"])
    return found


def assert_buttons_for_every_story(briefing: Briefing, messages: list[SlackMessage]) -> None:
    buttons = story_buttons_of(messages)
    assert set(buttons) == {item.story.id for item in briefing.items}
    for story_id, elements in buttons.items():
        assert [(e["action_id"], e["text"]) for e in elements] == [
            (action_id(a.verb, story_id), {"type": "plain_text", "text": a.label, "emoji": False})
            for a in STORY_ACTIONS]
        assert all(parse_action_id(e["action_id"]) is not None for e in elements)


def assert_within_limits(messages: list[SlackMessage]) -> None:
    limits = SlackLimits()
    for message in messages:
        assert validate_blocks(list(message.blocks)) is None
        assert len(message.blocks) <= limits.max_blocks
        assert len(json.dumps(list(message.blocks), ensure_ascii=False)) <= limits.message_chars
        assert message.text and len(message.text) < 40_000
        assert "plain_text" not in message.text and "Full story" not in message.text  # no labels in fallback


def test_every_story_gets_its_buttons_under_it() -> None:
    briefing = make_briefing(3)
    [message] = render_briefing(briefing)
    assert_within_limits([message])
    assert_buttons_for_every_story(briefing, [message])
    kinds = [b["type"] for b in message.blocks]
    # header, then per story: section, context (sources), actions, divider (the last one dropped), footer
    story = ["section", "context", "actions", "divider"]
    assert kinds == ["header", *story, *story, *story[:-1], "context"]
    first_actions = message.blocks[3]
    assert first_actions["elements"][0]["action_id"] == "brief:story:s0"
    assert first_actions["elements"][1]["action_id"] == "brief:track:s0"
    assert first_actions["elements"][2]["action_id"] == "brief:mute:s0"


@pytest.mark.parametrize("stories", [1, 16, 17, 49, 200])
def test_buttons_never_push_a_message_past_a_limit(stories: int) -> None:
    briefing = make_briefing(stories)
    messages = render_briefing(briefing)
    assert_within_limits(messages)
    assert_buttons_for_every_story(briefing, messages)


def test_many_tiny_stories_split_on_the_block_count_with_buttons_kept_by_their_story() -> None:
    # one section, one actions block and one divider a story: the 50-block limit is what splits
    base = make_briefing(1).items[0]
    tiny = tuple(BriefingItem(replace(base.story, id=f"s-{n:03x}", headline=f"Tiny {n}", sources=(), summary=()),
                              1.0) for n in range(120))
    briefing = Briefing("Tiny", NOW, tiny)
    messages = render_briefing(briefing)
    assert len(messages) >= 3
    assert_within_limits(messages)
    assert_buttons_for_every_story(briefing, messages)
    assert max(len(m.blocks) for m in messages) > 40  # the block count, not the size, was binding
    for message in messages:
        blocks = list(message.blocks)
        for n, block in enumerate(blocks):
            if block["type"] == "actions":  # right under its own story's section
                story_id = block["elements"][0]["value"]
                assert f"Tiny {int(story_id[2:], 16)}" in blocks[n - 1]["text"]["text"]


def test_huge_stories_keep_their_buttons_within_limits() -> None:
    briefing = make_briefing(3)
    long_summary = tuple(replace(s, text=f"Long sentence {k} " + "word " * 120) for k, s in
                         enumerate(briefing.items[0].story.summary * 30))
    big = replace(briefing, items=tuple(replace(i, story=replace(i.story, summary=long_summary))
                                        for i in briefing.items))
    messages = render_briefing(big)
    assert len(messages) > 3
    assert_within_limits(messages)
    assert_buttons_for_every_story(big, messages)


def test_a_story_id_that_cannot_be_carried_gets_no_buttons() -> None:
    briefing = make_briefing(2)
    odd = replace(briefing.items[0], story=replace(briefing.items[0].story, id="feed:with:colons"))
    long = replace(briefing.items[1], story=replace(briefing.items[1].story, id="s-" + "x" * 200))
    messages = render_briefing(replace(briefing, items=(odd, long)))
    assert_within_limits(messages)
    assert story_buttons_of(messages) == {}
    assert "Story number 0 about the summit" in messages[0].text


# ---- briefing lengths (a channel's `length`: digests/length.py) ------------------------------------

def with_quote_and_why(briefing: Briefing) -> Briefing:
    """The first story given a key quote (outside its summary) and every story a "why"."""
    first = briefing.items[0]
    quote = Attribution("a0-2", "Harbour Master Lind", "Lind", "said", "the breakwater held far better than anyone "
                        "feared", "direct", 5, 400, 450)
    items = (replace(first, story=replace(first.story, quotes=(quote,))), *briefing.items[1:])
    return replace(briefing, items=tuple(replace(i, why="matched: summit") for i in items))


def test_each_length_shows_its_share_of_every_story_with_its_buttons() -> None:
    base = with_quote_and_why(make_briefing(3))
    texts = {}
    for length in ("full", "short", "headlines"):
        shown = replace(base, length=length)
        messages = render_briefing(shown)
        assert_within_limits(messages)
        assert_buttons_for_every_story(shown, messages)  # "Full story" is there to open the rest
        texts[length] = "\n".join(m.text for m in messages)
    full, short, heads = texts["full"], texts["short"], texts["headlines"]
    assert "Summary sentence 2 of story 0" in full and "anyone feared" in full and "matched: summit" in full
    assert "Summary sentence 0 of story 0" in short and "Summary sentence 1 of story" not in short
    assert "anyone feared" not in short and "matched: summit" in short
    assert "Sources: <https://news0.example/0/|Outlet 0> · <https://news1.example/0/|Outlet 1> · " in short
    assert "*1. <https://news.example/0|Story number 0 about the summit>* · 3 outlets" in heads
    assert "Summary sentence" not in heads and "anyone feared" not in heads and "matched:" not in heads
    assert all(f"<https://news{k}.example/{n}/|Outlet {k}>" in heads for n in range(3) for k in range(3))
    assert len(short) < len(full) and len(heads) < len(short)


@pytest.mark.parametrize("length", ["short", "headlines"])
@pytest.mark.parametrize("stories", [1, 17, 200])
def test_every_length_stays_within_slacks_limits(stories: int, length: str) -> None:
    briefing = replace(make_briefing(stories), length=length)
    messages = render_briefing(briefing)
    assert_within_limits(messages)
    assert_buttons_for_every_story(briefing, messages)
    everything = "\n".join(json.dumps(list(m.blocks), ensure_ascii=False) for m in messages)
    assert [int(x) for x in re.findall(r"Story number (\d+) ", everything)] == list(range(stories))


@pytest.mark.parametrize("length", ["full", "short", "headlines"])
def test_a_story_with_hundreds_of_long_sources_stays_within_limits_in_every_length(length: str) -> None:
    briefing = make_briefing(3)
    sentence = "Long sentence " + "word " * 700
    sources = tuple(replace(briefing.items[0].story.sources[0], article_id=f"x{k}", name=f"Outlet {k} " * 10,
                            url=f"https://site{k}.example/" + "p" * 150) for k in range(300))
    big = replace(briefing, length=length, items=tuple(
        replace(i, story=replace(i.story, sources=sources, summary=tuple(
            replace(s, text=sentence) for s in i.story.summary))) for i in briefing.items))
    messages = render_briefing(big)
    assert_within_limits(messages)
    assert_buttons_for_every_story(big, messages)
    everything = "\n".join(m.text for m in messages)
    assert all(f"site{k}.example" in everything for k in range(300))  # no link is dropped, however many


@pytest.mark.parametrize("length", ["full", "short", "headlines"])
def test_stories_are_numbered_as_story_mute_and_track_count_them(length: str) -> None:
    briefing = replace(make_briefing(3), length=length)
    heads = [str(b["text"]["text"]).split("\n")[0] for m in render_briefing(briefing) for b in m.blocks
             if b["type"] == "section" and "Story number" in str(b["text"]["text"])]
    assert [h[:4] for h in heads] == ["*1. ", "*2. ", "*3. "]  # `story 2` is the second shown, as on Discord
    assert "|Story number 1 about the summit>*" in heads[1]
