"""Page furniture and editors' notes in French, German, Spanish, Italian and Portuguese, as regular expressions."""

from __future__ import annotations

import re

# Each tuple holds lower-case alternatives (regular-expression fragments). The English forms stay where they were
# (bot/ingest/junk.py, bot/nlp/sentence_quality.py, bot/nlp/revisions.py); these extend them. A phrase here must
# not be ordinary prose in any of the languages when it opens a line: "Anzeige" and "Publicité" are labels,
# "Teilen" alone on a line is a button, but "teilen" inside a sentence is a verb, so the lone words are only
# ever matched as a whole line or before a colon.

# links to other articles: "Lire aussi : ...", "Lesen Sie auch: ...", "Lee también ..."; these open no sentence of
# prose, so they mark a link wherever a sentence starts with them
READ_MORE_OPENERS = (
    r"(?:à |a )?lire (?:aussi|également|la suite)", r"(?:à )?voir aussi",
    r"lesen sie (?:auch|hier)", r"das könnte sie (?:auch )?interessieren",
    r"lea también", r"lee también", r"te puede interesar", r"le puede interesar", r"noticias relacionadas",
    r"leggi (?:anche|tutto)", r"(?:ti )?potrebbe interessarti", r"articoli correlati",
    r"leia também", r"veja também", r"notícias relacionadas",
)
# these open prose too ("Mehr zum Thema Rente will die Regierung ...", "Sur le même sujet, la commission ..."): a
# link only as a line of their own or before a colon
READ_MORE = (
    *READ_MORE_OPENERS, r"sur le même sujet", r"lesen sie mehr", r"mehr zum thema", r"auch interessant", r"weiterlesen",
    r"leer más", r"ver también", r"leggi di più", r"vedi anche", r"leia mais", r"veja mais", r"saiba mais",
)
# advertising labels
ADS = (
    r"publicité", r"contenu sponsorisé", r"anzeige", r"werbung", r"gesponsert", r"publicidad",
    r"contenido patrocinado", r"pubblicità", r"contenuto sponsorizzato", r"publicidade", r"conteúdo patrocinado",
)
# calls to action that are never prose, wherever they stand ("Abonnez-vous à notre lettre ...")
PROMPTS = (
    r"abonnez-vous", r"inscrivez-vous", r"jetzt abonnieren", r"abonnieren sie", r"suscríbete", r"suscríbase",
    r"iscriviti", r"inscreva-se", r"assine já",
)
# buttons and labels that are words of prose too ("teilen", "gli abbonati"): a line of its own, or before a colon
BUTTONS = (
    r"partagez(?: cet article)?", r"partager(?: cet article| sur \w+)?", r"artikel teilen", r"teilen",
    r"compartir(?: en \w+)?", r"compártelo", r"abbonati", r"condividi(?: su \w+)?", r"assine", r"compartilhe",
    r"compartilhar", r"partilhe", r"partilhar",
)
# captions and credits: "Crédit photo : ...", "Foto: ...", "Bild: ...", "Quelle: ..."
CREDITS = (
    r"crédits? photo", r"foto(?:s|grafía|grafia)?", r"bild(?:er)?", r"bildquelle", r"imagen", r"immagine",
    r"imagem", r"quelle", r"fuente", r"fonte",
)
# publication and update stamps: "Publié le 3 mars", "Aktualisiert am 3. März", "Publicado el 3 de marzo"
STAMPS = (
    r"publié le", r"mis à jour le", r"mis à jour à", r"veröffentlicht am", r"aktualisiert am", r"stand:",
    r"publicado el", r"actualizado el", r"actualizado a las", r"pubblicato il", r"aggiornato il", r"aggiornato alle",
    r"publicado em", r"atualizado em", r"atualizado às",
)
# editors' notes about the article itself ("Rectificatif : une version précédente de cet article ..."): corrections,
# clarifications and notes, which say nothing new (as "Correction:" in English) ...
CORRECTION_LABELS = (
    r"rectificatif", r"correctif", r"précision", r"note de la rédaction",
    r"korrektur", r"berichtigung", r"richtigstellung", r"anmerkung der redaktion",
    r"fe de (?:erratas|errores)", r"corrección", r"aclaración", r"nota del editor", r"nota de la redacción",
    r"rettifica", r"correzione", r"nota della redazione",
    r"correção", r"errata", r"nota do editor", r"nota da redação",
)
# ... and updates, whose news ("Mise à jour : le bilan s'alourdit ...") a summary may use, as "Update:" in English
NOTE_LABELS = (*CORRECTION_LABELS, r"mise à jour", r"aktualisierung", r"actualización", r"aggiornamento",
               r"atualização")
