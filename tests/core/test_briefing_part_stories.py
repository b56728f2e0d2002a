"""The renderers' split of a briefing into chat messages says which stories each message holds, and the delivery
reads from it which stories went out when only the first parts did."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pytest

from adapters.webhooks.discord_hook import DiscordWebhookAdapter
from adapters.webhooks.slack_hook import SlackWebhookAdapter
from bot.delivery_parts import stories_out
from bot.models import Briefing, BriefingItem, SourceRef, Story, SummarySentence
from digests import render_discord, render_slack
from digests.story_actions import parse_action_id

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)


def story(n: int, *, sentences: int = 2, words: int = 12) -> Story:
    marks = range(words // 12 + 1)
    text = " ".join(f"Lantern{n} keepers logged the tide at mark {k} of the north wall." for k in marks)
    summary = tuple(SummarySentence(f"{text} Sentence {i}.", f"a{n}", i, 0, 10) for i in range(sentences))
    source = SourceRef(f"a{n}", "Coast Wire", f"https://coast.test/{n}", f"Lighthouse log {n}", NOW)
    return Story(id=f"s{n}", headline=f"Lighthouse log {n} published", sources=(source,), summary=summary,
                 first_seen=NOW, updated=NOW, url=f"https://coast.test/{n}")


def briefing(stories: Sequence[Story], more: Sequence[Story] = ()) -> Briefing:
    return Briefing("Harbour briefing", NOW, tuple(BriefingItem(s, 1.0) for s in stories),
                    more=tuple(BriefingItem(s, 0.5) for s in more))


def slack_buttons(message: render_slack.SlackMessage) -> list[str]:
    return [parsed[1] for block in message.blocks if block["type"] == "actions" for element in block["elements"]
            if (parsed := parse_action_id(element["action_id"])) and parsed[0] == "story"]


def discord_buttons(message: dict[str, Any]) -> list[str]:
    return [parsed[1] for row in message.get("components", []) for button in row["components"]
            if (parsed := parse_action_id(button["custom_id"])) and parsed[0] == "story"]


def test_each_slack_part_holds_the_stories_it_shows() -> None:
    b = briefing([story(n) for n in range(30)], more=[story(n) for n in range(30, 35)])
    parts = render_slack.briefing_parts(b)
    assert [p.message for p in parts] == render_slack.render_briefing(b)
    assert len(parts) >= 3
    more = {f"s{n}" for n in range(30, 35)}
    for part in parts:
        listed = "And 5 more" in part.message.text
        assert [i for i in part.story_ids if i not in more] == slack_buttons(part.message)
        assert more.issubset(part.story_ids) == listed
    assert [i for p in parts for i in p.story_ids if i not in more] == [f"s{n}" for n in range(30)]


def test_each_discord_part_holds_the_stories_it_shows() -> None:
    b = briefing([story(n) for n in range(12)], more=[story(n) for n in range(12, 15)])
    parts = render_discord.briefing_parts(b)
    assert [p.message for p in parts] == render_discord.render_discord(b)
    assert len(parts) >= 3
    more = {"s12", "s13", "s14"}
    for part in parts:
        listed = any(e["title"].startswith("And 3 more") for e in part.message["embeds"])
        assert [i for i in part.story_ids if i not in more] == discord_buttons(part.message)
        assert more.issubset(part.story_ids) == listed


@pytest.mark.parametrize(("platform", "split"), [
    ("slack", render_slack.briefing_parts), ("slack-webhook", render_slack.briefing_parts),
    ("discord", render_discord.briefing_parts), ("discord-webhook", render_discord.briefing_parts)])
def test_a_story_cut_by_the_refusal_is_not_out(platform: str, split: Any) -> None:
    """A story longer than one message is out only once every part holding some of it is."""
    long = story(1, sentences=4, words=600)
    b = briefing([story(0), long, story(2)])
    parts = split(b)
    holding = [n for n, p in enumerate(parts) if "s1" in p.story_ids]
    assert len(holding) >= 2  # the long story spans messages
    assert "s0" in stories_out(platform, b, holding[0] + 1)
    assert "s1" not in stories_out(platform, b, holding[-1])
    assert "s1" in stories_out(platform, b, holding[-1] + 1)
    assert stories_out(platform, b, len(parts)) == ["s0", "s1", "s2"]


def test_nothing_is_out_without_a_part_or_a_known_split() -> None:
    b = briefing([story(n) for n in range(30)])
    assert stories_out("slack", b, 0) == []
    assert stories_out("console", b, 3) == []  # one message; a platform whose split is unknown tells no stories


def test_the_webhooks_post_their_renderers_split() -> None:
    """The webhook adapters post the renderers' messages less their buttons: the same parts, in the same order."""
    b = briefing([story(n) for n in range(30)], more=[story(30)])
    slack_hook, discord_hook = SlackWebhookAdapter({}, clock=lambda: NOW), DiscordWebhookAdapter({}, clock=lambda: NOW)
    assert [m.text for m in slack_hook.render(b)] == [p.message.text for p in render_slack.briefing_parts(b)]
    assert [m["embeds"] for m in discord_hook.render(b)] == [p.message["embeds"]
                                                            for p in render_discord.briefing_parts(b)]
