"""Back-references, talk to the reader and datelines in French, German, Spanish, Italian and Portuguese."""

from __future__ import annotations

import re

from bot.nlp.languages import language_name

# The English rules stay in bot/nlp/sentence_quality.py and decide for every other language, as before. Each tuple
# holds regular-expression fragments; openers are matched case-insensitively at a sentence's start (after an
# opening quotation mark), except where a fragment says (?-i:...).

# time words after a demonstrative: "Cette semaine", "Diese Woche", "Este lunes", "Questa mattina", "Esta manhã"
# say when, not "this" of something said before
_FR_TIME = (r"matin|soir|midi|week-end|weekend|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|mois|années?|an"
            r"|semaines?|jours?|nuit|après-midi|printemps|été|automne|hiver|saison")
_DE_TIME = (r"Woche|Wochenende|Jahr|Jahres|Monat|Monats|Sommer|Winter|Frühjahr|Herbst|Saison|Montag|Dienstag"
            r"|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Morgen|Abend|Nacht")
# the verbs after a demonstrative "Das" ("Das sagte der Minister ...", "Das ist ..."), not an adjective ("Das neue ...")
_DE_VERBS = (r"ist|war|sei|wäre|wird|würde|soll|sollte|kann|könnte|muss|müsse|hat|hatte|habe|hätte|darf|dürfte|geht"
             r"|ging|gilt|galt|sagte|sagt|teilte|teilt|erklärte|erklärt|berichtete|berichtet|bestätigte|bestätigt"
             r"|zeigt|zeigte|betrifft|betraf|bedeutet|bedeutete|geschah|geschieht|kam|kommt")
_ES_TIME = (r"año|mes|semana|fin de semana|lunes|martes|miércoles|jueves|viernes|sábado|domingo|mañana|tarde|noche"
            r"|verano|invierno|otoño|primavera|temporada|días|semanas|meses|años")
_IT_TIME = (r"mattina|mattino|sera|notte|settimana|settimane|mese|mesi|anno|anni|giorni|lunedì|martedì|mercoledì"
            r"|giovedì|venerdì|sabato|domenica|estate|inverno|autunno|primavera|stagione|fine settimana")
_PT_TIME = (r"ano|mês|semana|fim de semana|segunda|terça|quarta|quinta|sexta|sábado|domingo|manhã|tarde|noite"
            r"|verão|inverno|outono|primavera|temporada|dias|semanas|meses|anos")

