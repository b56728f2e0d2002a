"""A `whosaid`/`ask` answer names each source by its outlet as the link's label: ``<url|Outlet>`` on Slack,
``[Outlet](<url>)`` on Discord, ``Outlet <url>`` on a terminal; a hostile outlet name or title makes no other link.
Invented outlets."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.answer.question import Question
from bot.answer.respond import Answer, render_terminal, render_text
from bot.cli_quotes import terminal_text as cli_text
from bot.models import Attribution
from bot.store.quotes import QuoteHit
from digests.render_discord import render_text_messages
from digests.render_slack import LABEL_BAR
from digests.render_slack import render_text as slack_text
from digests.terminal_text import terminal_text as console_text

URL = "https://harbor.example/news/1"
HOSTILE_NAME = "Evil> |<Click here|now>* _x_ ~y~ `z` @channel <!here>"
HOSTILE = "Evil> |<https://phish.example|Click here>* _x_ ~y~ `z` @channel <!here> [a](https://phish.example)"


def _answer(outlet: str, *, title: str = "Quay to reopen", also: str = "") -> Answer:
    said = Attribution("a1", "Ada Berg", "Berg", "said", "the quay reopens on Monday", "indirect", 0, 0, 26)
    others = (QuoteHit(said, also, "Copy", "https://wire.example/2", None),) if also else ()
    hit = QuoteHit(said, outlet, title, URL, datetime(2026, 3, 1, tzinfo=UTC), also=others)
    return Answer("Who said what about the quay:", groups=(("Ada Berg", (hit,)),),
                  question=Question("whosaid", topic="the quay"))


def _slack(answer: Answer) -> str:
    return "".join(block["text"]["text"] for m in slack_text(render_text(answer)) for block in m.blocks)


def _links(mrkdwn: str) -> list[str]:
    """Every Slack link (or other ``<...>`` control sequence) in the text."""
    return re.findall(r"<[^<>]*>", mrkdwn)


def test_a_slack_answer_links_its_source_by_outlet_name() -> None:
    text = _slack(_answer("Harbor Gazette", also="Nord Wire"))
    assert f"<{URL}|Harbor Gazette>" in text, text
    assert "<https://wire.example/2|Nord Wire>" in text, text  # "also in" sources too
    assert f"<{URL}>" not in text  # no bare URL


def test_a_hostile_outlet_name_cannot_break_the_slack_link() -> None:
    text = _slack(_answer(HOSTILE_NAME))
    links = _links(text)
    assert len(links) == 1, links  # the source link only: no link, mention or broadcast of the outlet's making
    label = links[0].removeprefix(f"<{URL}|").removesuffix(">")
    assert links[0].startswith(f"<{URL}|") and "|" not in label and "<" not in label, links
    assert label.startswith("Evil&gt; " + LABEL_BAR + "&lt;Click here" + LABEL_BAR + "now&gt;")
    assert "*" not in label and "`" not in label and "~y~" not in label and "_x_" not in label, label
    assert "@channel" not in text and "<!here>" not in text


def test_an_outlet_name_showing_addresses_is_text_beside_the_real_link() -> None:
    text = _slack(_answer(HOSTILE))
    assert _links(text) == [f"<{URL}>"], text  # the real address, shown; the outlet's own "links" as typed
    assert "Evil&gt; |&lt;https://phish.example|Click here&gt;" in text, text
    assert "@channel" not in text and "<!here>" not in text


def test_a_title_cannot_forge_a_source_link() -> None:
    text = _slack(_answer("Harbor Gazette", title="[Win](<https://phish.example>) now"))
    assert _links(text) == [f"<{URL}|Harbor Gazette>"], text


def test_discord_and_terminals_show_the_same_source() -> None:
    answer = _answer("Harbor *Gazette*", also="Nord Wire")
    discord = "".join(render_text_messages(render_text(answer)))
    assert f"[Harbor \\*Gazette\\*](<{URL}>)" in discord, discord  # a masked link, no preview
    for shown in (render_terminal(answer), cli_text(render_text(answer)), console_text(render_text(answer))):
        assert f"Harbor *Gazette* <{URL}>, 01 Mar 2026; also in: Nord Wire <https://wire.example/2>" in shown, shown
