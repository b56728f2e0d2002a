"""Helpers for the Slack tests: config, adapter, a real Dispatcher with small commands, briefings."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fake_slack import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, FakeSlack

from adapters.slack import SlackAdapter, build_slack_adapter
from adapters.slack.post import RetryPolicy
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.dispatch import Dispatcher, help_text
from bot.config import Secret, SlackConfig
from bot.models import Briefing, BriefingItem, SourceRef, Story, SummarySentence

NOW = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
Running = list[tuple[SlackAdapter, "asyncio.Task[None]"]]


def slack_config(fake: FakeSlack, *, mode: str = "http", bot_token: str = BOT_TOKEN,
                 admins: tuple[str, ...] = (), command: str = "/brief") -> SlackConfig:
    return SlackConfig(enabled=True, mode=mode, bot_token=Secret("SLACK_BOT_TOKEN", bot_token),
                       app_token=Secret("SLACK_APP_TOKEN", APP_TOKEN),
                       signing_secret=Secret("SLACK_SIGNING_SECRET", SIGNING_SECRET),
                       http_host="127.0.0.1", http_port=0, command=command, api_base_url=fake.api_url,
                       admins=admins)


class RecordingSleep:
    """An injected sleep: records the delays asked for and returns at once (no wall-clock waiting)."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def make_adapter(fake: FakeSlack, sleep: RecordingSleep | None = None, **config: object) -> SlackAdapter:
    return build_slack_adapter(slack_config(fake, **config), clock=lambda: NOW,  # type: ignore[arg-type]
                               sleep=sleep or RecordingSleep(), policy=RetryPolicy(attempts=4),
                               connect_timeout=5.0)


def command_dispatcher(seen: list[Invocation] | None = None) -> Dispatcher:
    """A real Dispatcher with small commands: a fixed whosaid, a briefing, a channel-managing one, help."""
    seen_list = seen if seen is not None else []
    holder: list[Command] = []

    async def whosaid(inv: Invocation) -> Reply:
        seen_list.append(inv)
        return Reply(f"**Who said what about {inv.options.get('topic', '')}**\n"
                     "• An embassy spokesperson said the promises were \"conveniently forgotten\".")

    async def brief(inv: Invocation) -> Reply:
        seen_list.append(inv)
        return Reply("", briefing=make_briefing(int(inv.options.get("topic", "3") or 3)))

    async def subscribe(inv: Invocation) -> Reply:
        seen_list.append(inv)
        return Reply(f"Subscribed this channel to {inv.options['topic']}.")

    async def show_help(inv: Invocation) -> Reply:
        return Reply(help_text(holder), ephemeral=True)

    holder += [
        Command("brief", "A briefing now.", brief, options=(Option("topic", "how many stories"),)),
        Command("whosaid", "Who said what.", whosaid, options=(Option("topic", "a topic", required=True,
                                                                       rest=True),)),
        Command("subscribe", "Follow a topic.", subscribe, options=(Option("topic", "a topic", required=True),),
                manages_channel=True),
        Command("help", "What this bot can do.", show_help),
    ]
    return Dispatcher(holder)


def make_briefing(stories: int, *, title: str = "Morning briefing",
                  headline: Callable[[int], str] = lambda n: f"Story number {n} about the summit") -> Briefing:
    items = []
    for n in range(stories):
        url = f"https://news.example/{n}"
        # one site per outlet (bot/outlets.py counts sites), URLs as long as before
        sources = tuple(SourceRef(f"a{n}-{k}", f"Outlet {k}", f"https://news{k}.example/{n}/", f"Title {k}", NOW)
                        for k in range(3))
        summary = tuple(SummarySentence(f"Summary sentence {s} of story {n}, written for this test with "
                                        "enough words to take some room in a message.", f"a{n}-0", s, 0, 10)
                        for s in range(3))
        items.append(BriefingItem(Story(f"s{n}", headline(n), sources, summary, url=url,
                                        updated=NOW - timedelta(hours=1)), score=1.0 / (n + 1)))
    return Briefing(title=title, generated=NOW, items=tuple(items), since=NOW - timedelta(days=1))


async def run_adapter(running: Running, adapter: SlackAdapter,
                      dispatch: Dispatcher) -> SlackAdapter:
    """Start adapter.run(dispatch) and wait until it can receive commands (raises its start-up error)."""
    task = asyncio.create_task(adapter.run(dispatch))
    ready = asyncio.create_task(adapter.ready.wait())
    await asyncio.wait({task, ready}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        ready.cancel()
        task.result()
    running.append((adapter, task))
    return adapter