NOTE_SENTENCES = (
    r"une (?:version|précédente version) (?:précédente |antérieure )?de cet article",
    r"cet article a été (?:mis à jour|corrigé|modifié)",
    r"in einer früheren (?:version|fassung) dieses (?:artikels|beitrags|textes)",
    r"dieser (?:artikel|beitrag|text) wurde (?:aktualisiert|korrigiert|geändert)",
    r"una versión anterior de (?:este|esta) (?:artículo|nota|información)",
    r"este artículo (?:ha sido|fue) (?:actualizado|corregido|modificado)",
    r"esta nota (?:ha sido|fue) (?:actualizada|corregida|modificada)",
    r"una versione precedente di questo articolo", r"questo articolo è stato (?:aggiornato|corretto|modificato)",
    r"uma versão anterior (?:deste|desta) (?:artigo|reportagem|matéria|notícia)",
    r"este artigo foi (?:atualizado|corrigido|alterado)",
    r"esta (?:reportagem|matéria) foi (?:atualizada|corrigida|alterada)",
)
# months and weekdays, which an editor's note or a page stamp may hold besides what it says
CALENDAR = """janvier février mars avril mai juin juillet août septembre octobre novembre décembre lundi mardi
    mercredi jeudi vendredi samedi dimanche januar februar märz april mai juni juli august september oktober
    november dezember montag dienstag mittwoch donnerstag freitag samstag sonntag enero febrero marzo abril mayo
    junio julio agosto septiembre setiembre octubre noviembre diciembre lunes martes miércoles jueves viernes
    sábado domingo gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre
    lunedì martedì mercoledì giovedì venerdì sabato domenica janeiro fevereiro março abril maio junho julho
    agosto setembro outubro novembro dezembro segunda terça quarta quinta sexta feira sábado domingo uhr"""


def alternatives(phrases: tuple[str, ...]) -> str:
    """One regular-expression group of ``phrases``."""
    return "(?:" + "|".join(phrases) + ")"


# what a page stamp holds after its label: dates, clock times and the little words between them ("Publié le 3 mars
# 2026 à 10h12", "Aktualisiert am 4. März 2026, 09:15 Uhr"); a stamp is its label with only these after it, or with
# a clock time or a numeric date among the first of them. "Publicado el 3 de marzo, el informe revela ..." and
# "Veröffentlicht am Montag wurde ..." are prose.
_STAMP_FILLERS = ("à", "a", "às", "as", "alle", "ore", "um", "am", "de", "del", "do", "da", "el", "em", "le", "il",
                  "la", "las", "les", "h", "et", "e", "y", "und", "ed", "ou", "o")
_DATE_TOKEN = rf"[\s,|–—-]*(?:\d[\d.]*|{alternatives(tuple(CALENDAR.split()))}|{alternatives(_STAMP_FILLERS)})(?!\w)"
_CLOCK_OR_DATE = r"\d{1,2}\s*[:h]\s*\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
STAMP = (rf"{alternatives(STAMPS)}(?:(?:{_DATE_TOKEN})*?[\s,]*(?:{_CLOCK_OR_DATE})(?!\w)"
         rf"|(?:{_DATE_TOKEN})+\W*$)")


def literal(phrase: str) -> str:
    """The longest plain run of ``phrase`` outside its groups: a substring every match holds."""
    plain, depth, skip, in_class = [], 0, False, False
    for char in phrase:
        if skip:
            skip = False
            plain.append("\0")
        elif char == "\\":
            skip = True
        elif in_class or char == "[":
            in_class = char != "]"
            plain.append("\0")
        elif char == "(":
            depth += 1
            plain.append("\0")
        elif char == ")":
            depth -= 1
        elif depth or char in "?*+{}[]|.^$":
            if char in "?*{" and plain:  # "crédits? photo": the "s" may be missing, so it is no part of the run
                plain[-1] = "\0"
            plain.append("\0")
        else:
            plain.append(char)
    return max("".join(plain).split("\0"), key=len).strip()


# a Chinese or Japanese character is a word or a syllable: one or two of them are gate enough ("来源", "広告")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def gates(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """Lower-case substrings one of which every match of ``phrases`` holds, for the cheap ``in`` test that comes
    before a rule's regular expression (at least 3 characters, or 1 Chinese or Japanese one)."""
    out = tuple(dict.fromkeys(literal(p) for p in phrases))
    short = [g for g in out if len(g) < 3 and not (g and all(_CJK.match(c) for c in g))]
    if short:
        raise ValueError(f"phrases without a plain run of 3 characters: {short}")
    return out
