"""More scripts and languages for undeclared articles: Indic, South-East Asian and Ethiopic scripts by Unicode block,
Cyrillic languages by their own letters (a Russian text naming someone in them stays Russian), Japanese by its own
kanji forms; their full stops end sentences; a one-line file in any script is read as text like a Latin one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.channel_languages import parse_languages
from bot.config import IngestConfig
from bot.ingest.files import read_file
from bot.ingest.language import detect_language, latin_language
from bot.ingest.scripts import CHINESE_FORMS, JAPANESE_FORMS, OWN_LETTERS, script_language
from bot.nlp.sentences import split_sentences

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
# Written for these tests: headlines of one invented event (a new hospital, school or bridge opens)
BY_BLOCK = {
    "gu": "રાજકોટમાં નવી હોસ્પિટલ શરૂ થઈ",
    "pa": "ਜਲੰਧਰ ਵਿੱਚ ਨਵਾਂ ਸਕੂਲ ਖੁੱਲ੍ਹਿਆ",
    "or": "ପୁରୀରେ ନୂଆ ହସ୍ପିଟାଲ ଖୋଲିଲା",
    "te": "వరంగల్‌లో కొత్త ఆసుపత్రి ప్రారంభమైంది",
    "kn": "ಹುಬ್ಬಳ್ಳಿಯಲ್ಲಿ ಹೊಸ ಆಸ್ಪತ್ರೆ ಆರಂಭ",
    "ml": "തൃശൂരിൽ പുതിയ ആശുപത്രി തുറന്നു",
    "si": "ගාල්ලේ නව රෝහලක් විවෘත කෙරිණි",
    "km": "មន្ទីរពេទ្យថ្មីបើកនៅបាត់ដំបង",
    "lo": "ໂຮງໝໍໃໝ່ເປີດຢູ່ປາກເຊ",
    "my": "ပုသိမ်တွင် ဆေးရုံသစ် ဖွင့်လှစ်",
    "am": "በጎንደር አዲስ ሆስፒታል ተከፈተ",
}
OWN_LETTER_TEXTS = {
    "kk": "Павлодарда жаңа аурухана ашылды. Әкімнің айтуынша, онда екі жүз дәрігер жұмыс істейді.",
    "ky": "Жалал-Абадда жаңы оорукана ачылды. Мэрдин айтымында, анда эки жүз дарыгер иштейт.",
    "tt": "Әлмәттә яңа хастаханә ачылды. Мэр сүзләренчә, анда ике йөз табиб эшләячәк.",
    "mn": "Өнөөдөр Эрдэнэт хотод шинэ эмнэлэг нээгдлээ. Хотын даргын хэлснээр тэнд хоёр зуун эмч ажиллах бөгөөд "
          "өвчтөнүүдийг үнэгүй үзнэ.",
    "tg": "Дар Хоруғ беморхонаи нав кушода шуд. Ба гуфтаи раиси шаҳр, дар он дусад табиб кор мекунад.",
    "uz": "Наманганда янги шифохона очилди. Ҳоким сўзига кўра, у ерда икки юз шифокор ишлайди.",
    "ba": "Стәрлетамаҡта яңы дауахана асылды. Ҡала башлығы әйтеүенсә, унда ике йөҙ табип эшләйәсәк.",
}


@pytest.mark.parametrize("code", sorted(BY_BLOCK))
def test_scripts_by_unicode_block_give_their_language(code: str) -> None:
    assert latin_language(BY_BLOCK[code]) == "en"  # what each was labelled before
    assert detect_language(BY_BLOCK[code]) == code


def test_a_latin_brand_in_those_scripts_and_those_scripts_quoted_in_english() -> None:
    assert detect_language("Safaricom በኢትዮጵያ አዲስ የሞባይል አገልግሎት ጀመረ") == "am"
    assert detect_language("ក្រុមហ៊ុន Honda បើករោងចក្រថ្មី") == "km"
    for english in ("The Amharic word for hospital, ሆስፒታል, is borrowed from English, the linguist said.",
                    "Battambang (បាត់ដំបង) opens its new hospital next week, officials said."):
        assert script_language(english) is None and detect_language(english) == "en"


@pytest.mark.parametrize("code", sorted(OWN_LETTER_TEXTS))
def test_cyrillic_languages_by_their_own_letters(code: str) -> None:
    assert detect_language(OWN_LETTER_TEXTS[code]) == code
    assert set(OWN_LETTERS) == set(OWN_LETTER_TEXTS)  # every language of the rule is tested


@pytest.mark.parametrize("text", [
    # a name in its own spelling in a Russian headline: the one-letter words Russian writes keep it Russian
    "Президент Қасым-Жомарт Тоқаев прибыл в Москву",
    "Хүрэлсүх и Токаев обсудили транзит грузов",
    # a longer Russian text: the letters of the name are under 2 % of its letters
    "Городской совет решил открыть новую больницу к весне. Глава района Ұлан Сәрсенов сказал журналистам, "
    "что строительство идёт по графику, а первые врачи уже набраны.",
    # one such letter decides nothing (a short Kyrgyz headline with only ң is read as Russian: a documented limit)
    "Бишкекте жаңы мектеп",
    # nor does none: a Mongolian text without ө and ү is read as Russian (a documented limit)
    "Эрдэнэт хотод шинэ эмнэлэг нээгдлээ. Хотын даргын хэлснээр тэнд хоёр зуун эмч ажиллана.",
])
def test_russian_texts_with_a_few_such_letters_and_texts_with_too_few_are_russian(text: str) -> None:
    assert detect_language(text) == "ru"


@pytest.mark.parametrize(("text", "code"), [
    ("У Харкові відкрили нову лікарню", "uk"),  # і with no other such letter: still Ukrainian
    ("У Гомелі адкрылі новую бальніцу", "be"),
    ("Ўрад зацвердзіў план", "be"),  # ў with і: Belarusian
    ("Янги кўприк очилди", "uz"),  # ў with neither і nor ы: Uzbek
    ("Нова болница ће бити отворена у јесен", "sr"),
])
def test_other_cyrillic_languages_are_as_before(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("東京株式市場続落", "ja"),  # 続, not 续 or 續
    ("県立病院新棟完成", "ja"),
    ("首相訪米日程決定", "zh"),  # no form only Japanese writes: still Chinese
    ("日本広島県发生地震", "zh"),  # a Japanese prefecture as Japan writes it, in a Chinese headline (发)
    ("日本経済新聞報導日圓匯率下跌", "zh"),
    ("臺灣總統府發表聲明", "zh"),
    ("市政府宣布新医院明年开业", "zh"),
])
def test_kanji_only_japanese_by_its_own_forms(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_japanese_and_chinese_forms_are_apart_and_outside_the_chinese_character_sets() -> None:
    assert not JAPANESE_FORMS & CHINESE_FORMS
    for char in JAPANESE_FORMS:
        for codec in ("gb2312", "big5"):
            with pytest.raises(UnicodeEncodeError):
                char.encode(codec)


@pytest.mark.parametrize(("text", "sentences"), [
    ("በጎንደር አዲስ ሆስፒታል ተከፈተ። ሐኪሞቹ ሥራ ጀመሩ።", 2),  # Ethiopic full stop
    ("មន្ទីរពេទ្យថ្មីបើកហើយ។ គ្រូពេទ្យចាប់ផ្ដើមធ្វើការ។", 2),  # Khmer khan, no space after it
    ("ဆေးရုံသစ် ဖွင့်လှစ်သည်။ ဆရာဝန်များ အလုပ်စတင်သည်။", 2),  # Myanmar section sign
    ("ਨਵਾਂ ਹਸਪਤਾਲ ਖੁੱਲ੍ਹਿਆ। ਡਾਕਟਰਾਂ ਨੇ ਕੰਮ ਸ਼ੁਰੂ ਕੀਤਾ।", 2),  # danda, as Hindi's
])
def test_their_full_stops_end_sentences(text: str, sentences: int) -> None:
    assert len(split_sentences(text)) == sentences


ONE_LINE = {
    "en": "The new hospital in the old town opened on Monday with two hundred beds. Doctors said the wait was over.",
    "ru": "Новая больница в старом городе открылась в понедельник на двести коек. Врачи говорят, что очередей не "
          "будет.",
    "zh": "老城区的新医院周一正式开业，共设有两百张床位和十个手术室。"
          "医生们说，以后附近的居民看病不用再去市中心排长队了。",
    "hi": "पुराने शहर में नया अस्पताल सोमवार को दो सौ बिस्तरों के साथ खुला। डॉक्टरों ने कहा कि अब इंतजार खत्म हुआ।",
    "am": "በአሮጌው ከተማ አዲሱ ሆስፒታል ሰኞ በሁለት መቶ አልጋዎች ተከፈተ። ሐኪሞቹ የጥበቃው ጊዜ አበቃ ብለዋል።",
}


@pytest.mark.parametrize("code", sorted(ONE_LINE))
def test_a_one_line_file_in_any_script_is_read_as_text_like_a_latin_one(code: str, tmp_path: Path) -> None:
    path = tmp_path / f"{code}.txt"
    path.write_text(ONE_LINE[code] + "\n", encoding="utf-8")
    [article] = read_file(path, config=IngestConfig(), now=NOW).articles
    assert article.language == code
    assert len(article.sentences) == 2  # the whole line is the text, not a title with no text
    assert article.title == article.sentences[0].text  # titled by its first sentence, as an English file is


def test_a_one_line_headline_file_in_another_script_is_still_a_title(tmp_path: Path) -> None:
    path = tmp_path / "headline.txt"
    path.write_text("Новая больница открылась в понедельник\n\nВрачи говорят, что очередей не будет.\n",
                    encoding="utf-8")
    [article] = read_file(path, config=IngestConfig(), now=NOW).articles
    assert article.title == "Новая больница открылась в понедельник"
    assert [s.text for s in article.sentences] == ["Врачи говорят, что очередей не будет."]


def test_the_new_codes_are_accepted_by_the_channel_language_choice() -> None:
    codes = (*sorted(BY_BLOCK), *sorted(OWN_LETTER_TEXTS))
    assert parse_languages(" ".join(codes)) == codes
