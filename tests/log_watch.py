"""A log handler the tests wait on with no sleep: it keeps the messages holding a text and sets an event at them."""

from __future__ import annotations

import asyncio
import logging


class Heard(logging.Handler):
    """Sets ``event`` once a record at ``level`` or worse whose message holds ``text`` is logged; keeps them."""

    def __init__(self, text: str, level: int = logging.DEBUG) -> None:
        super().__init__(level)
        self.text = text
        self.event = asyncio.Event()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if self.text in record.getMessage():
            self.messages.append(record.getMessage())
            self.event.set()
