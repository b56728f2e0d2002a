"""Build the chat adapters the config enables (used only by the composition root)."""

from __future__ import annotations

from bot.adapter import Adapter
from bot.config import Config


def build_adapters(config: Config) -> list[Adapter]:
    """One adapter per enabled platform; the console adapter when none is enabled."""
    adapters: list[Adapter] = []
    # slack and discord adapters are added here by their modules' factories
    return adapters
