"""Test harness for the Discord adapter: config, a recording command layer, start/stop helpers."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fake_discord import APP_ID, GUILD_ID, FakeDiscord

from adapters.discord import DiscordAdapter
from bot.commands.base import Command, Dispatch, Invocation, Option, Reply
from bot.commands.dispatch import Dispatcher, help_text
from bot.config import DiscordConfig, Secret
from bot.models import Attribution, Briefing, BriefingItem, SourceRef, Story, SummarySentence

TOKEN = "FAKE.discord-token.never-log-me-1234567890"
NOW = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
AdapterFactory = Callable[..., DiscordAdapter]

def discord_config(server: FakeDiscord, **overrides: object) -> DiscordConfig:
    fields: dict[str, object] = dict(
        enabled=True, token=Secret("DISCORD_TOKEN", TOKEN), application_id=APP_ID, guild_ids=(GUILD_ID,),
        api_base_url=server.api_base, gateway_url=server.gateway_url)
    fields.update(overrides)
    return DiscordConfig(**fields)  # type: ignore[arg-type]


class Recorder:
    """A small command layer: the real Dispatcher over test commands, remembering invocations."""

    def __init__(self) -> None:
        self.seen: list[Invocation] = []
        self.release = asyncio.Event()
        commands: list[Command] = [
            Command("echo", "Say the text back.", self._echo,
                    (Option("text", "What to say", required=True, rest=True),)),
            Command("whosaid", "Who said what about a topic.", self._echo,
                    (Option("topic", "A topic", required=True, autocomplete="topics"),
                     Option("since", "How far back", keyword=True),
                     Option("limit", "How many", kind="integer"))),
            Command("subscribe", "Subscribe this channel to a topic.", self._echo,
                    (Option("topic", "A topic", required=True, autocomplete="topics"),), manages_channel=True),
            Command("wait", "Waits until the test releases it.", self._wait, slow=False),
            Command("noop", "Does nothing.", self._noop),
        ]
        commands.append(Command("help", "What this bot can do.", self._help))
        self.dispatcher = Dispatcher(commands)

    async def _echo(self, inv: Invocation) -> Reply:
        self.seen.append(inv)
        return Reply(f"{inv.command}: {dict(inv.options)}")

    async def _wait(self, inv: Invocation) -> Reply:
        self.seen.append(inv)
        await self.release.wait()
        return Reply("done waiting")

    async def _noop(self, inv: Invocation) -> Reply:
        return Reply("ok")

    async def _help(self, inv: Invocation) -> Reply:
        return Reply(help_text(self.dispatcher.commands), ephemeral=True)


async def start(adapter: DiscordAdapter, server: FakeDiscord, dispatch: Dispatch) -> asyncio.Task[None]:
    """Run the adapter until the fake has sent READY; the caller cancels the task."""
    task = asyncio.create_task(adapter.run(dispatch))
    done = asyncio.ensure_future(server.wait_ready())
    await asyncio.wait({task, done}, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        done.cancel()
        task.result()  # raises what stopped it
    return task


async def stop(task: asyncio.Task[None], adapter: DiscordAdapter) -> None:
    await adapter.close()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


SHARED = Path(__file__).parents[2] / ".." / "shared"
ARTICLES = SHARED / "eval" / "clusters" / "allsides_neus" / "allsides_articles_flat.jsonl"


def real_briefing(n_stories: int, title: str = "Morning briefing") -> Briefing:
    """A briefing of ``n_stories`` real multi-outlet stories from ../shared (skips when absent)."""
    if not ARTICLES.exists():
        pytest.skip(f"shared data not found: {ARTICLES}")
    by_story: dict[int, list[dict[str, str]]] = {}
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_story.setdefault(row["story_id"], []).append(row)
    items = []
    for story_id, rows in list(by_story.items())[:n_stories]:
        lead = rows[0]
        sentences = [s.strip() + "." for s in lead["text"].split(". ") if s.strip()][:3]
        summary = tuple(SummarySentence(s, f"a{story_id}", i, 0, len(s)) for i, s in enumerate(sentences))
        quoted = [s for r in rows for s in r["text"].split(". ") if "“" in s or '"' in s]
        quotes = (Attribution(f"a{story_id}", rows[-1]["source"], rows[-1]["source"], "said", quoted[0],
                              "direct", 0, 0, len(quoted[0])),) if quoted else ()
        sources = tuple(SourceRef(f"a{story_id}-{i}", r["source"], r["url"], r["title"], None)
                        for i, r in enumerate(rows))
        story = Story(str(story_id), lead["title"], sources, summary, quotes,
                      updated=datetime.fromisoformat(lead["story_date"]), url=lead["url"])
        items.append(BriefingItem(story, 1.0, why=f"matched: {lead['topic']}"))
    if len(items) < n_stories:
        pytest.skip(f"only {len(items)} stories in {ARTICLES}")
    return Briefing(title, NOW, tuple(items), since=NOW - timedelta(days=1))
