"""Summaries and stories of text written without spaces between words (Chinese, Japanese, Thai ...) or with other
full stops (Amharic, Khmer, Tibetan ...): their sentences are judged by their own ends and by a length in English
words, their terms are pieces of letters; text of other scripts is measured and cut exactly as before."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from bot.models import Article
from bot.nlp.cluster import StoryClusterer
from bot.nlp.sentence_quality import MIN_WORDS, junk_reason
from bot.nlp.sentences import split_sentences
from bot.nlp.summarise import default_summariser
from bot.nlp.sumy_tokenizer import SumyTokenizer
from bot.nlp.terms import WORD_LETTERS, TermAnalyser, segment_words, word_length, words
from tests.nlp_summary.samples import T0
from tests.nlp_summary.unspaced_parallel_samples import ENGLISH, PARALLEL
from tests.nlp_summary.unspaced_samples import ARTICLES, FURNITURE, SAME_AND_OTHER, raw_page

LANGUAGES = [language for language, _, _ in ARTICLES]
# how a sentence of each sample language ends: its full stop (with a closing quotation mark), or a Thai letter
ENDS = {"zh": ("。",), "ja": ("。", "。」"), "am": ("።",), "th": tuple(chr(c) for c in range(0x0E01, 0x0E4F))}


def article(language: str, title: str, text: str, *, outlet: str = "Outlet", hours: float = 0.0) -> Article:
    ident = hashlib.sha1((outlet + title + text).encode()).hexdigest()[:12]
    return Article(ident, "", title, outlet, text, split_sentences(text), published=T0 + timedelta(hours=hours),
                   language=language)


@pytest.mark.parametrize(("language", "title", "text"), ARTICLES, ids=LANGUAGES)
@pytest.mark.parametrize("count", [2, 3])
def test_each_sample_gets_its_lines_without_fragments_or_furniture(language: str, title: str, text: str,
                                                                  count: int) -> None:
    for page in (text, raw_page(language, text)):
        item = article(language, title, page)
        summary = default_summariser().summarise([item], count)
        assert len(summary) == count
        sentences = {s.text for s in item.sentences}
        for line in summary:
            assert line.text in sentences and page[line.start : line.end] == line.text
            assert junk_reason(line.text) is None
            assert line.text.endswith(ENDS[language])
            assert not any(f in line.text or line.text in f for f in FURNITURE[language])
        # the lead opens the summary, as it does in English
        assert summary[0].text == split_sentences(text)[0].text


@pytest.mark.parametrize("language", LANGUAGES)
def test_known_page_furniture_in_these_languages_stays_out(language: str) -> None:
    """Breadcrumbs, links, e-mail addresses and copyright lines are junk in any language (a Thai copyright line ends
    with a letter, as a Thai sentence does, and is still left out)."""
    title, text = next((t, x) for lang, t, x in ARTICLES if lang == language)
    for line in FURNITURE[language]:
        assert junk_reason(line) is not None, line
    summary = default_summariser().summarise([article(language, title, raw_page(language, text))], 10)
    assert summary
    assert not any(f in line.text for line in summary for f in FURNITURE[language])


@pytest.mark.parametrize("language", sorted(PARALLEL))
def test_every_scripts_sentences_are_usable_and_their_stubs_are_fragments(language: str) -> None:
    sentences = split_sentences(PARALLEL[language])
    assert len(sentences) >= 3  # Lao joins a sentence starting "ແລະ" ("and") to the one before
    for sentence in sentences:
        assert junk_reason(sentence.text) is None, sentence.text
    for stub in ("大桥通车了。", "橋が開通した。", "สะพานเปิดแล้ว", "ድልድዩ ተከፈተ።", "ស្ពានបើកហើយ។", "ཟམ་པ་ཕྱེ་སོང་།"):
        assert junk_reason(stub) == "fragment", stub


@pytest.mark.parametrize("language", sorted(PARALLEL))
def test_the_same_report_measures_about_as_many_words_as_in_english(language: str) -> None:
    """WORD_LETTERS is read off these parallel texts: each measures within a tenth of the English words."""
    english = len(words(ENGLISH))
    assert english >= 50
    assert abs(word_length(PARALLEL[language]) - english) <= 0.1 * english
    assert set(WORD_LETTERS) >= {"han", "kana", "thai", "lao", "khmer", "myanmar", "tibetan", "ethiopic"}


SPACED = (
    "The council voted 7-2 on Tuesday to close the Merval bridge for six weeks, officials said.",
    "« Nous rouvrirons le pont en juin », a déclaré la préfète de Merval à l'Agence Nord-Presse.",
    "Городской совет Мервала в четверг проголосовал за закрытие моста на шесть недель.",
    "메르발 시의회는 화요일 다리를 6주 동안 폐쇄하기로 결정했다고 밝혔다.",
    "नगर परिषद ने सोमवार को नए पुल का उद्घाटन किया और कहा कि यह अगले साल पूरा होगा।",
    "Şehir meclisi köprünün altı hafta kapalı kalmasına karar verdi.",
)


@pytest.mark.parametrize("text", SPACED)
def test_text_of_other_scripts_is_measured_and_cut_as_before(text: str) -> None:
    analyser = TermAnalyser()
    assert word_length(text) == len(words(text))
    assert segment_words(text) == words(text)
    assert analyser.index_terms(text) == analyser.terms(text)
    assert SumyTokenizer().to_words(text) == tuple(words(text))


def test_min_words_is_six_english_words_in_letters() -> None:
    assert MIN_WORDS == 6
    assert junk_reason("大桥全长两千四百米。") is None  # 10 Han: about 7.7 English words
    assert junk_reason("大桥全长两千米。") == "fragment"  # 7 Han: about 5.4


def test_text_without_spaces_is_compared_in_pieces() -> None:
    assert segment_words("大桥正式通车") == ["大桥", "桥正", "正式", "式通", "通车"]
    assert segment_words("Tesla在上海2400米") == ["Tesla", "在上", "上海", "2400", "米"]
    assert segment_words("ཟམ་པ་གསར་པ།") == ["ཟམ", "པ", "གསར", "པ"]  # Tibetan by syllable
    assert segment_words("ሆስፒታሉ ሥራ ጀመረ።") == words("ሆስፒታሉ ሥራ ጀመረ።")  # Amharic by word
    chinese = "大桥通车了。市民很高兴！明年建公园。"
    assert SumyTokenizer().to_sentences(chinese) == ("大桥通车了。", "市民很高兴！", "明年建公园。")
    assert SumyTokenizer().to_sentences("It opened. Many came.") == ("It opened.", "Many came.")


def test_the_same_fact_from_two_outlets_is_told_once() -> None:
    language, title, text = ARTICLES[0]
    other = ("青川市新建的跨江大桥于周一上午正式通车，林晓峰市长出席了通车仪式。"
             "大桥附近的商户说，通车以来客流明显增加，生意比以前好了很多。")
    summary = default_summariser().summarise(
        [article(language, title, text), article(language, "大桥通车", other, outlet="Other", hours=1)], 3)
    assert len(summary) == 3
    leads = [line for line in summary if line.text.startswith("青川市新建的跨江大桥")]
    assert len(leads) == 1


@pytest.mark.parametrize(("language", "same", "unrelated"), SAME_AND_OTHER, ids=[s[0] for s in SAME_AND_OTHER])
def test_reports_of_one_event_form_one_story_and_an_unrelated_one_stays_apart(
        language: str, same: tuple[str, str], unrelated: tuple[str, str]) -> None:
    title, text = next((t, x) for lang, t, x in ARTICLES if lang == language)
    clusterer = StoryClusterer()
    first = clusterer.add(article(language, title, text, outlet="A"))
    assert clusterer.add(article(language, *same, outlet="B", hours=2)) == first
    assert clusterer.add(article(language, *unrelated, outlet="C", hours=3)) != first
