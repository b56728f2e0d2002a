"""The console adapter: briefings printed to stdout, ``/brief ...`` lines read from stdin (the terminal loop)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from typing import TextIO

from bot.commands.base import DEFAULT_PREFIX, Dispatch, Invocation, Reply
from bot.commands.dispatch import DEFAULT_VERB, split_verb
from bot.models import Briefing, ChannelRef
from digests.render_text import render_text
from digests.terminal_text import terminal_text

PREFIX = DEFAULT_PREFIX


class ConsoleAdapter:
    """One local channel (``console:main`` by default); the person at the terminal may manage it."""

    name = "console"

    def __init__(self, *, channel: ChannelRef | None = None, stdin: TextIO | None = None,
                 stdout: TextIO | None = None, verbs: Sequence[str] = (), user: str = "console") -> None:
        self.channel = channel or ChannelRef("console", "main")
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.verbs = tuple(verbs)
        self.user = user
        self._posted: dict[str, list[str]] = {}  # key -> ids: a retried slot is not printed twice
        self._count = 0

    def _write(self, text: str) -> None:
        self.stdout.write(text if text.endswith("\n") else text + "\n")
        self.stdout.flush()

    def invocation(self, line: str) -> Invocation | None:
        """``/brief subscribe NATO`` (or without the prefix) -> an Invocation; a bare ``/brief`` -> a briefing now,
        as on Slack and Discord; blank lines -> None."""
        text = line.strip()
        if not text:
            return None
        if text.split(None, 1)[0].lower() == PREFIX:  # "/Brief" too; "/briefing" is not "/brief ing"
            text = text[len(PREFIX):].strip()
        if not text:
            verb, args = DEFAULT_VERB, ""
        elif self.verbs:
            verb, args = split_verb(text, self.verbs)
        else:
            verb, _, args = text.partition(" ")
        return Invocation(command=verb, args=args.strip(), user=self.user, channel=self.channel,
                          can_manage=True, prefix=PREFIX)

    def show(self, reply: Reply) -> None:
        text = reply.intro()  # the rendered briefing starts with its title
        if text:
            self._write(terminal_text(text))  # a terminal reads no markup: no chat bold, article text as written
        if reply.briefing is not None:
            self._write(render_text(reply.briefing))

    async def _lines(self) -> asyncio.StreamReader | None:
        """A non-blocking reader over stdin when it is a pipe or terminal (so Ctrl-C never hangs)."""
        try:
            fd = self.stdin.fileno()
        except (AttributeError, OSError, ValueError):
            return None
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader()
        pipe = open(fd, "rb", closefd=False)  # noqa: SIM115 - the transport owns it for the loop's life
        try:
            await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), pipe)
        except (ValueError, OSError):
            return None  # a regular file: plain reads never block for long
        return reader

    async def run(self, dispatch: Dispatch) -> None:
        """Answer each line until end of input."""
        reader = await self._lines()
        while True:
            if reader is not None:
                raw = (await reader.readline()).decode("utf-8", "replace")
            else:
                raw = await asyncio.to_thread(self.stdin.readline)
            if not raw:
                return
            invocation = self.invocation(raw)
            if invocation is not None:
                self.show(await dispatch(invocation))

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        if key and key in self._posted:
            return self._posted[key]
        self._count += 1
        ids = [f"console-{self._count}"]
        self._write(f"===== {channel.key} =====")
        self._write(render_text(briefing))
        if key:
            self._posted[key] = ids
        return ids

    async def notify(self, channel: ChannelRef, text: str) -> None:
        self._write(f"[notice {channel.key}] {text}")

    async def close(self) -> None:
        return None
