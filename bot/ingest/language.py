"""The language of an article whose source does not say: for a text mostly in a script besides Latin, that script's
language (bot/ingest/scripts.py); else the European language whose stop words it uses most, or for a short text the
one whose own function words and letters it shows."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache

from sumy.utils import get_stop_words

from bot.ingest.scripts import script_language

# sumy's stop-word lists for languages written in Latin script (with the ISO 639-1 code stored on articles)
LANGUAGES = {"english": "en", "french": "fr", "german": "de", "spanish": "es", "italian": "it",
             "portuguese": "pt", "czech": "cs", "slovak": "sk", "polish": "pl", "swedish": "sv"}
MIN_WORDS = 30  # from this length the stop-word rule decides; shorter texts need the short-text rule below
MIN_SHARE = 0.15  # a language's stop words must be at least this share of the words ...
MARGIN = 1.5  # ... and this many times English's share, for the text to count as not English
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Short texts (SHORT_MIN_WORDS to MIN_WORDS - 1 words) are told by markers: very frequent function words and letters
# of a language that English does not write. Only words written in lower case count, so names ("Le Pen", "Der
# Spiegel", "Los Angeles", "São Paulo", "Wałęsa") are never evidence. A marker may belong to several languages
# ("la": French, Spanish, Italian): its vote is then shared among them (marker_language).
SHORT_MIN_WORDS = 8  # shorter still: the default
SHORT_MIN_MARKERS = 3  # markers a short text must hold, two different MARKER_WORDS among them, ...
SHORT_RIVAL_RATIO = 2  # ... and this many times as many as English function words
MARKER_WORDS = {
    "fr": "les du est une au aux sur dans pour avec pas ont été sont ce cette ces leur mais où selon ne par "
          "elle ils sera et qu aussi très après",
    "de": "der die das und nicht ist ein eine einen einem einer dem zu mit von auf für im sich auch nach bei wird "
          "wurde werden hat haben sind aus um noch wie über vom zum zur als oder aber nur sie er dass soll kann "
          "keine kein mehr schon seit bis ohne durch gegen unter vor weil wenn",
    "es": "el los las y sus más han fue pero tras según sin muy también hay ya hasta cuando donde ante unos unas "
          "hoy ayer años dijo",
    "it": "il della che sono di è gli dei delle degli nella nel nelle alla alle ai agli dal dalla anche più sul "
          "sulla questo questa dopo hanno stato stata sarà essere ancora fra tutto tutti secondo senza dell nell "
          "sull perché oggi ieri cui loro anni",
    "pt": "não uma em ao aos às pela pelo pelos pelas foi são também já muito depois estão seu seus suas nas "
          "num numa nesta neste os ainda onde até após sem mas ele ela tem têm disse anos",
    "pl": "się że nie jest są w przez dla oraz który która które także już tylko może został została będzie jego "
          "mniej więcej",
    "cs": "že je jsou byl byla bylo není který která které také už podle při ve jako jen ještě když protože mezi "
          "bude budou jeho její jejich což nebo více méně",
    "sv": "och att det som är på för av har inte ett vid efter från också sina sig kan ska nya eller när hade "
          "sitt mot enligt blir år detta denna vara bli mellan utan hos",
    # function words shared by two or more of the languages above
    "fr es pt sv": "de",
    "fr es it": "la le un",
    "fr de": "des",
    "de sv": "den",
    "es it": "una con del al lo su uno ha",
    "es it pt": "durante",
    "es pt": "por para este esta como entre sobre desde ser está dos sido porque nos",
    "fr es pt": "que se",
    "it pt": "da sua e",
    "fr es sv": "en",
    "fr pt": "ou",
    "pl cs": "na z od po ze",
}
MARKER_LETTERS = {"fr": "îïûœë", "de": "ßü", "es": "ñ", "it": "ìò", "pt": "ãõ", "pl": "ąęłśźżńć", "cs": "řůěšžčý",
                  "sv": "å", "fr pt": "çêâ", "fr it pt": "à", "fr it": "èù", "fr es it pt cs": "é",
                  "es pt cs": "áíú", "es it pt pl": "ó", "de sv": "äö"}
_ENGLISH = (
    "the and of with that for from has have are were will said says its this it be an at after over who which his "
    "her they their not by is was as but been would could about into more than or")
ENGLISH_WORDS = frozenset(_ENGLISH.split())  # English function words: a short text must have few of them
# particles inside a name ("Rincón de la Vega", "Plaza de Toros", "Rue du Bac", "São Brás do Monte"): between two
# capitalised words they are part of the name and, as the name, no evidence (not "des": German "Süden des Landes")
NAME_PARTICLES = frozenset(["de", "la", "del", "da", "do", "dos", "das", "di", "du", "le", "los", "las", "el"])
# phrases English borrows whole ("coq au vin", "en route", "à la carte"): there their words are English, no evidence
LOAN_PHRASES = frozenset(tuple(_WORD.findall(phrase)) for phrase in (
    "en croûte", "en route", "en masse", "en bloc", "en suite", "en passant", "en vogue", "au vin", "au lait",
    "au jus", "au gratin", "au pair", "au pairs", "au revoir", "au courant", "au naturel", "du jour", "à la carte",
    "à la mode", "de rigueur", "de facto", "de jure", "de luxe", "tour de force", "coup de grâce",
    "pièce de résistance", "joie de vivre", "raison d'être", "con carne", "con brio"))
_LOAN_LENGTHS = sorted({len(p) for p in LOAN_PHRASES})
_LOAN_STARTS = frozenset(p[0] for p in LOAN_PHRASES)


@cache
def _stop_words() -> dict[str, frozenset[str]]:
    return {code: frozenset(w.lower() for w in get_stop_words(name)) for name, code in LANGUAGES.items()}


@cache
def _marker_words() -> dict[str, frozenset[str]]:
    """Each marker word with the languages it belongs to."""
    out: dict[str, set[str]] = {}
    for codes, words in MARKER_WORDS.items():
        for word in words.split():
            out.setdefault(word, set()).update(codes.split())
    return {word: frozenset(codes) for word, codes in out.items()}


@lru_cache(maxsize=65_536)  # bounded: a long-running bot meets new words for ever
def _languages_of(word: str) -> frozenset[str]:
    """The languages of which lower-case ``word`` is a marker: those that all its hints agree on (its MARKER_WORDS
    entry and each MARKER_LETTERS group it has a letter of; "associação" is Portuguese, not French); none if they
    disagree or it has none."""
    hints = [frozenset(group.split()) for group, letters in MARKER_LETTERS.items()
             if any(letter in word for letter in letters)]
    if word in _marker_words():
        hints.append(_marker_words()[word])
    return frozenset.intersection(*hints) if hints else frozenset()


def detect_language(text: str, default: str = "en") -> str:
    """``fr`` for French text, ``ru`` for Russian, and so on: a text mostly in one script besides Latin gets its
    script's language (``script_language``: ``zh``, ``ja``, ``ko``, ``ru``, ``uk``, ``ar`` ...); any other text the
    Latin-script rules' (``latin_language``), as before."""
    return script_language(text) or latin_language(text, default)


