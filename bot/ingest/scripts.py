"""The language of a text written mostly in one script besides Latin (Chinese, Japanese, Korean, Russian, Arabic,
Greek, Hindi, Telugu, Khmer, Amharic, Tibetan ...): its letters counted by Unicode script, then a few letters that tell
languages of one script apart."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

SAMPLE_CHARS = 20_000  # the text read, as bot/ingest/language.py reads it
# A script's letters must be more than half of all the letters (Latin and any other script counted too): a text in
# Russian or Chinese is mostly its own script even with Latin names, brands and figures in it, and an English text
# quoting a Russian or Chinese name is still mostly Latin. Half is the line where neither reading is the majority.
MAJORITY = 0.5
MIN_LETTERS = 2  # fewer letters of the script (a lone "中" or "Я") decide nothing
# Han, kana, Hangul and Ethiopic characters each write a syllable or a word, which Latin letters spell with two or
# more: each counts as two letters, so "Tesla在上海新建工厂" (7 Han, 5 Latin) is Chinese and "Xi Jinping 习近平 visits
# Paris" (3 Han, 20 Latin) English
SYLLABIC_WEIGHT = 2
KANA_SHARE = 0.05  # Han with hiragana or katakana at least this share of the CJK letters is Japanese, else Chinese
# Han without kana (a headline "東京株式市場続落") is Japanese by the forms only Japanese writes, when they are at
# least JAPANESE_FORM_SHARE of the Han and more than JAPANESE_FORM_RATIO times the forms only Chinese writes
# (CHINESE_FORMS): Japanese simplified forms unlike both Chinese ones (気, not 气 or 氣) and characters made in
# Japan (働, 込). None is in GB2312 or Big5 (the character sets of simplified and traditional Chinese); none of
# CHINESE_FORMS is in Japanese text (simplified forms, and traditional ones Japan simplified otherwise)
JAPANESE_FORMS = frozenset("気発県図売読対経済鉄関歳戦総権変転価楽実労駅円広沢桜塩悪圧営観検険験児拡続両様郷"
                           "聴黒団単弾択訳駆囲栄帰辺縄蔵稲乗恵歩収剤臓薬鉱拠挙軽頼雑処亜悩脳満渋働込畑峠枠栃")
CHINESE_FORMS = frozenset("这们说发时对经为过还进现长门问间关开车东马鸟业务动产报场实种认让议讲话语请谈记设"
                          "华电军员书买卖头见韩两亿计领导队续這們說發對經區產實讓會來國學體點萬與號聲臺灣黨"
                          "總戰權變轉價樂勞廣讀圖縣氣歲鐵濟賣驛圓續從兩")
JAPANESE_FORM_SHARE = 0.1
# ... and more than this many times the Chinese forms: a Chinese text naming a Japanese place or firm as Japan writes
# it ("日本広島県发生地震": 2 to 1) stays Chinese
JAPANESE_FORM_RATIO = 2
# Letters of one language of a script among the script's letters: a running text of that language has several times
# this rate; a text of the script's main language that names a place or person of the other has far less
RATE = 0.01

# (first code point, last code point, script) of the letters counted; every other letter (Latin, or a script not
# listed: N'Ko, Cherokee, Javanese, Balinese ...) counts only towards the whole
_RANGES = sorted([
    (0x0370, 0x03FF, "greek"), (0x1F00, 0x1FFF, "greek"),
    (0x0400, 0x052F, "cyrillic"), (0x1C80, 0x1C8F, "cyrillic"), (0x2DE0, 0x2DFF, "cyrillic"),
    (0xA640, 0xA69F, "cyrillic"),
    (0x0531, 0x058F, "armenian"), (0xFB13, 0xFB17, "armenian"),
    (0x0591, 0x05FF, "hebrew"), (0xFB1D, 0xFB4F, "hebrew"),
    (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"), (0x0870, 0x08FF, "arabic"), (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
    (0x0700, 0x074F, "syriac"), (0x0860, 0x086F, "syriac"), (0x0780, 0x07BF, "thaana"),
    (0x0F00, 0x0FFF, "tibetan"), (0x1800, 0x18AF, "mongolian"), (0x11660, 0x1167F, "mongolian"),
    (0x0900, 0x097F, "devanagari"), (0xA8E0, 0xA8FF, "devanagari"),
    (0x0980, 0x09FF, "bengali"),
    (0x0A00, 0x0A7F, "gurmukhi"), (0x0A80, 0x0AFF, "gujarati"), (0x0B00, 0x0B7F, "odia"),
    (0x0B80, 0x0BFF, "tamil"),
    (0x0C00, 0x0C7F, "telugu"), (0x0C80, 0x0CFF, "kannada"), (0x0D00, 0x0D7F, "malayalam"),
    (0x0D80, 0x0DFF, "sinhala"),
    (0x0E00, 0x0E7F, "thai"), (0x0E80, 0x0EFF, "lao"),
    (0x1000, 0x109F, "myanmar"), (0xA9E0, 0xA9FF, "myanmar"), (0xAA60, 0xAA7F, "myanmar"),
    (0x1780, 0x17FF, "khmer"), (0x19E0, 0x19FF, "khmer"),
    (0x1200, 0x139F, "ethiopic"), (0x2D80, 0x2DDF, "ethiopic"), (0xAB00, 0xAB2F, "ethiopic"),
    (0x10A0, 0x10FF, "georgian"), (0x1C90, 0x1CBF, "georgian"), (0x2D00, 0x2D2F, "georgian"),
    (0x1100, 0x11FF, "hangul"), (0x3130, 0x318F, "hangul"), (0xA960, 0xA97F, "hangul"), (0xAC00, 0xD7FF, "hangul"),
    (0xFFA0, 0xFFDC, "hangul"),
    (0x3040, 0x309F, "kana"), (0x30A0, 0x30FF, "kana"), (0x31F0, 0x31FF, "kana"), (0xFF66, 0xFF9F, "kana"),
    (0x3005, 0x3006, "han"), (0x3400, 0x4DBF, "han"), (0x4E00, 0x9FFF, "han"), (0xF900, 0xFAFF, "han"),
    (0x20000, 0x3134F, "han"),
])
_STARTS = [start for start, _, _ in _RANGES]
_CANDIDATES = re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b, _ in _RANGES) + "]+")
_LETTERS = re.compile(r"[^\W\d_]+")
# a link's or an e-mail address's letters are no language's (the address's parts bounded, so that a long run of text
# with no space, as Chinese writes, costs linear time)
_URL = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.%+-])[\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_SYLLABIC = frozenset({"han", "kana", "hangul", "ethiopic"})
_GROUP = {"han": "cjk", "kana": "cjk", "hangul": "cjk"}  # scripts written together, weighed as one
# the one language a script is read as (documented limits: docs/QUALITY.md, "Language of undeclared articles")
_ONLY = {"greek": "el", "armenian": "hy", "hebrew": "he", "devanagari": "hi", "bengali": "bn", "tamil": "ta",
         "thai": "th", "georgian": "ka", "gurmukhi": "pa", "gujarati": "gu", "odia": "or", "telugu": "te",
         "kannada": "kn", "malayalam": "ml", "sinhala": "si", "lao": "lo", "myanmar": "my", "khmer": "km",
         "tibetan": "bo", "thaana": "dv", "syriac": "syr", "mongolian": "mn"}
# Cyrillic letters (lower case) of some of its languages
SERBIAN, MACEDONIAN, SERBIAN_MACEDONIAN = "ђћ", "ѓќѕ", "јљњџ"
BELARUSIAN = "ў"  # Uzbek's too, which writes neither і nor ы
NOT_UZBEK = "іы"
UKRAINIAN = "іїєґ"  # і is Belarusian too
RUSSIAN = "ыэёъ"  # none of them Ukrainian; ы э ё are Belarusian too, ъ Bulgarian
NOT_BULGARIAN = "ыэё"
# Cyrillic letters (lower case) Russian does not write, of each language that writes them: in the order a tie goes
# (Mongolian's two letters are all Kyrgyz's, Tatar's and Kazakh's too; Kyrgyz's three Tatar's and Kazakh's)
OWN_LETTERS = {"mn": "өү", "ky": "ңөү", "tt": "әҗңөүһ", "kk": "әғқңөұүһі", "tg": "ғӣқӯҳҷ", "uz": "ғқўҳ",
               "ba": "әғҙҡңөҫүһ"}
# those letters but і and ў (Ukrainian's and Belarusian's too): what must be at OWN_SHARE of the Cyrillic letters, at
# least OWN_MIN of them, and more than OWN_RATIO times Russian's one-letter words, for a text to be one of these
# languages. Such a running text has 5 to 10 % of them; a Russian text naming a Kazakh or Mongolian person in
# their own spelling ("Тоқаев", "Хүрэлсүх") has a few, and the one-letter words these languages never write
OWN_GATE = "".join(sorted(set("".join(OWN_LETTERS.values())) - set("іў")))
OWN_SHARE = 0.02
OWN_MIN = 2
OWN_RATIO = 2
# в и с к о as words ("В." is an initial; not у, which Uzbek writes as a word)
_RUSSIAN_LETTER_WORD = re.compile(r"(?<!\w)[вискоВИСКО](?![\w.])")
# Bulgarian's ъ is a vowel, before a consonant ("във", "път"); Russian's only stands before е, ё, ю, я ("объявил")
_BULGARIAN_VOWEL = re.compile(r"[ъЪ](?![еёюяЕЁЮЯ])(?=[^\W\d_])")
# Arabic-script letters of Urdu that Persian and Arabic do not write, and of Persian (Urdu's too) that Arabic does not
URDU = "ٹڈڑںےۓ"
PERSIAN = "پچژگکی"
# Ethiopic letters of Tigrinya that Amharic does not write: ኣ (Tigrinya's a, as in ኣብ "in"; Amharic writes አ), the
# ቐ and ኸ rows (Amharic has no ቐ, and its ኸ is rare). At least OWN_MIN of them, at RATE of the Ethiopic letters and
# more of them than of Amharic's አ make a text Tigrinya
TIGRINYA = "ኣቐቑቒቓቔቕቖቘቚቛቜቝኸኹኺኻኼኽኾዀዂዃዄዅ"
AMHARIC_A = "አ"


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """The script of a letter or a combining mark among those counted here (``"cyrillic"``, ``"han"`` ...); ``""``
    for any other character. Marks count: Devanagari's, Bengali's, Tamil's and Thai's vowel signs are vowels, as a
    Latin vowel is a letter ("নতুন" has four, not three)."""
    point = ord(char)
    i = bisect_right(_STARTS, point) - 1
    if i >= 0 and point <= _RANGES[i][1] and (char.isalpha() or unicodedata.category(char) in ("Mn", "Mc")):
        return _RANGES[i][2]
    return ""


def weighted_length(text: str) -> int:
    """The length of ``text`` with each Han, kana, Hangul and Ethiopic character counted SYLLABIC_WEIGHT times, as
    the letters that spell it in Latin script would be."""
    if text.isascii():
        return len(text)
    return len(text) + sum(SYLLABIC_WEIGHT - 1 for char in text if script_of(char) in _SYLLABIC)


def script_language(text: str) -> str | None:
    """The language of ``text`` when more than MAJORITY of its letters (with the scripts' marks; Han, kana, Hangul and
    Ethiopic weighing SYLLABIC_WEIGHT each) are of one script listed here, at least MIN_LETTERS of them; None
    otherwise (Latin text, a mix, or a script not listed), for the stop-word rules to decide. Links and e-mail
    addresses are not read."""
    sample = text[:SAMPLE_CHARS]
    if sample.isascii() or not _CANDIDATES.search(sample):
        return None
    sample = _URL.sub(" ", sample)
    chars = Counter("".join(_CANDIDATES.findall(sample)))
    scripts: Counter[str] = Counter()
    marks = 0  # the scripts' marks, which _LETTERS does not match
    for char, n in chars.items():
        if script := script_of(char):
            scripts[script] += n
            marks += 0 if char.isalpha() else n
    if not scripts:
        return None
    total = sum(map(len, _LETTERS.findall(sample))) + marks  # every letter (and mark counted), once
    weighted: Counter[str] = Counter()
    raw: Counter[str] = Counter()
    for script, n in scripts.items():
        weighted[_GROUP.get(script, script)] += n * (SYLLABIC_WEIGHT if script in _SYLLABIC else 1)
        raw[_GROUP.get(script, script)] += n
    extra = sum(n * (SYLLABIC_WEIGHT - 1) for script, n in scripts.items() if script in _SYLLABIC)
    group, weight = weighted.most_common(1)[0]
    if weight <= MAJORITY * (total + extra) or raw[group] < MIN_LETTERS:
        return None
    if group in _ONLY:
        return _ONLY[group]
    return _WITHIN[group](sample, chars, scripts)


def _cjk(_: str, chars: Counter[str], scripts: Counter[str]) -> str:
    """Korean when Hangul is at least half the CJK letters; Japanese when kana are at least KANA_SHARE, or when
    JAPANESE_FORMS are at least JAPANESE_FORM_SHARE of the Han and more than JAPANESE_FORM_RATIO times
    CHINESE_FORMS; else Chinese."""
    cjk = scripts["han"] + scripts["kana"] + scripts["hangul"]
    if scripts["hangul"] * 2 >= cjk:
        return "ko"
    if scripts["kana"] >= KANA_SHARE * cjk:
        return "ja"
    japanese = sum(n for char, n in chars.items() if char in JAPANESE_FORMS)
    if japanese and japanese >= JAPANESE_FORM_SHARE * scripts["han"]:
        chinese = sum(n for char, n in chars.items() if char in CHINESE_FORMS)
        return "ja" if japanese > JAPANESE_FORM_RATIO * chinese else "zh"
    return "zh"


def _cyrillic(sample: str, chars: Counter[str], scripts: Counter[str]) -> str:
    """Serbian or Macedonian by their own letters (Macedonian when ѓ ќ ѕ outnumber ђ ћ); Kazakh, Kyrgyz, Tatar,
    Mongolian, Tajik, Uzbek or Bashkir by theirs (OWN_LETTERS, with OWN_GATE's guards); Uzbek by ў with no і or ы;
    Belarusian by ў, or by і with ы э ё and (almost) no и (Belarusian writes і where Ukrainian and Russian write и,
    and has no ї є); Ukrainian by і ї є ґ (more of them than of Russian's ы э ё ъ); each at RATE of the Cyrillic
    letters. Bulgarian by ъ as a vowel, which Russian never writes, with ы э ё (which Bulgarian has not) fewer than a
    tenth as many. Else Russian."""
    lower: Counter[str] = Counter()
    for char, n in chars.items():
        if script_of(char) == "cyrillic":
            lower[char.lower()] += n
    least = RATE * scripts["cyrillic"]

    def count(letters: str) -> int:
        return sum(lower[c] for c in letters)

    if count(SERBIAN + MACEDONIAN + SERBIAN_MACEDONIAN) >= least:
        return "mk" if count(MACEDONIAN) > count(SERBIAN) else "sr"
    own = count(OWN_GATE)
    if (own >= max(OWN_MIN, OWN_SHARE * scripts["cyrillic"])
            and own > OWN_RATIO * len(_RUSSIAN_LETTER_WORD.findall(sample))):
        return _own_letters_language(lower)
    i_count = lower["і"]
    if count(BELARUSIAN) >= least and not count(NOT_UZBEK):
        return "uz"  # ў with neither і nor ы, two of Belarusian's commonest letters
    if count(BELARUSIAN) >= least or (i_count >= least and count(NOT_BULGARIAN) >= least and lower["и"] * 10 < i_count):
        return "be"
    if count(UKRAINIAN) >= least and count(UKRAINIAN) > count(RUSSIAN):
        return "uk"
    vowels = len(_BULGARIAN_VOWEL.findall(sample))
    if vowels and count(NOT_BULGARIAN) * 10 < vowels:
        return "bg"
    return "ru"


def _own_letters_language(lower: Counter[str]) -> str:
    """Of OWN_LETTERS, the language whose letters the text holds most of, less those it holds of the others; a tie
    goes to the language listed first (the one with fewer such letters: ө ү alone are Mongolian, with ң Kyrgyz)."""
    every = set("".join(OWN_LETTERS.values()))

    def score(code: str) -> int:
        return sum(lower[c] if c in OWN_LETTERS[code] else -lower[c] for c in every)

    return max(OWN_LETTERS, key=score)


def _arabic(_: str, chars: Counter[str], scripts: Counter[str]) -> str:
    """Urdu when its own letters (ٹ ڈ ڑ ں ے) are at RATE of the Arabic-script letters; else Persian when پ چ ژ گ ک ی
    are; else Arabic."""
    least = RATE * scripts["arabic"]
    if sum(chars[c] for c in URDU) >= least:
        return "ur"
    if sum(chars[c] for c in PERSIAN) >= least:
        return "fa"
    return "ar"


def _ethiopic(_: str, chars: Counter[str], scripts: Counter[str]) -> str:
    """Tigrinya when its own letters (TIGRINYA) are at least OWN_MIN, at RATE of the Ethiopic letters, and more than
    Amharic's አ; else Amharic."""
    own = sum(chars[c] for c in TIGRINYA)
    return "ti" if own >= max(OWN_MIN, RATE * scripts["ethiopic"]) and own > chars[AMHARIC_A] else "am"


_WITHIN: dict[str, Callable[[str, Counter[str], Counter[str]], str]] = {
    "cjk": _cjk, "cyrillic": _cyrillic, "arabic": _arabic, "ethiopic": _ethiopic}
