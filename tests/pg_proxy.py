"""A TCP proxy on 127.0.0.1 in front of the test PostgreSQL server, stopped and started to simulate an outage."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from tests.pg import PG_HOST, PG_PORT, end_sessions, fresh_database


class PgProxy:
    """Forwards 127.0.0.1:``port`` to the test server. ``stop()`` refuses new connections and cuts the open ones
    (both ends: the server ends their sessions, as after a network failure); ``start()`` serves the same port again."""

    def __init__(self) -> None:
        self.port = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._pipes: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for writer in list(self._writers):
            writer.close()  # each pipe reading from that socket then ends
        await asyncio.gather(*self._pipes, return_exceptions=True)
        self._writers.clear()

    async def _serve(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        server_reader, server_writer = await asyncio.open_connection(PG_HOST, PG_PORT)
        self._writers.update({client_writer, server_writer})
        pipes = [asyncio.create_task(self._pipe(client_reader, server_writer)),
                 asyncio.create_task(self._pipe(server_reader, client_writer))]
        self._pipes.update(pipes)
        try:
            await asyncio.gather(*pipes, return_exceptions=True)
        except asyncio.CancelledError:  # the test's event loop is closing: end quietly (asyncio logs it otherwise)
            for pipe in pipes:
                pipe.cancel()
        finally:
            self._pipes.difference_update(pipes)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        finally:
            self._writers.discard(writer)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()


@contextlib.asynccontextmanager
async def proxied_fresh_database(name: str) -> AsyncIterator[PgProxy]:
    """A fresh database ``name`` on the test server, and a running proxy in front of it (stopped at the end)."""
    await fresh_database(name)
    running = PgProxy()
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


async def cut(proxy: PgProxy, name: str) -> None:
    """Stop the proxy and wait for the sessions it cut on this run's database ``name`` to end, their locks with them."""
    await proxy.stop()
    await end_sessions(name)