# sentence openings that point back at something said before ("Il a ajouté que ...", "Er fügte hinzu ...",
# "Sin embargo, ...", "Tuttavia ...", "No entanto, ..."): pronouns and possessives, demonstratives (not before a
# time word), connectives, and in the languages that drop the subject, a verb of saying ("Añadió que ...")
BACK_REFERENCES: dict[str, tuple[str, ...]] = {
    "french": (
        r"il(?!\s+(?:y\s+a|y\s+avait|y\s+aura|faut|faudra|fallait|reste|restait)\b)", r"elle", r"ils", r"elles",
        r"celui-ci", r"celle-ci", r"ceux-ci", r"celles-ci", r"ceci", r"cela", r"ça",
        rf"(?:ce|cet|cette|ces)(?!(?:\s+derni[eè]re?s?)?\s+(?:{_FR_TIME})\b)",
        r"son", r"sa", r"ses", r"leurs?", r"selon (?:lui|elle|eux|elles)", r"d['’]après (?:lui|elle|eux|elles)",
        r"cependant", r"toutefois", r"pourtant", r"néanmoins", r"mais", r"et", r"or", r"donc",
        r"ainsi(?!\s+(?:que|qu['’]))", r"aussi\s*,", r"alors(?!\s+(?:que|qu['’]))", r"puis", r"ensuite",
        r"par ailleurs", r"en outre", r"de plus", r"de même", r"également", r"en revanche", r"pour autant",
        r"dès lors", r"du coup", r"entre-temps", r"en attendant", r"quant à", r"de son côté", r"de leur côté",
        r"pour sa part", r"pour leur part", r"en effet", r"par conséquent", r"en conséquence", r"c['’]est pourquoi",
        r"dans ce (?:contexte|cadre|cas)", r"à cet égard", r"pour cela", r"tous deux", r"toutes deux",
    ),
    "german": (
        # sentence-initial "Sie" is read as "she" or "they": news speaks of people far more often than to its reader
        r"er", r"sie", r"ihm", r"ihnen", r"ihr(?:e|em|en|er|es)?", r"sein(?:e|em|en|er|es)?",
        r"dies", rf"dies(?:e|er|es|en|em)(?!\s+(?-i:{_DE_TIME})\b)", r"jene[rsnm]?", r"solche[rsnm]?",
        rf"das(?=\s+(?-i:{_DE_VERBS})\b)",  # "Das sagte ...": a pronoun; "Das neue Gesetz ..." is an article
        r"beide", r"letztere[rsnm]?", r"erstere[rsnm]?",
        r"aber", r"und", r"doch", r"jedoch", r"allerdings", r"trotzdem", r"dennoch", r"gleichwohl", r"indes(?:sen)?",
        r"außerdem", r"zudem", r"ferner", r"darüber hinaus", r"auch", r"ebenso", r"ebenfalls", r"weiter(?:hin)?",
        r"dabei", r"dazu", r"dafür", r"dagegen", r"hingegen", r"dadurch", r"danach", r"davor", r"daraufhin",
        r"daher", r"deshalb", r"deswegen", r"darum", r"demnach", r"demzufolge", r"folglich", r"somit", r"also",
        r"stattdessen", r"vielmehr", r"unterdessen", r"inzwischen", r"mittlerweile", r"derweil", r"gleichzeitig",
        r"zugleich", r"dann", r"dort", r"in diesem zusammenhang", r"vor diesem hintergrund",
    ),
    "spanish": (
        r"él", r"ella", r"ellos", r"ellas", r"su", r"sus", r"ambos", r"ambas", r"dich[oa]s?",
        r"tal(?:es)?(?!\s+(?:y\s+)?como\b)",
        rf"(?:este|esta|estos|estas|ese|esa|esos|esas)(?!\s+(?:{_ES_TIME})\b)", r"esto", r"eso",
        r"según (?:él|ella|ellos|ellas)",
        r"sin embargo", r"no obstante", r"además(?!\s+de\b)", r"asimismo", r"así mismo", r"así(?!\s+como\b)",
        r"pero", r"y", r"también", r"tampoco", r"mientras tanto", r"entretanto", r"luego(?!\s+de\b)", r"después\s*,",
        r"después de (?:ello|eso|esto)", r"entonces", r"de hecho", r"en cambio", r"aun así", r"por (?:ello|eso|esto)",
        r"por (?:lo )?tanto", r"por otra parte", r"por otro lado", r"por su parte",
        r"en (?:este|ese) (?:sentido|caso|contexto)",
        r"(?:añadió|agregó|dijo|explicó|señaló|indicó|aseguró|afirmó|subrayó|destacó|precisó|apuntó)(?=\s+que\b)",
    ),
    "italian": (
        r"lui", r"lei", r"loro", r"egli", r"ella", r"ess[oaie]", r"costui", r"costei", r"ciò",
        rf"(?:questo|questa|questi|queste)(?!\s+(?:{_IT_TIME})\b)",
        r"quest['’](?!(?:anno|estate|inverno|autunno)\b)\w+",
        r"quell[oaie]", r"tale", r"tali", r"(?:il |la |i |le )?(?:suo|sua|suoi|sue)", r"entramb[ie]",
        r"secondo (?:lui|lei|loro)",
        r"tuttavia", r"inoltre", r"però", r"ma", r"e(?=\s)", r"anche", r"invece", r"comunque", r"quindi", r"dunque",
        r"pertanto", r"perciò", r"infatti", r"intanto", r"nel frattempo", r"poi", r"peraltro", r"d['’]altra parte",
        r"d['’]altronde", r"del resto", r"eppure", r"ciononostante", r"nonostante ciò", r"per questo", r"anzi",
        r"oltre a ciò", r"in più", r"allo stesso modo", r"in (?:questo|tal) (?:senso|contesto|caso)",
        r"ha (?:aggiunto|detto|spiegato|sottolineato|precisato|ricordato|affermato|dichiarato)",
    ),
    "portuguese": (
        r"ele", r"ela", r"eles", r"elas", r"(?:o |a |os |as )?(?:seu|sua|seus|suas)", r"ambos", r"ambas",
        r"tal(?!\s+como\b)",
        rf"(?:este|esta|estes|estas|esse|essa|esses|essas)(?!\s+(?:{_PT_TIME})\b)", r"isto", r"isso",
        r"aquel[ea]s?", r"aquilo", r"segundo (?:ele|ela|eles|elas)", r"de acordo com (?:ele|ela|eles|elas)",
        r"no entanto", r"contudo", r"porém", r"todavia", r"entretanto", r"além disso", r"ademais", r"mas", r"e(?=\s)",
        r"também", r"assim(?!\s+como\b)", r"por isso", r"portanto", r"então", r"enquanto isso", r"por outro lado",
        r"por sua vez", r"ainda assim", r"mesmo assim", r"depois disso", r"de fa(?:c)?to", r"aliás",
        r"n(?:esse|este) (?:sentido|caso|contexto)",
        r"(?:acrescentou|disse|explicou|afirmou|sublinhou|destacou|referiu|adiantou|salientou)(?=\s+que\b)",
    ),
}

