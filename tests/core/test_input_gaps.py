"""Chat input gaps closed: topics written with a symbol or as a phrase of common words, every language name and code
the detector outputs, and a weekday schedule typed without its time."""

from __future__ import annotations

import pytest

from bot.channel_languages import parse_languages, stored_languages
from bot.commands.language_input import language_codes
from bot.commands.topic_input import CommonTopic, chat_topic, topics_named
from bot.ingest import language, scripts
from bot.schedule import ScheduleError, parse_schedule
from bot.topics import TopicError


@pytest.mark.parametrize(("typed", "stored"), [
    ("c++", "c++"), ("c#", "c#"), ("f#", "f#"), ("at&t", "at&t"),
    ('"the who"', '"the who"'),  # words that are all common only mean something together: quoted, that phrase
    ("the harbour", "the harbour"), ("C++", "C++"), ("US", "US"),
])
def test_a_symbol_or_a_phrase_of_common_words_is_a_topic(typed: str, stored: str) -> None:
    assert chat_topic(typed).text == stored


@pytest.mark.parametrize("typed", ["the", "and", "of the", '"of the"', "it is", "c", "the OR and", "new"])
def test_a_lone_common_word_or_grammar_words_are_still_refused_with_how_to_write_it(typed: str) -> None:
    with pytest.raises(CommonTopic, match="only common words") as refused:
        chat_topic(typed)
    assert "capital" in str(refused.value) and "subscribe NATO" in str(refused.value)


@pytest.mark.parametrize("typed", ["the who", "according to", "he said", "more than", "one of the", "what is new"])
def test_common_words_unquoted_are_refused_with_how_to_quote_a_phrase(typed: str) -> None:
    with pytest.raises(CommonTopic, match="only common words") as refused:
        chat_topic(typed)  # everyday wording in most stories (review of 0e5dd56: these were read as phrases)
    assert f'`subscribe "{typed}"`' in str(refused.value) and "capital" in str(refused.value)


def test_subscribe_help_says_both_what_it_would_follow_and_where_the_commands_are() -> None:
    with pytest.raises(CommonTopic) as refused:
        chat_topic("help", prefix="/news")
    text = str(refused.value)
    assert "`/news help`" in text and "`subscribe Help`" in text


def test_unsubscribe_names_several_topics_split_as_subscribe_splits_them() -> None:
    listed = ["Valdoria", "Merrin", "Washington, D.C.", "1,000 jobs", '"Port Averley, harbour"']
    assert topics_named(listed, "valdoria, Merrin").listed == ["Valdoria", "Merrin"]
    assert topics_named(listed, "Washington, D.C., 1,000 jobs").listed == ["Washington, D.C.", "1,000 jobs"]
    assert topics_named(listed, '"port averley, harbour"').listed == ['"Port Averley, harbour"']
    assert topics_named(["Lisport, harbour"], "Lisport, harbour").listed == ["Lisport, harbour"]  # stored whole
    assert topics_named(listed, "Valdoria, Lisport, cricket") == (["Valdoria"], ["Lisport", "cricket"])
    with pytest.raises(TopicError, match="could be `NATO` or `nato`"):
        topics_named(["NATO", "nato", "Merrin"], "Merrin, Nato")


@pytest.mark.parametrize(("typed", "codes"), [
    ("Norwegian", "no"), ("norwegian", "no"), ("Bokmål", "nb"), ("bokmal", "nb"), ("Nynorsk", "nn"),
    ("Norwegian Bokmål, Norwegian Nynorsk", "nb nn"), ("Welsh greek", "cy el"), ("Syriac", "syr"),
    ("FRENCH de", "fr de"), ("Scottish Gaelic", "gd"), ("all", "all"),
])
def test_languages_by_their_english_names(typed: str, codes: str) -> None:
    assert language_codes(typed) == codes


def test_an_unknown_language_name_says_how_to_write_it() -> None:
    with pytest.raises(ValueError, match="English names such as `French German`") as refused:
        parse_languages(language_codes("Norweigan"))
    assert "Norwegian" in str(refused.value)  # the name it was probably meant to be


def test_every_code_the_detector_outputs_can_be_chosen() -> None:
    outputs = ({"en"} | set(language.LANGUAGES.values()) | set(scripts._ONLY.values()) | set(scripts.OWN_LETTERS)
               | {"zh", "ja", "ko", "ru", "uk", "be", "bg", "sr", "mk", "uz", "ar", "fa", "ur", "am", "ti"})
    assert "syr" in outputs
    for code in sorted(outputs):
        assert parse_languages(code) == (code,), code
        assert stored_languages(code) == (code,), code
    with pytest.raises(ValueError):
        parse_languages("xyz")


@pytest.mark.parametrize("typed", ["every monday", "every Tuesday", "every mon", "every weekday", "every day",
                                   "every fridays"])
def test_a_weekday_schedule_without_a_time_asks_for_the_time(typed: str) -> None:
    with pytest.raises(ScheduleError, match="needs a time") as refused:
        parse_schedule(typed)
    assert "every Nh" not in str(refused.value) and "08:00" in str(refused.value)


def test_every_hours_still_reads_and_its_mistakes_still_name_every_nh() -> None:
    assert parse_schedule("every 4h").spec == "every 4h"
    with pytest.raises(ScheduleError, match='"every Nh"'):
        parse_schedule("every often")


@pytest.mark.parametrize(("typed", "topic"), [("🦀 crabs", "crabs"), ("crabs 🦀🦀", "crabs"),
                                              ("🇳🇴 Norway fjords", "Norway fjords"), ("C++ ★", "C++")])
def test_a_topic_is_taken_without_its_emoji(typed: str, topic: str) -> None:
    assert chat_topic(typed).text == topic


@pytest.mark.parametrize("typed", ["🦀", "🦀 ★", "AT & T"])
def test_a_topic_of_no_words_or_with_a_wordless_symbol_is_still_refused(typed: str) -> None:
    with pytest.raises(TopicError, match="has no words to look for"):
        chat_topic(typed)
