"""Review of per-channel languages: a chosen code takes the other labels feeds give the same language (Norwegian
"no", "nb" and "nn"; the withdrawn "iw", "in", "ji", "mo"), read as ingest stores them; other languages stay apart."""

from __future__ import annotations

from bot.channel_languages import labels_of, parse_languages
from bot.ingest.normalise import normalise_language
from bot.language_screen import LanguageScreen, wanted_keys
from bot.nlp.anchors import language_key
from tests.channels.test_channel_languages import profile, row


def stored(declared: str) -> str:
    """The language key a story's profile records for an article whose feed declares ``declared`` (as ingest and
    clustering write it)."""
    return language_key(normalise_language(declared))


def test_a_norwegian_channel_gets_stories_labelled_bokmal_or_nynorsk_and_the_reverse() -> None:
    screen = LanguageScreen()
    rows = [row("bokmal", profile(stored("nb-NO"))), row("nynorsk", profile(stored("nn"))),
            row("norsk", profile(stored("no"))), row("swedish", profile(stored("sv"))),
            row("english", profile(stored("en-GB")))]
    assert [r.id for r in screen.screened(rows, parse_languages("no"))] == ["bokmal", "nynorsk", "norsk"]
    assert [r.id for r in screen.screened(rows, parse_languages("nb"))] == ["bokmal", "norsk"]
    assert [r.id for r in screen.screened(rows, parse_languages("nn"))] == ["nynorsk", "norsk"]
    assert [r.id for r in screen.screened(rows, parse_languages("sv en"))] == ["swedish", "english"]


def test_withdrawn_codes_feeds_still_send_count_as_the_current_ones() -> None:
    screen = LanguageScreen()
    rows = [row("hebrew", profile(stored("iw"))), row("indonesian", profile(stored("in-ID"))),
            row("yiddish", profile(stored("ji"))), row("moldovan", profile(stored("mo"))),
            row("russian", profile(stored("ru")))]
    assert [r.id for r in screen.screened(rows, parse_languages("he"))] == ["hebrew"]
    assert [r.id for r in screen.screened(rows, parse_languages("id yi"))] == ["indonesian", "yiddish"]
    assert [r.id for r in screen.screened(rows, parse_languages("ro"))] == ["moldovan"]
    assert [r.id for r in screen.screened(rows, parse_languages("ru"))] == ["russian"]


def test_the_labels_of_a_choice_and_the_keys_compared() -> None:
    assert labels_of(("no", "fr")) == ("no", "nb", "nn", "fr")
    assert labels_of(("nb", "no")) == ("nb", "no", "nn")  # each once
    assert wanted_keys(("fr", "he")) == frozenset({"french", "he", "iw"})
    assert wanted_keys(("en",)) == frozenset({"english"})