# words that talk to the reader: formal and familiar "you" and "your", lower-case or capitalised only (never
# "TU Berlin"), outside quotations. German formal "Sie", "Ihr" ... are also "she", "they", "her": they count only
# capitalised after a word or a comma ("Wenn Sie ...", "... können Sie Ihren Antrag ..."), never opening a sentence
# or after a colon, where "Sie" is the pronoun capitalised ("Sie sagte ...", "Die Ministerin sagte: Sie ...")
READER_WORDS: dict[str, tuple[str, ...]] = {
    "french": ("vous", "votre", "vos", "vôtre", "vôtres", "tu", "toi", "te", "tes"),
    "german": ("du", "dich", "dir", "dein", "deine", "deinem", "deinen", "deiner", "deines", "euch", "euer", "eure"),
    "spanish": ("usted", "ustedes", "tú", "tu", "tus", "te", "ti", "contigo", "vosotros", "vosotras", "vuestro",
                "vuestra", "vuestros", "vuestras"),
    "italian": ("tu", "ti", "te", "tuo", "tua", "tuoi", "tue", "voi", "vostro", "vostra", "vostri", "vostre"),
    "portuguese": ("você", "vocês", "tu", "te", "ti", "contigo", "teu", "tua", "teus", "tuas", "vos", "vosso",
                   "vossa", "vossos", "vossas"),
}
_GERMAN_FORMAL = r"(?:(?<=\w\s)|(?<=,\s))(?:Sie|Ihnen|Ihr|Ihre|Ihrem|Ihren|Ihrer|Ihres)\b"
# feature openings: "Imaginez ...", "Stellen Sie sich vor", "Imagínese", "Immaginate", "Pense em ..."
FEATURE_OPENINGS: dict[str, tuple[str, ...]] = {
    "french": (r"imaginez", r"imaginons", r"figurez-vous", r"pensez à"),
    "german": (r"stellen sie sich vor", r"stell dir vor", r"man stelle sich vor"),
    "spanish": (r"imagine", r"imagínese", r"imagina", r"imaginemos", r"piense en", r"piensa en"),
    "italian": (r"immagina", r"immaginate", r"immaginatevi", r"immaginiamo", r"pensate a", r"pensa a"),
    "portuguese": (r"imagine", r"imagina", r"imaginemos", r"pense em", r"pensa em"),
}

_OPENING = r"^\s*[\"'“‘«„‚‹»]?\s*"
_BACK = {lang: re.compile(_OPENING + "(?:" + "|".join(p) + r")(?!\w)", re.IGNORECASE)
         for lang, p in BACK_REFERENCES.items()}
_FEATURE = {lang: re.compile(_OPENING + "(?:" + "|".join(p) + r")(?!\w)", re.IGNORECASE)
            for lang, p in FEATURE_OPENINGS.items()}


