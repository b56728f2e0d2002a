"""The pure middle: Discord embed rendering within limits, escaping, and the adapter's translations."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from discord_harness import real_briefing
from discord_limits import embed_problems
from hypothesis import given
from hypothesis import strategies as st

from adapters.discord.invite import invite_url
from adapters.discord.translate import can_manage, choices, command_name, description, join_args, post_nonce
from bot.commands.base import Option
from bot.models import Attribution, Briefing, BriefingItem, SourceRef, Story, SummarySentence
from digests.render_discord import (
    STORIES_WITH_BUTTONS,
    action_rows,
    clean,
    escape_markdown,
    header,
    render_discord,
    split_text,
    story_embeds,
)
from digests.story_actions import STORY_ACTIONS, parse_action_id

NOW = datetime(2025, 3, 1, tzinfo=UTC)


@given(st.text(alphabet=st.sampled_from("ab \n\\*"), max_size=400), st.integers(min_value=4, max_value=60))
def test_split_text_keeps_every_character(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)


def test_split_never_cuts_an_escape_in_half() -> None:
    text = escape_markdown("*" * 50)
    for piece in split_text(text, 7):
        assert (len(piece) - len(piece.rstrip("\\"))) % 2 == 0


@pytest.mark.parametrize(("raw", "escaped"), [
    ("**bold** and _it_", r"\*\*bold\*\* and \_it\_"),
    ("||spoiler|| `code`", r"\|\|spoiler\|\| \`code\`"),
    ("[click](http://evil.example)", r"\[click\](http://evil.example)"),
    ("> quoted\n# heading\n- item", "\\> quoted\n\\# heading\n\\- item"),
    ("<@123> and <t:1:R>", r"\<@123\> and \<t:1:R\>"),
    ("plain words, 5-3 score", "plain words, 5-3 score"),
])
def test_escape_markdown(raw: str, escaped: str) -> None:
    assert escape_markdown(raw) == escaped


def test_mass_mentions_are_defused() -> None:
    assert clean("@everyone and @Here") == "@\u200beveryone and @\u200bHere"


def oversized_briefing() -> Briefing:
    """One story past every single-embed limit at once, plus items past the cap."""
    summary = tuple(SummarySentence(f"Sentence {i} of a very long summary about the talks." + " x" * 40,
                                    "a", i, 0, 10) for i in range(120))
    sources = tuple(SourceRef(f"s{i}", f"Outlet number {i}", f"https://news{i}.example/a_(b)", "t", None)
                    for i in range(90))
    quote = Attribution("q", "Jane Speaker", "she", "said", "word " * 700, "direct", 0, 0, 1, role="minister")
    story = Story("big", "H" * 300, sources, summary, (quote,), updated=NOW, url="https://news.example/big")
    item = BriefingItem(story, 1.0, why="matched: " + "Bucharest " * 40)
    more = tuple(BriefingItem(replace(story, id=f"m{i}", headline=f"Later story {i}"), 0.1) for i in range(300))
    return Briefing("Big", NOW, (item,), more=more)


def test_oversized_story_is_split_within_limits_and_nothing_is_dropped() -> None:
    briefing = oversized_briefing()
    messages = render_discord(briefing)
    for message in messages:
        assert embed_problems(message) == []
    text = str(messages).replace("\\\\", "\\")
    for s in briefing.items[0].story.summary:
        assert escape_markdown(s.text) in text
    assert all(f"news{i}.example/a_%28b%29" in text for i in range(90))
    assert text.count("word") == 700
    assert all(f"Later story {i}]" in text for i in range(300))
    assert "H" * 300 in text  # the full headline survives in the description when the title is cut


def test_real_briefing_renders_every_story_in_order() -> None:
    briefing = real_briefing(50)
    messages = render_discord(briefing)
    assert all(embed_problems(m) == [] for m in messages)
    titles = [e["title"] for m in messages for e in m["embeds"] if "(continued)" not in e["title"]]
    assert titles == [f"{n}. {clean(i.story.headline)}"[:256] for n, i in enumerate(briefing.items, 1)]
    first = messages[0]["embeds"][0]
    assert first["url"].startswith("https://") and first["timestamp"] and first["color"]
    assert messages[0]["content"].startswith("**Morning briefing** — 50 stories since")


def test_empty_briefing_still_says_so() -> None:
    [message] = render_discord(Briefing("Evening", NOW, ()))
    assert message == {"content": "**Evening** — nothing new", "embeds": []}


def test_invite_url_asks_only_for_what_the_bot_uses() -> None:
    url = urlparse(invite_url("900000000000000002"))
    query = parse_qs(url.query)
    assert (url.netloc, url.path) == ("discord.com", "/oauth2/authorize")
    assert query["scope"] == ["bot applications.commands"]
    # View Channel, Send Messages, Embed Links, Read Message History (replies to mentions), Send in Threads
    assert int(query["permissions"][0]) == (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 38)
    threads = parse_qs(urlparse(invite_url("900000000000000002", threads=True)).query)
    assert int(threads["permissions"][0]) == int(query["permissions"][0]) | (1 << 35)
    with pytest.raises(ValueError, match="application_id"):
        invite_url("my-bot")


def test_nonce_is_stable_per_key_and_part() -> None:
    assert post_nonce("slot", 0) == post_nonce("slot", 0) != post_nonce("slot", 1)
    assert len(post_nonce("x" * 500, 3) or "") == 25
    assert post_nonce("", 0) is None


@pytest.mark.parametrize(("perms", "user", "admins", "expected"), [
    (0, "1", (), False), (1 << 4, "1", (), True), (1 << 3, "1", (), True), ((1 << 11) | (1 << 10), "1", (), False),
    (0, "1", ("1",), True), (None, "1", (), True)])
def test_can_manage(perms: int | None, user: str, admins: tuple[str, ...], expected: bool) -> None:
    assert can_manage(perms, user, admins) is expected


def test_join_args_reads_like_typed_text() -> None:
    options = (Option("topic", "t", required=True), Option("since", "s", keyword=True), Option("n", "n"))
    assert join_args(options, {"since": "2d", "topic": "NATO summit", "n": "3"}) == "NATO summit 3 since 2d"


def test_names_descriptions_choices_fit_discord() -> None:
    assert command_name("Who Said!") == "who-said"
    assert len(description("x" * 300)) == 100
    assert description("first line\nsecond") == "first line"
    assert choices([" a ", "a", "", "b" * 120] + [str(i) for i in range(40)])[:3] == ["a", "b" * 100, "0"]
    assert len(choices([str(i) for i in range(40)])) == 25


async def test_cli_invite_url(capsys: pytest.CaptureFixture[str]) -> None:
    import argparse
    from types import SimpleNamespace

    from adapters.discord.cli import register
    from bot.config import Config, DiscordConfig

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["discord", "invite-url"])
    app = SimpleNamespace(config=Config(discord=DiscordConfig(application_id="900000000000000002")))
    assert await args.run(args, app) == 0
    assert capsys.readouterr().out.strip() == invite_url("900000000000000002")
    app = SimpleNamespace(config=Config())
    assert await args.run(args, app) == 2
    assert "discord.application_id" in capsys.readouterr().err


# ---- story buttons (message components) ---------------------------------------------------------

def buttons_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for row in message.get("components", []) for b in row["components"]]


def test_every_story_gets_its_buttons_under_the_message_showing_its_number() -> None:
    briefing = real_briefing(50)
    messages = render_discord(briefing)
    assert all(embed_problems(m) == [] for m in messages)  # now also checks the components
    seen: list[tuple[str, str]] = []
    for message in messages:
        numbers = [e["title"].split(". ", 1)[0] for e in message["embeds"] if "(continued)" not in e["title"]]
        labels = [b["label"] for b in buttons_of(message)]
        assert labels == [f"{n} · {a.label}" for n in numbers for a in STORY_ACTIONS]
        assert all(b["type"] == 2 and b["style"] == 2 for b in buttons_of(message))
        assert all(row["type"] == 1 and len(row["components"]) <= 5 for row in message.get("components", []))
        seen += [parsed for b in buttons_of(message) if (parsed := parse_action_id(b["custom_id"]))]
    assert seen == [(a.verb, i.story.id) for i in briefing.items for a in STORY_ACTIONS]


def test_a_story_split_across_messages_has_its_buttons_where_its_title_is() -> None:
    briefing = oversized_briefing()
    messages = render_discord(briefing)
    assert len(messages) > 2
    with_buttons = [n for n, m in enumerate(messages) if m.get("components")]
    assert with_buttons == [0]
    assert messages[0]["embeds"][0]["title"].startswith("1. HHH")
    assert [b["custom_id"] for b in buttons_of(messages[0])] == ["brief:story:big", "brief:track:big",
                                                                 "brief:mute:big"]
    assert "Later story" not in str(buttons_of(messages[0]))  # "And N more" lines get no buttons


def test_an_id_no_button_can_carry_leaves_that_story_without_buttons() -> None:
    base = real_briefing(3)
    odd = (replace(base.items[0], story=replace(base.items[0].story, id="has:colon")),
           replace(base.items[1], story=replace(base.items[1].story, id="x" * 95)))
    messages = render_discord(replace(base, items=odd + base.items[2:]))
    assert [b["label"] for m in messages for b in buttons_of(m)] == ["3 · Full story", "3 · Track", "3 · Mute"]
    assert all(embed_problems(m) == [] for m in messages)


def test_action_rows_stay_within_five_rows_keep_a_story_together_and_skip_repeats() -> None:
    rows = action_rows([(n, f"s-{n}") for n in range(1, 13)] + [(13, "s-1")])
    assert len(rows) == 5 and all(len(r["components"]) == 3 for r in rows)  # one story a row
    labels = [b["label"] for r in rows for b in r["components"]]
    assert labels[:4] == ["1 · Full story", "1 · Track", "1 · Mute", "2 · Full story"]
    assert labels[-1] == "5 · Mute"  # more do not fit one message: render_discord never gives it more
    assert action_rows([(1, "s-1"), (2, "s-1")]) == action_rows([(1, "s-1")])  # a custom_id once per message
    assert action_rows([]) == []


@pytest.mark.parametrize("length", ["full", "short", "headlines"])
def test_a_ten_story_briefing_keeps_all_three_buttons_of_every_story(length: str) -> None:
    # 30 buttons cannot go under one message (5 rows of 5): five stories a message, one row each
    briefing = replace(harbour_briefing(10), length=length)
    messages = render_discord(briefing)
    assert STORIES_WITH_BUTTONS == 5 and len(messages) >= 2
    shown: list[str] = []
    for message in messages:
        assert embed_problems(message) == []  # at most 5 rows of 1-5 buttons, ids unique in the message
        numbers = [e["title"].split(". ", 1)[0] for e in message["embeds"] if "(continued)" not in e["title"]]
        assert 1 <= len(numbers) <= 5
        rows = [[b["label"] for b in row["components"]] for row in message["components"]]
        assert rows == [[f"{n} · Full story", f"{n} · Track", f"{n} · Mute"] for n in numbers]
        shown += numbers
    assert shown == [str(n) for n in range(1, 11)]
    seen = [parse_action_id(b["custom_id"]) for m in messages for b in buttons_of(m)]
    assert seen == [(verb, f"s-{n}") for n in range(10) for verb in ("story", "track", "mute")]
    if length == "headlines":  # ten short embeds would fit one message: the buttons are what split it
        assert [len(m["embeds"]) for m in messages] == [5, 5]


def test_stories_without_buttons_do_not_count_toward_a_messages_five() -> None:
    base = harbour_briefing(7)
    odd = tuple(replace(i, story=replace(i.story, id=f"no:buttons:{n}")) for n, i in enumerate(base.items[:2]))
    messages = render_discord(replace(base, items=odd + base.items[2:], length="headlines"))
    assert [len(m["embeds"]) for m in messages] == [7]  # two stories have no buttons: five rows suffice
    assert [row["components"][0]["label"] for row in messages[0]["components"]] == [
        f"{n} · Full story" for n in range(3, 8)]


def test_the_fakes_component_check_catches_what_discord_refuses() -> None:
    button = {"type": 2, "style": 2, "label": "1 · Full story", "custom_id": "brief:story:s-1"}
    ok = {"content": "x", "components": [{"type": 1, "components": [button]}]}
    assert embed_problems(ok) == []
    bad = {"content": "x", "components": [{"type": 1, "components": [button] * 6}] * 6 + [
        {"type": 1, "components": [{**button, "label": "L" * 81, "custom_id": "c" * 101}]}]}
    problems = " ".join(embed_problems(bad))
    for expected in ("7 action rows > 5", "6 buttons", "label: 81", "custom_id: 101", "used twice"):
        assert expected in problems


def test_a_republished_copy_is_credited_beside_its_original() -> None:
    sources = (SourceRef("w", "Coast Wire", "https://coastwire.co.uk/ferry", "Ferry hits breakwater", NOW),
               SourceRef("h", "Harbour Times", "https://harbourtimes.co.uk/ferry", "Eleven rescued", NOW, copy_of="w"),
               SourceRef("p", "Valley Post", "", "Passengers describe panic", NOW))
    story = Story("s", "Ferry hits breakwater", sources, (SummarySentence("Eleven were rescued.", "w", 0, 0, 20),))
    [embed] = story_embeds(BriefingItem(story, 1.0))
    [field] = [f for f in embed["fields"] if f["name"] == "Sources"]
    assert field["value"] == ("[Coast Wire](https://coastwire.co.uk/ferry) (republished by "
                              "[Harbour Times](https://harbourtimes.co.uk/ferry)) · Valley Post")


# ---- briefing lengths (a channel's `length`: digests/length.py) ------------------------------------

def embeds_text(messages: list[dict[str, Any]]) -> str:
    return "\n".join(str(e) for m in messages for e in m["embeds"]).replace("\\\\", "\\")


def harbour_briefing(stories: int) -> Briefing:
    """Stories written for this test: three summary sentences, a key quote, three outlets and a "why" each."""
    items = []
    for n in range(stories):
        summary = tuple(SummarySentence(f"Harbour story {n}, sentence {k}: the pier works moved on.", f"a{n}", k, 0, 40)
                        for k in range(3))
        quote = Attribution(f"a{n}", "Harbour Master Lind", "Lind", "said", "the new pier will open before winter",
                            "direct", 5, 400, 440)
        sources = tuple(SourceRef(f"a{n}-{k}", f"Outlet {k}", f"https://news{k}.example/{n}", f"Title {k}", NOW)
                        for k in range(3))
        story = Story(f"s-{n}", f"Harbour story {n}", sources, summary, (quote,), updated=NOW,
                      url=f"https://news0.example/{n}")
        items.append(BriefingItem(story, 1.0, why="matched: harbour"))
    return Briefing("Harbour", NOW, tuple(items))


def test_each_length_shows_its_share_of_every_story_with_its_buttons() -> None:
    base = harbour_briefing(4)
    shown = {length: render_discord(replace(base, length=length)) for length in ("full", "short", "headlines")}
    for messages in shown.values():
        assert all(embed_problems(m) == [] for m in messages)
        labels = [b["label"] for m in messages for b in buttons_of(m)]
        assert labels == [f"{n} · {a.label}" for n in range(1, 5) for a in STORY_ACTIONS]
    full, short, heads = (embeds_text(shown[k]) for k in ("full", "short", "headlines"))
    assert "sentence 2:" in full and "Key quote" in full and "before winter" in full and "matched: harbour" in full
    assert "Harbour story 3, sentence 0:" in short and "sentence 1:" not in short
    assert "Key quote" not in short and "before winter" not in short and "matched: harbour" in short
    assert "sentence 0:" not in heads and "Key quote" not in heads and "matched:" not in heads
    first = shown["headlines"][0]["embeds"][0]
    assert (first["title"], first["description"], first["footer"]) == ("1. Harbour story 0", "3 outlets",
                                                                      {"text": "briefbot"})
    assert first["fields"] == [{"name": "Sources", "inline": False, "value": (
        "[Outlet 0](https://news0.example/0) · [Outlet 1](https://news1.example/0) · "
        "[Outlet 2](https://news2.example/0)")}]
    assert len(heads) < len(short) < len(full)


def test_a_followup_in_a_short_briefing_shows_its_first_new_sentence() -> None:
    story = harbour_briefing(1).items[0].story
    new = (SummarySentence("Divers found a gash below the waterline.", "n", 0, 0, 10),
           SummarySentence("The operator cancelled the evening crossings.", "n", 1, 0, 10))
    item = BriefingItem(replace(story, summary=(), quotes=()), 1.0, new_since=new)
    [embed] = story_embeds(item, 1, "short")
    assert embed["description"] == "**New:** Divers found a gash below the waterline."
    [embed] = story_embeds(item, 1, "headlines")
    assert "Divers" not in str(embed) and "evening crossings" not in str(embed)


@pytest.mark.parametrize("length", ["short", "headlines"])
def test_every_length_stays_within_discords_limits(length: str) -> None:
    big = replace(oversized_briefing(), length=length)
    messages = render_discord(big)
    assert all(embed_problems(m) == [] for m in messages)
    text = embeds_text(messages)
    assert all(f"news{i}.example/a_%28b%29" in text for i in range(90))  # every link, however many
    assert all(f"Later story {i}]" in text for i in range(300))
    assert "H" * 300 in text
    many = replace(harbour_briefing(50), length=length)
    messages = render_discord(many)
    assert all(embed_problems(m) == [] for m in messages)
    seen = [parsed for m in messages for b in buttons_of(m) if (parsed := parse_action_id(b["custom_id"]))]
    assert seen == [(a.verb, i.story.id) for i in many.items for a in STORY_ACTIONS]


def test_the_header_gives_the_year_of_a_since_in_another_year() -> None:
    generated = datetime(2031, 1, 3, 9, 0, tzinfo=UTC)
    old = Briefing("Briefing", generated, (), since=datetime(2029, 6, 4, 7, 30, tzinfo=UTC))
    recent = Briefing("Briefing", generated, (), since=datetime(2031, 1, 2, 9, 0, tzinfo=UTC))
    assert header(old).endswith("since Mon 04 Jun 2029 07:30 UTC")  # not read as this June
    assert header(recent).endswith("since Thu 02 Jan 09:00 UTC")