def latin_language(text: str, default: str = "en") -> str:
    """``fr`` for French text, and so on; ``default`` when the text is under SHORT_MIN_WORDS words or no language
    stands out. From MIN_WORDS words, the stop-word rule (stop_word_language); shorter, the marker rule
    (marker_language), which asks for more evidence and so keeps English text English."""
    words = _WORD.findall(text[:20_000])
    if len(words) >= MIN_WORDS:
        return stop_word_language([w.lower() for w in words], default)
    if len(words) >= SHORT_MIN_WORDS:
        return marker_language(words, default)
    return default


def stop_word_language(words: Sequence[str], default: str = "en") -> str:
    """The language whose stop words make up at least MIN_SHARE of ``words`` (lower-cased) and MARGIN times
    English's share; otherwise ``default``."""
    if not words:
        return default
    shares = {code: sum(1 for w in words if w in stop) / len(words) for code, stop in _stop_words().items()}
    best = max(shares, key=lambda code: shares[code])
    if best == "en" or shares[best] < MIN_SHARE or shares[best] < MARGIN * shares["en"]:
        return default
    return best


def marker_language(words: Sequence[str], default: str = "en") -> str:
    """The language that the lower-case words of ``words`` (as written) show, or ``default``. A marker is a word of
    MARKER_WORDS or with a MARKER_LETTERS letter, not a particle inside a name (NAME_PARTICLES) nor a word of a
    phrase English borrows (LOAN_PHRASES). Evidence: at least SHORT_MIN_MARKERS markers, SHORT_RIVAL_RATIO times as
    many words of MARKER_WORDS as English function words (in any case), and two different words of MARKER_WORDS
    among them (a letter alone is weak: English writes "café", "piñata", "crème brûlée"). Then each marker votes,
    its vote split among its languages; the language with the most votes, if it has more than any other, is the
    text's."""
    borrowed = _in_loan_phrases(words)
    lower = [w for i, w in enumerate(words) if w.islower() and not _in_name(words, i) and i not in borrowed]
    markers = [(w, codes) for w in lower if (codes := _languages_of(w))]
    function_markers = [w for w, _ in markers if w in _marker_words()]
    english = sum(1 for w in words if w.lower() in ENGLISH_WORDS)  # "The" at a start counts too
    if (len(markers) < SHORT_MIN_MARKERS or len(function_markers) < SHORT_RIVAL_RATIO * english
            or len(set(function_markers)) < 2):
        return default
    votes: Counter[str] = Counter()  # each marker has 840 votes (1 to 8 divide it), shared among its languages
    for _, codes in markers:
        for code in codes:
            votes[code] += 840 // len(codes)
    ranked = [*votes.most_common(2), ("", 0)]
    if ranked[1][1] >= ranked[0][1]:
        return default
    return ranked[0][0]


def _in_name(words: Sequence[str], i: int) -> bool:
    """``words[i]`` is one of a run of NAME_PARTICLES with a capitalised word on either side ("de la" of "Rincón de
    la Vega")."""
    if words[i] not in NAME_PARTICLES:
        return False
    before, after = i, i
    while before > 0 and words[before - 1] in NAME_PARTICLES:
        before -= 1
    while after < len(words) - 1 and words[after + 1] in NAME_PARTICLES:
        after += 1
    return (before > 0 and after < len(words) - 1 and words[before - 1][:1].isupper()
            and words[after + 1][:1].isupper())


def _in_loan_phrases(words: Sequence[str]) -> set[int]:
    """Positions of the words of LOAN_PHRASES in ``words`` (in any case)."""
    lower = [w.lower() for w in words]
    out: set[int] = set()
    for i in (i for i, w in enumerate(lower) if w in _LOAN_STARTS):
        for n in _LOAN_LENGTHS:
            if tuple(lower[i:i + n]) in LOAN_PHRASES:
                out.update(range(i, i + n))
    return out
