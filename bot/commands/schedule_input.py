"""Schedules, quiet hours and timezones as people type them in chat, for the commands: bot/schedule_words.py (which
the config reads too, without importing bot.commands) re-exported."""

from __future__ import annotations

from bot.schedule_words import _clock as _clock
from bot.schedule_words import _day as _day
from bot.schedule_words import spoken_quiet as spoken_quiet
from bot.schedule_words import spoken_schedule as spoken_schedule
from bot.schedule_words import spoken_zone as spoken_zone
from bot.schedule_words import zone_key as zone_key