def _reader_pattern(language: str) -> re.Pattern[str]:
    forms = [form for word in READER_WORDS[language] for form in (word, word[:1].upper() + word[1:])]
    pattern = r"(?<![\w-])(?:" + "|".join(forms) + r")(?!\w)"
    if language == "french":  # "rendez-vous" is a meeting; "Imaginez-vous" still talks to the reader
        pattern = r"(?<!rendez-)(?<!\w)(?:" + "|".join(forms) + r")(?!\w)"
    if language == "german":
        pattern += "|" + _GERMAN_FORMAL
    return re.compile(pattern)


_READER = {lang: _reader_pattern(lang) for lang in READER_WORDS}
# quotations in any of the languages' marks: "...", “...”, „...“, «...», ‹...›
_QUOTED = re.compile(r"[\"“„][^\"“”„]*[\"“”]|«[^«»]*»|‹[^‹›]*›|»[^«»]*«")

# "PARIS (AFP) - ", "BERLIN (dpa) -", "Frankfurt am Main (dpa/lhe) - ", "MADRID, 3 mar (EFE).- ", "(ANSA) - ROMA,
# 3 MAR - ", "SÃO PAULO, 3 de março (Reuters) - ", "Lisboa, 03 mar 2026 (Lusa) - "
_PLACE_WORD = r"[A-ZÀ-ÖØ-Þ][\wÀ-ÿ.'’/-]*"
_PLACE = rf"{_PLACE_WORD}(?:\s+(?:(?:am|an|de|del|do|da|di|sur|en|la)\s+)?{_PLACE_WORD})*"
_DATE = r",?\s+\d{1,2}\.?(?:\s+(?:de\s+)?[A-Za-zÀ-ÿ]{3,10}\.?)?(?:\s+(?:de\s+)?\d{4})?"
_AGENCY = r"\((?:[A-Za-zÀ-ÿ][\wÀ-ÿ .-]{0,20})(?:/[\w.-]{1,10})*\)"
_DASH = r"\.?\s*(?:--|—|–|-)\s+"
_DATELINE = re.compile(rf"^\s*+(?:{_AGENCY}{_DASH})?(?:{_PLACE}(?:{_DATE})?\s*)?(?:{_AGENCY})?{_DASH}")
_STARTS_PROSE = re.compile(r"[\"“‘«„\d]|[A-ZÀ-ÖØ-Þ]")  # after a dateline: a capital, a digit or a quotation mark
_DANGLING_DASH = re.compile(r"^\s*(?:--|—|–|-)\s+")  # "- Über ..." after a dateline the splitter cut off


def _rules(language: str) -> str | None:
    name = language_name(language)
    return name if name in BACK_REFERENCES else None


def opens_with_reference(text: str, language: str) -> bool | None:
    """Does the sentence start by pointing back ("Il a ajouté que ...", "Dies geschieht, nachdem ...")? None for a
    language without rules here (English's rule decides)."""
    name = _rules(language)
    return None if name is None else _BACK[name].match(text) is not None


def addresses_reader(text: str, language: str) -> bool | None:
    """Does the sentence talk to the reader outside any quotation ("Imaginez que vous ...")? None for a language
    without rules here."""
    name = _rules(language)
    if name is None:
        return None
    return _FEATURE[name].match(text) is not None or _READER[name].search(_QUOTED.sub(" ", text)) is not None


def dateline_length(text: str, language: str) -> int:
    """Characters of a leading dateline ("MADRID, 3 mar (EFE).- ") to leave out of the quoted span; 0 if none or
    for a language without rules here."""
    if _rules(language) is None:
        return 0
    dash = _DANGLING_DASH.match(text)
    if dash and _STARTS_PROSE.match(text, dash.end()):
        return dash.end()
    m = _DATELINE.match(text)
    if m is None or len(m.group().split()) > 10 or not _STARTS_PROSE.match(text, m.end()):
        return 0
    core = m.group().strip(" .-—–")
    return m.end() if "(" in core or (core.split(",")[0].isupper() and len(core) >= 3) else 0
