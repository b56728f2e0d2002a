"""The local Discord with what people delete and what a retry looks up: messages, threads, single messages' fetch.

As on Discord: ``GET /channels/{id}`` of a message's thread answers the thread (type 11), and of an id that is no
channel (a message without a thread, a deleted thread) 404 Unknown Channel (10003), as posting there does; ``GET
/channels/{id}/messages/{mid}`` answers the message or 404 Unknown Message (10008). ``delete_message`` removes a
message (a thread opened on it stays, its starter message gone: opening one on it then answers 10008);
``delete_thread`` removes a thread and the messages in it (posting there answers 10003; its message may get a new
thread). ``running_deleting_discord`` starts one with discord.py pointed at it, as ``running_fake_discord`` does.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import discord
import yarl
from aiohttp import web
from fake_discord import FakeDiscord
from fake_failures import Recorded
from fake_failures import json_answer as _json

UNKNOWN_CHANNEL = 10003
UNKNOWN_MESSAGE = 10008


@dataclass
class DeletingDiscord(FakeDiscord):
    """FakeDiscord where messages and threads can be deleted, and threads and single messages looked up."""

    deleted_messages: set[str] = field(default_factory=set)
    deleted_threads: set[str] = field(default_factory=set)
    thread_parents: dict[str, str] = field(default_factory=dict)  # a message's thread (its id) -> its channel

    def delete_message(self, channel_id: str, message_id: str) -> None:
        """Someone deletes one message (a thread opened on it stays)."""
        self.messages[channel_id] = [m for m in self.messages.get(channel_id, []) if m["id"] != message_id]
        self.deleted_messages.add(message_id)

    def delete_thread(self, thread_id: str) -> None:
        """Someone deletes a message's thread, and so every message in it."""
        self.messages.pop(thread_id, None)
        self.threaded.discard(thread_id)
        self.deleted_threads.add(thread_id)

    def _route(self, rec: Recorded) -> web.StreamResponse:
        path = rec.path
        m = re.fullmatch(r"/channels/(\d+)/messages/(\d+)/threads", path)
        if m and rec.method == "POST":
            if m[2] in self.deleted_messages:
                return _unknown_message()
            if m[2] not in self.threaded:
                self.thread_parents[m[2]] = m[1]
                self.deleted_threads.discard(m[2])
            return super()._route(rec)
        m = re.fullmatch(r"/channels/(\d+)/messages/(\d+)", path)
        if m and rec.method == "GET":
            found = [msg for msg in self.messages.get(m[1], []) if msg["id"] == m[2]]
            return _json(found[0]) if found else _unknown_message()
        m = re.fullmatch(r"/channels/(\d+)/messages", path)
        if m and rec.method == "POST" and not self._is_channel(m[1]):
            return _unknown_channel()
        m = re.fullmatch(r"/channels/(\d+)", path)
        if m and rec.method == "GET" and m[1] in self.threaded:
            return _json(self.channel(m[1], 11, "briefing", parent=self.thread_parents.get(m[1])))
        if m and rec.method == "GET" and not self._is_channel(m[1]):
            return _unknown_channel()
        return super()._route(rec)

    def _is_channel(self, some_id: str) -> bool:
        """Not a deleted thread, nor a message without a thread (a forum post's first message is its thread)."""
        if some_id in self.deleted_threads:
            return False
        if some_id in self.threaded or some_id in self.messages:
            return True
        return some_id not in self.deleted_messages and not any(
            msg["id"] == some_id for msgs in self.messages.values() for msg in msgs)


def _unknown_channel() -> web.Response:
    return _json({"message": "Unknown Channel", "code": UNKNOWN_CHANNEL}, 404)


def _unknown_message() -> web.Response:
    return _json({"message": "Unknown Message", "code": UNKNOWN_MESSAGE}, 404)


@asynccontextmanager
async def running_deleting_discord() -> AsyncIterator[DeletingDiscord]:
    """A started DeletingDiscord with discord.py pointed at it; discord.py's URLs are restored after."""
    saved = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    server = DeletingDiscord()
    await server.start()
    discord.http.Route.BASE = server.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(server.gateway_url)
    try:
        yield server
    finally:
        await server.stop()
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved
