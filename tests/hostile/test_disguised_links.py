"""A headline or outlet name that shows a web address is never the label of a link to somewhere else: chat shows
it as text, with the link's own address beside it (bot/link_labels.py), on Slack, Discord and in answers."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from adapters.slack.translate import message_payload
from bot.answer.links import source_link
from bot.answer.plain import plain
from bot.link_labels import shows_an_address
from bot.models import Briefing, BriefingItem, SourceRef, Story, SummarySentence
from digests.render_discord import render_discord
from digests.render_slack import markdown_to_mrkdwn, render_briefing

NOW = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)
TARGET = "https://quorrin-gazette.example/p/fares"  # where every link really goes
# invented hostile titles and outlet names: each shows an address that is not the link's
FAKE_TITLE = "https://harbour-bank.example/verify-your-account"
FAKE_OUTLET = "www.quorrin-council.example/notices"
LINE = "The ferry operator of Quorrin said fares would change in May."
# a Slack link <target|label> and a Discord masked link [label](target) as posted
_SLACK_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]*)>")
_MASKED = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(<?(https?://[^)>\s]+)>?\)")


def _story(n: int, title: str) -> Story:
    url = f"{TARGET}/{n}"
    return Story(id=f"q{n}", headline=title, url=url, first_seen=NOW,
                 sources=(SourceRef(f"a{n}", FAKE_OUTLET, url, title, NOW),),
                 summary=(SummarySentence(LINE, f"a{n}", 0, 0, len(LINE)),))


def _briefing() -> Briefing:
    return Briefing(title="Morning briefing", generated=NOW, items=(BriefingItem(_story(1, FAKE_TITLE), 1.0),),
                    more=(BriefingItem(_story(2, FAKE_TITLE), 0.5),))


@pytest.mark.parametrize(("label", "shows"), [
    (FAKE_TITLE, True), (FAKE_OUTLET, True), ("Visit WWW.Harbour-Bank.example today", True),
    ("harbour-bank.example/login", True), ("ftp://files.example", True),
    ("Quorrin Gazette", False), ("Shipmart.com profits rise 5.2%", False), ("Fares up 3.5/4 points", False),
])
def test_an_address_in_a_label_is_recognised(label: str, shows: bool) -> None:
    assert shows_an_address(label) is shows


def test_slack_never_labels_a_link_with_another_address() -> None:
    for message in render_briefing(_briefing()):
        posted = json.dumps(message_payload(message), ensure_ascii=False)
        for target, label in _SLACK_LINK.findall(posted):
            assert not shows_an_address(label), (target, label)
        assert FAKE_TITLE in posted and f"<{TARGET}/1>" in posted and f"<{TARGET}/2>" in posted


def test_discord_never_labels_a_link_with_another_address() -> None:
    messages = render_discord(_briefing())
    posted = json.dumps(messages, ensure_ascii=False)
    for label, target in _MASKED.findall(posted):
        assert not shows_an_address(label), (label, target)
    embeds = [e for m in messages for e in m["embeds"]]
    for embed in embeds:
        assert "url" not in embed or not shows_an_address(embed["title"]), embed
    assert FAKE_TITLE in embeds[0]["title"] and f"{TARGET}/1" in embeds[0]["description"]
    assert f"{TARGET}/2" in posted  # the "and 1 more" story keeps its address, as text


def test_an_answer_credits_an_address_like_outlet_as_text_beside_its_link() -> None:
    shown = source_link(plain(FAKE_OUTLET), TARGET)
    assert shown == f"{FAKE_OUTLET} <{TARGET}>"
    mrkdwn = markdown_to_mrkdwn(f"• Tove Lindqvar said fares would change. {shown}")
    assert not [label for _, label in _SLACK_LINK.findall(mrkdwn) if shows_an_address(label)]
    assert f"<{TARGET}>" in mrkdwn
    assert source_link(plain("Quorrin Gazette"), TARGET) == f"[Quorrin Gazette](<{TARGET}>)"  # a name stays a label


def test_an_address_shown_as_text_on_discord_makes_no_mention() -> None:
    url = "https://quorrin-gazette.example/p/<@123>/@here/<@&77>"
    story = Story(id="q3", headline=FAKE_TITLE, url=url, first_seen=NOW,
                  sources=(SourceRef("a3", FAKE_OUTLET, url, FAKE_TITLE, NOW),),
                  summary=(SummarySentence(LINE, "a3", 0, 0, len(LINE)),))
    briefing = Briefing(title="Morning briefing", generated=NOW, items=(BriefingItem(story, 1.0),),
                        more=(BriefingItem(story, 0.5),))
    posted = json.dumps(render_discord(briefing), ensure_ascii=False)
    assert "<@" not in posted and "@here" not in posted, posted
    assert "https://quorrin-gazette.example/p/%3C%40123%3E/%40here/%3C%40&77%3E" in posted
