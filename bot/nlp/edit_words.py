"""The words an edit of an article is judged by, per language: stop words, negations, number words, elisions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from bot.nlp.languages import ELISIONS, ENGLISH, language_name, stop_words, unelide
from bot.nlp.terms import english_stop_words

NUMBER_TEXT = """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    hundreds thousand thousands million millions billion billions trillion dozen dozens half quarter third
    first second"""
NEGATION_TEXT = "not no never nobody none nothing neither nor without cannot nowhere"
NUMBER_WORDS = frozenset(NUMBER_TEXT.split())
NEGATIONS = frozenset(NEGATION_TEXT.split())
# negation words of other languages (an elided "n'" counts as "ne"); "personne" and "plus" are left out in French,
# as they are as often a noun and a comparison
OTHER_NEGATIONS = {
    "french": "ne n pas jamais rien aucun aucune aucuns aucunes ni sans nullement guère",
    "german": "nicht kein keine keinen keinem keiner keines nie niemals nichts niemand weder ohne",
    "spanish": "no nunca jamás nada nadie ninguno ninguna ningún ni sin tampoco",
    "italian": "non mai niente nulla nessuno nessuna nessun né senza",
    "portuguese": "não nunca jamais nada ninguém nenhum nenhuma nem sem",
}
# number words of other languages; not those that are also an article or a verb ("un", "ein", "uno", "sei")
_OTHER_NUMBERS = {
    "french": """zéro deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt
        trente quarante cinquante soixante cent cents mille million millions milliard milliards douzaine douzaines
        dizaine dizaines centaine centaines moitié tiers quart""",
    "german": """null zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn
        sechzehn siebzehn achtzehn neunzehn zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig
        hundert hunderte tausend tausende million millionen milliarde milliarden dutzend dutzende hälfte drittel
        viertel""",
    "spanish": """cero dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis
        diecisiete dieciocho diecinueve veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa cien
        ciento cientos mil miles millón millones docena docenas mitad""",
    "italian": """zero due tre quattro cinque sette otto nove dieci undici dodici venti trenta quaranta cinquanta
        sessanta settanta ottanta novanta cento mille mila milione milioni miliardo miliardi dozzina metà""",
    "portuguese": """zero dois duas três quatro cinco seis sete oito nove dez onze doze vinte trinta quarenta
        cinquenta sessenta setenta oitenta noventa cem cento mil milhão milhões dúzia metade""",
}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The words a language's edits are judged by: stop words, negations, number words, elided heads ("l'")."""

    stop: frozenset[str]
    negations: frozenset[str]
    numbers: frozenset[str]
    elisions: frozenset[str]

    def normal(self, word: str) -> str:
        """Lower-case, without an elided article ("l'économie" -> "économie")."""
        low = word.lower()
        return unelide(low, self.elisions) if self.elisions else low


@cache
def _lexicon_of(name: str) -> Lexicon:
    if name == ENGLISH:
        return Lexicon(english_stop_words(), NEGATIONS, NUMBER_WORDS, frozenset())
    return Lexicon(stop_words(name), frozenset(OTHER_NEGATIONS.get(name, NEGATION_TEXT).split()),
                    frozenset(_OTHER_NUMBERS.get(name, NUMBER_TEXT).split()), ELISIONS.get(name, frozenset()))


def lexicon(language: str) -> Lexicon:
    """The lexicon of an article's language ("fr", "de-AT", "german"); English's for any language without one."""
    return _lexicon_of(language_name(language))

