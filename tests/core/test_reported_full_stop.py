"""A reported-speech key quote is a sentence: it ends with a full stop, unless its words already end one."""

from __future__ import annotations

import pytest

from digests.key_quote import reported_line


@pytest.mark.parametrize(("cue", "who", "words", "line"), [
    ("said", "Mira Tolst", "the ferry would sail at noon", "Mira Tolst said the ferry would sail at noon."),
    ("warned", "Mira Tolst", "A storm is near", "A storm is near, Mira Tolst warned."),
    ("according to", "the harbour office", "A storm is near", "A storm is near, according to the harbour office."),
    ("according to", "the harbour office", "the pier is shut", "According to the harbour office, the pier is shut."),
    ("asked", "Mira Tolst", "who would pay for it?", "Mira Tolst asked who would pay for it?"),
    ("said", "Mira Tolst", "the crossing was cancelled.", "Mira Tolst said the crossing was cancelled."),
    ("said", "Mira Tolst", "the talks stalled…", "Mira Tolst said the talks stalled…"),
    ("said", "Mira Tolst", "the pier was “not safe.”", "Mira Tolst said the pier was “not safe.”"),
    ("said", "Mira Tolst", "the pier was “not safe”", "Mira Tolst said the pier was “not safe”."),
    ("said", "Mira Tolst", "it was \"a disgrace!\"", "Mira Tolst said it was \"a disgrace!\""),
])
def test_reported_speech_ends_with_one_full_stop(cue: str, who: str, words: str, line: str) -> None:
    assert reported_line(cue, who, words) == line
