"""An undeclared article written in a script besides Latin gets its script's language, not English; Latin text is
labelled as before; such articles pass the channel language filter by their language and get no English parse."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import App
from bot.cli_quotes import run_quotes
from bot.config import Config, IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.language import detect_language, latin_language
from bot.ingest.normalise import build_all
from bot.ingest.scripts import script_language
from bot.language_screen import LanguageScreen
from bot.models import Article, Attribution
from bot.nlp.attributors import default_attributor
from bot.nlp.cluster import StoryClusterer
from bot.nlp.full_stops import at_full_stops
from bot.nlp.sentences import split_sentences
from bot.pipeline import Pipeline
from bot.store.db import Database
from bot.store.stories import StoryRow
from tests.ingest.test_full_text import FirstSentence
from tests.ingest.test_language import REPORTS

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
# Written for these tests: one invented event (a library opens late on Fridays), told in each language.
SCRIPTED = {
    "zh": "市图书馆宣布，从下个月起每周五开放到晚上十点。馆长说，很多年轻人希望下班后来看书。",
    "ja": "市立図書館は来月から毎週金曜日、夜十時まで開館すると発表した。"
          "館長は、仕事帰りに本を読みたい人が多いと話した。",
    "ko": "시립도서관은 다음 달부터 매주 금요일 밤 10시까지 문을 연다고 밝혔다. "
          "관장은 퇴근 후 책을 읽고 싶은 사람이 많다고 말했다.",
    "th": "ห้องสมุดเมืองประกาศว่าจะเปิดถึงสี่ทุ่มทุกวันศุกร์ตั้งแต่เดือนหน้า",
    "el": "Η δημοτική βιβλιοθήκη θα μένει ανοιχτή έως τις δέκα το βράδυ κάθε Παρασκευή από τον επόμενο μήνα.",
    "he": "הספרייה העירונית תהיה פתוחה עד השעה עשר בלילה בכל יום שישי החל מהחודש הבא.",
    "ar": "أعلنت المكتبة العامة أنها ستفتح أبوابها حتى العاشرة مساء كل يوم جمعة بدءا من الشهر المقبل.",
    "fa": "کتابخانه شهر اعلام کرد که از ماه آینده هر جمعه تا ساعت ده شب باز می‌ماند.",
    "ur": "شہر کی لائبریری نے اعلان کیا ہے کہ اگلے مہینے سے ہر جمعے کو رات دس بجے تک کھلی رہے گی۔",
    "hi": "नगर पुस्तकालय ने घोषणा की कि अगले महीने से हर शुक्रवार रात दस बजे तक खुला रहेगा।",
    "bn": "নগর গ্রন্থাগার জানিয়েছে, আগামী মাস থেকে প্রতি শুক্রবার রাত দশটা পর্যন্ত খোলা থাকবে।",
    "ta": "நகர நூலகம் அடுத்த மாதம் முதல் ஒவ்வொரு வெள்ளிக்கிழமையும் இரவு பத்து மணி வரை திறந்திருக்கும்.",
    "ka": "ქალაქის ბიბლიოთეკა მომავალი თვიდან ყოველ პარასკევს ღამის ათ საათამდე იმუშავებს.",
    "hy": "Քաղաքային գրադարանը հաջորդ ամսից ամեն ուրբաթ բաց կլինի մինչև երեկոյան ժամը տասը։",
    "ru": "Городская библиотека со следующего месяца будет работать по пятницам до десяти вечера. Директор говорит, "
          "что многие хотят читать после работы.",
    "uk": "Міська бібліотека з наступного місяця працюватиме щоп'ятниці до десятої вечора. Директорка каже, що "
          "багато хто хоче читати після роботи.",
    "be": "Гарадская бібліятэка з наступнага месяца будзе працаваць па пятніцах да дзесяці вечара. Дырэктарка кажа, "
          "што шмат хто хоча чытаць пасля працы.",
    "bg": "Градската библиотека от следващия месец ще работи всеки петък до десет часа вечерта. Директорката "
          "казва, че мнозина искат да четат след работа.",
    "sr": "Градска библиотека ће од следећег месеца радити петком до десет увече. Директорка каже да многи желе "
          "да читају после посла.",
    "mk": "Градската библиотека од следниот месец ќе работи секој петок до десет часот навечер. Директорката "
          "вели дека многумина сакаат да читаат по работа.",
}


@pytest.mark.parametrize("code", sorted(SCRIPTED))
def test_each_script_gives_its_language(code: str) -> None:
    assert detect_language(SCRIPTED[code]) == code
    assert latin_language(SCRIPTED[code]) == "en"  # what every one of them was labelled before


@pytest.mark.parametrize("text", [
    "Chinese premier Li Qiang (李强) opened the trade fair in Guangzhou on Tuesday with a speech on exports.",
    "Residents of Kyiv (Київ) queued for water after the strike, the city administration said.",
    "The Japanese word 木漏れ日 describes sunlight filtering through leaves, the author told the audience.",
    "Seoul's night market (야시장) draws record crowds",
    "Athens mayor says Ακρόπολη will close at noon in heat",
])
def test_english_texts_quoting_other_scripts_stay_english(text: str) -> None:
    assert script_language(text) is None
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", [REPORTS[code] for code in sorted(REPORTS)])
def test_latin_text_is_left_to_the_stop_word_rules(text: str) -> None:
    assert script_language(text) is None
    assert detect_language(text) == latin_language(text)


@pytest.mark.parametrize(("text", "code"), [
    # Latin names, figures and a link inside a text in another script
    ("小米周三在北京发布新款Redmi手机，售价1999元，详见 https://www.example.cn/phones/2026", "zh"),
    ("任天堂はSwitchの後継機を来年3月に発売すると発表した", "ja"),
    ("현대자동차, 새 전기차 IONIQ 9 공개", "ko"),
    ("Компания Yandex открыла офис в Казани, сообщает www.example.ru", "ru"),
    ("Netflix ने भारत में नई सीरीज़ की घोषणा की", "hi"),
    # an all-Han Japanese headline reads as Chinese: kana are what tell Japanese
    ("首相官邸前抗議集会", "zh"),
])
def test_texts_with_latin_names_and_numbers_keep_their_script_language(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(("text", "code"), [
    # Russian's ъ stands before е, ё, ю, я; Bulgarian's is a vowel
    ("Министерство объявило о подъёме пенсий с января", "ru"),
    ("Министерството обяви увеличение на пенсиите от януари в България", "bg"),
    # a long Russian text naming a Ukrainian city as written in Ukrainian: still Russian
    (SCRIPTED["ru"] + " Такие же часы ввели библиотеки в Київі и в Минске, где читателей стало больше.", "ru"),
    ("У Харкові відкрили нову станцію метро", "uk"),
    ("Ураджай бульбы ў гэтым годзе большы, чым летась", "be"),
    ("Мер Львова пішов у відставку", "uk"),  # і with neither и nor ы э ё: Ukrainian, not Belarusian
    ("Нова школа ће бити отворена у јесен", "sr"),
    ("Новото училиште ќе биде отворено наесен", "mk"),
])
def test_cyrillic_languages_by_their_own_letters(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("ارتفعت أسعار الخبز في الأسواق هذا الأسبوع", "ar"),
    ("قیمت نان در بازار این هفته گران شد", "fa"),
    ("اس ہفتے بازار میں روٹی مہنگی ہو گئی ہے", "ur"),
])
def test_arabic_script_languages_by_their_own_letters(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_too_few_letters_decide_nothing() -> None:
    assert script_language("中") is None
    assert script_language("2026 — №5") is None
    assert detect_language("") == "en"


def _feed(language: str, title: str, text: str) -> bytes:
    declared = f"<language>{language}</language>" if language else ""
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{declared}'
            f"<item><title>{title}</title><link>https://wire.test/a</link><description>{text}</description></item>"
            "</channel></rss>").encode()


def _articles(feed: bytes) -> list[Article]:
    articles, problems = build_all(parse_feed(feed).entries, source="https://wire.test/feed.xml",
                                   input_name="feed", now=NOW, config=IngestConfig())
    assert not problems
    return articles


def test_an_undeclared_japanese_feed_item_is_japanese_and_a_declared_language_still_wins() -> None:
    [article] = _articles(_feed("", "図書館の夜間開館", SCRIPTED["ja"]))
    assert article.language == "ja"
    assert [s.text for s in article.sentences] == [
        "市立図書館は来月から毎週金曜日、夜十時まで開館すると発表した。",
        "館長は、仕事帰りに本を読みたい人が多いと話した。"]
    [declared] = _articles(_feed("en", "Library", SCRIPTED["ja"]))
    assert declared.language == "en"  # the source said so: its word is taken


def test_a_russian_story_passes_a_russian_desk_and_not_an_english_one() -> None:
    [article] = _articles(_feed("", "Библиотека", SCRIPTED["ru"]))
    assert article.language == "ru"
    clusterer = StoryClusterer()
    clusterer.add(article)
    [profile] = clusterer.profiles()
    row = StoryRow(profile.story_id, "", "", None, None, NOW, 1, profile.to_json(), ())
    screen = LanguageScreen()
    assert not screen.passes(row, ("en",))  # labelled `en` before, it reached English-only desks
    assert screen.passes(row, ("ru",))
    assert screen.passes(row, ("en", "ru")) and screen.passes(row, ())


def test_chinese_full_stops_end_sentences_outside_quotations_only() -> None:
    text = "馆长说：“我们希望更多人来。”她笑了。周五见！"
    assert [s.text for s in split_sentences(text)] == ["馆长说：“我们希望更多人来。”她笑了。", "周五见！"]
    line = "The mayor said: “We will reopen.” Work starts on Monday."
    assert at_full_stops(line, 0, len(line)) == [(0, len(line))]  # no such full stop: the line is left whole


async def test_articles_in_other_scripts_are_stored_with_no_quote_parse(tmp_path: Path) -> None:
    for code in ("ru", "zh", "ar"):  # a title line, then the text
        (tmp_path / f"{code}.txt").write_text(f"{SCRIPTED[code][:12]}\n\n{SCRIPTED[code]}\n", encoding="utf-8")
    asked: list[str] = []

    def attributor(article: Article) -> tuple[Attribution, ...]:
        asked.append(article.language)
        return ()

    db = await Database.open(f"sqlite:///{tmp_path / 'scripts.db'}")
    try:
        pipeline = Pipeline(db, Config(), lambda: NOW, FirstSentence(), attributor)
        report = await pipeline.ingest([str(tmp_path / f"{code}.txt") for code in ("ru", "zh", "ar")], None)
        assert report.added == 3 and asked == []  # no English parse of Russian, Chinese or Arabic text
    finally:
        await db.close()
    assert all(default_attributor().for_language(code) is None for code in ("ru", "zh", "ar", "ja"))


async def test_briefbot_quotes_gives_a_russian_file_no_english_parse(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.nlp.quotes

    parsed: list[str] = []

    def english_parse(text: str, name: str) -> tuple[Attribution, ...]:
        parsed.append(name)
        return ()

    monkeypatch.setattr(bot.nlp.quotes, "extract_from_text", english_parse)
    path = tmp_path / "library.txt"
    path.write_text(SCRIPTED["ru"] + " «Мы рады», — сказала директор.", encoding="utf-8")
    assert await run_quotes(argparse.Namespace(file=path, json=True), App(Config())) == 0
    assert json.loads(capsys.readouterr().out)["attributions"] == [] and parsed == []
