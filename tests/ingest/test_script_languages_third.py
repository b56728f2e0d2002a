"""Tibetan, Thaana (Dhivehi), Syriac and Mongolian-script texts get their languages by Unicode block and Tigrinya its
own by the Ethiopic letters Amharic does not write; their full stops end sentences; such an article, with a language
that has no stemmer or stop words here, is read, clustered, screened and summarised like any other."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.channel_languages import parse_languages
from bot.config import IngestConfig
from bot.ingest.files import read_file
from bot.ingest.language import detect_language, latin_language
from bot.ingest.scripts import TIGRINYA, script_language
from bot.language_screen import LanguageScreen
from bot.nlp.cluster import StoryClusterer
from bot.nlp.languages import language_name, stemmer, stop_words
from bot.nlp.sentences import split_sentences
from bot.nlp.summarise import SumySummariser
from bot.store.stories import StoryRow

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
# Written for these tests: one invented event (a new clinic opens and its doctors start work), in two sentences
REPORTS = {
    "bo": "གྲོང་རྡལ་གསར་པ་དེར་སྨན་ཁང་ཆུང་ངུ་ཞིག་དེ་རིང་སྒོ་ཕྱེ་སོང་། སྨན་པ་བཞི་ཡིས་ནད་པ་རྣམས་ལ་བརྟག་དཔྱད་བྱེད་འགོ་ཚུགས།",
    "dv": "އާ ކްލިނިކެއް މިއަދު ރަށުގައި ހުޅުވައިފި. ހަތަރު ޑޮކްޓަރުން ބަލިމީހުން ބެލުން ފަށައިފި.",
    "syr": "ܒܝܬ ܐܣܝܘܬܐ ܚܕܬܐ ܐܬܦܬܚ ܝܘܡܢܐ ܒܩܪܝܬܐ ܙܥܘܪܬܐ܂ ܐܪܒܥܐ ܐܣܘܬܐ ܫܪܝܘ ܠܡܒܨܐ ܟܪܝܗܐ܂",
    "mn": "ᠰᠢᠨ᠎ᠡ ᠡᠮᠨᠡᠯᠭ᠎ᠡ ᠥᠨᠥᠳᠥᠷ ᠰᠤᠮᠤᠨ ᠳᠤ ᠨᠡᠭᠡᠭᠳᠡᠪᠡ᠃ ᠳᠥᠷᠪᠡᠨ ᠡᠮᠴᠢ ᠥᠪᠴᠢᠲᠡᠨ ᠢ ᠦᠵᠡᠵᠦ ᠡᠬᠢᠯᠡᠪᠡ᠃",
    "ti": "ኣብ ንእሽቶ ዓዲ ሓድሽ ክሊኒክ ሎሚ ተኸፊቱ። ኣርባዕተ ሓካይም ሕሙማት ክርእዩ ጀሚሮም።",
}
HEADLINES = {
    "bo": "གྲོང་རྡལ་དུ་སྨན་ཁང་གསར་པ་སྒོ་ཕྱེ།",
    "dv": "ރަށުގައި އާ ކްލިނިކެއް",
    "syr": "ܒܝܬ ܐܣܝܘܬܐ ܚܕܬܐ ܒܩܪܝܬܐ",
    "mn": "ᠰᠢᠨ᠎ᠡ ᠡᠮᠨᠡᠯᠭ᠎ᠡ ᠨᠡᠭᠡᠭᠳᠡᠪᠡ",
    "ti": "ኣብ ዓዲ ሓድሽ ክሊኒክ ተኸፊቱ",
}


@pytest.mark.parametrize("code", sorted(REPORTS))
def test_each_script_gives_its_language_where_it_was_english(code: str) -> None:
    for text in (REPORTS[code], HEADLINES[code]):
        assert latin_language(text) == "en"  # what each was labelled before
        assert detect_language(text) == code


@pytest.mark.parametrize("text", [
    "The Tibetan word སྨན་ཁང (hospital) was painted over the clinic door, the builder said on Monday.",
    "The new clinic on the island of Fehendhoo (ފެހެންދޫ) opened on Monday with four doctors.",
    "Visitors read the Syriac inscription ܫܠܡܐ above the clinic door before the opening on Monday.",
    "A banner reading ᠡᠮᠨᠡᠯᠭ᠎ᠡ in Mongolian script hung over the clinic for the opening on Monday.",
])
def test_english_texts_quoting_those_scripts_stay_english(text: str) -> None:
    assert script_language(text) is None and detect_language(text) == "en"


@pytest.mark.parametrize(("text", "code"), [
    ("በአዲስ አበባ አዲስ ክሊኒክ ተከፈተ", "am"),  # Amharic writes አ, not Tigrinya's ኣ
    ("የመቐለ ከተማ አዲስ ክሊኒክ ከፈተች", "am"),  # a Tigray city as Tigrinya writes it (one ቐ), in Amharic
    ("ሓድሽ ክሊኒክ ተመሪቑ", "am"),  # one Tigrinya letter decides nothing: a documented limit
    ("ኣብ መቐለ ሓድሽ ክሊኒክ ተኸፊቱ", "ti"),
])
def test_tigrinya_by_the_letters_amharic_does_not_write(text: str, code: str) -> None:
    assert detect_language(text) == code
    assert "አ" not in TIGRINYA


@pytest.mark.parametrize("code", sorted(REPORTS))
def test_their_full_stops_end_sentences(code: str) -> None:
    text = REPORTS[code]
    sentences = split_sentences(text)
    assert len(sentences) == 2  # shad, Thaana's ". ", Syriac's ܂, Mongolian's ᠃, Ethiopic's ።
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_a_double_shad_stays_with_its_sentence() -> None:
    text = "སྨན་ཁང་སྒོ་ཕྱེ་སོང་།། སྨན་པ་ཚོས་ལས་ཀ་འགོ་བཙུགས།"
    assert [s.text for s in split_sentences(text)] == ["སྨན་ཁང་སྒོ་ཕྱེ་སོང་།།", "སྨན་པ་ཚོས་ལས་ཀ་འགོ་བཙུགས།"]


@pytest.mark.parametrize("code", sorted(REPORTS))
def test_an_article_in_a_language_without_stop_words_is_read_screened_and_summarised(
        code: str, tmp_path: Path) -> None:
    path = tmp_path / f"{code}.txt"
    path.write_text(f"{HEADLINES[code]}\n\n{REPORTS[code]}\n", encoding="utf-8")
    [article] = read_file(path, config=IngestConfig(), now=NOW).articles
    assert article.language == code and len(article.sentences) == 2
    assert language_name(code) == "english"  # no stemmer or stop words of its own: English ones, as for am, my, km
    assert stemmer(language_name(code))(REPORTS[code].split()[0]) and stop_words(language_name(code))
    clusterer = StoryClusterer()
    clusterer.add(article)
    [profile] = clusterer.profiles()
    row = StoryRow(profile.story_id, "", "", None, None, NOW, 1, profile.to_json(), ())
    screen = LanguageScreen()
    assert screen.passes(row, ()) and not screen.passes(row, ("en",))
    # no crash; the summary quality gate (bot/nlp/sentence_quality.py) wants ". ! ?" at a sentence's end and six
    # space-separated words, so today these sentences, as Chinese or Amharic ones, are left out of summaries
    summary = SumySummariser().summarise([article], 1)
    assert isinstance(summary, tuple) and {s.text for s in summary} <= {s.text for s in article.sentences}


def test_the_new_codes_and_syriac_are_channel_choices() -> None:
    assert parse_languages("bo dv mn ti") == ("bo", "dv", "mn", "ti")
    assert parse_languages("syr") == ("syr",)  # no two-letter code; the detector gives it
