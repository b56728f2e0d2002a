"""French and German articles written for these tests (invented places and people, our own words), and a builder."""
# ruff: noqa: E501  (sample prose keeps one sentence per line)

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from bot.models import Article
from bot.nlp.sentences import split_sentences

T0 = datetime(2026, 5, 5, 8, 0, tzinfo=UTC)

# One invented event (a ferry line from Valmora to the island of Ostrelle), told by two French and two German outlets.
FERRY_FR_1 = ("Valmora ouvrira une ligne de ferry vers Ostrelle en juin", """La ville de Valmora a annoncé mardi l'ouverture d'une nouvelle ligne de ferry vers l'île d'Ostrelle.
Les premiers bateaux partiront le 14 juin depuis le port municipal, selon la mairie.
Le projet coûtera 12 millions d'euros, financés en partie par la région.
La maire, Claire Dumarais, a promis des traversées toutes les deux heures pendant l'été.
Les pêcheurs du port craignent toutefois que les nouveaux quais réduisent leurs places d'amarrage.""")
FERRY_FR_2 = ("Un ferry reliera Valmora à l'île d'Ostrelle dès le 14 juin", """Les habitants de Valmora pourront rejoindre l'île d'Ostrelle en ferry à partir du 14 juin, a annoncé la municipalité.
La traversée durera quarante minutes et les bateaux quitteront le port municipal toutes les deux heures.
La région financera une partie des travaux, dont le coût atteint 12 millions d'euros.
Selon Claire Dumarais, la maire, les billets seront gratuits pour les écoliers de l'île.
L'association des pêcheurs demande que les nouveaux quais laissent de la place à ses bateaux.""")
FERRY_DE_1 = ("Valmora startet im Juni eine Fährlinie nach Ostrelle", """Die Stadt Valmora hat am Dienstag eine neue Fährverbindung zur Insel Ostrelle angekündigt.
Die ersten Fähren sollen Mitte Juni vom städtischen Hafen ablegen, teilte die Stadtverwaltung mit.
Das Vorhaben kostet 12 Millionen Euro und wird zum Teil von der Region bezahlt.
Bürgermeisterin Claire Dumarais versprach im Sommer Überfahrten im Zweistundentakt.
Die Fischer im Hafen fürchten jedoch, dass die neuen Anleger ihnen Liegeplätze wegnehmen.""")
FERRY_DE_2 = ("Fähren verbinden Valmora ab Mitte Juni mit der Insel Ostrelle", """Ab Mitte Juni können die Einwohner von Valmora mit der Fähre zur Insel Ostrelle fahren, wie die Stadt mitteilte.
Die Überfahrt dauert vierzig Minuten, und die Fähren legen alle zwei Stunden am städtischen Hafen ab.
Die Region übernimmt einen Teil der Baukosten von 12 Millionen Euro.
Nach Angaben von Bürgermeisterin Claire Dumarais fahren Schulkinder von der Insel kostenlos.
Der Fischereiverein verlangt, dass an den neuen Anlegern Platz für seine Boote bleibt.""")

# Unrelated events in the same days and languages: a library closing for works.
LIBRARY_FR = ("La bibliothèque de Saint-Orbe fermera pour travaux", """La bibliothèque municipale de Saint-Orbe fermera ses portes pendant trois mois à partir de septembre.
Les travaux doivent remplacer la toiture et agrandir la salle de lecture des enfants.
Le conseil municipal a voté le budget des travaux lors de sa séance de lundi.
Pendant la fermeture, un bibliobus passera dans les quartiers de la ville chaque semaine.
Les lecteurs pourront rendre leurs livres dans une boîte installée devant la mairie.""")
LIBRARY_DE = ("Stadtbibliothek in Lindenhafen schließt wegen Umbau", """Die Stadtbibliothek von Lindenhafen bleibt ab September drei Monate lang geschlossen.
Bei dem Umbau wird das Dach erneuert und der Lesesaal für Kinder vergrößert.
Der Stadtrat hat die Kosten für den Umbau in seiner Sitzung am Montag bewilligt.
Während der Schließung fährt jede Woche ein Bücherbus durch die Stadtteile.
Ausgeliehene Bücher können in einen Kasten vor dem Rathaus zurückgegeben werden.""")

# Pensions in an invented country, for topic matching: the words are inflected unlike the topics typed below.
PENSIONS_FR = ("Valdorie : le gouvernement veut réformer la retraite des fonctionnaires", """Le gouvernement de Valdorie a présenté jeudi un projet pour réformer le système de retraite des fonctionnaires.
L'âge de départ passerait de 62 à 64 ans d'ici à 2030, selon le ministre du Travail, Hugo Ferrand.
Les syndicats appellent à une grève le 3 octobre contre ce projet.""")
PENSIONS_DE = ("Valdorien plant Rentenreformen für Beamte", """Die Regierung von Valdorien hat am Donnerstag Pläne für mehrere Rentenreformen vorgestellt.
Das Rentenalter der Beamten soll bis 2030 von 62 auf 64 Jahre steigen, sagte Arbeitsminister Hugo Ferrand.
Die Gewerkschaften rufen für Anfang Oktober zu einem Streik gegen die Pläne auf.""")

# A German sentence made only of function words and a verb: it says nothing.
GERMAN_FILLER = "Es ist so, wie es ist, und das ist auch das, was die meisten von ihnen dazu sagen."


def article(pair: tuple[str, str], language: str, *, outlet: str, hours: float = 0.0, text: str | None = None) -> Article:
    """An Article of a (title, text) pair in this language; ``text`` replaces the pair's text."""
    title, body = pair[0], pair[1] if text is None else text
    ident = hashlib.sha1((outlet + title + body).encode()).hexdigest()[:12]
    return Article(ident, f"https://{outlet}.example/{ident}", title, outlet, body, split_sentences(body),
                   published=T0 + timedelta(hours=hours), language=language)


def with_line(pair: tuple[str, str], line: str, at: int) -> str:
    """The pair's text with ``line`` inserted as its line number ``at``."""
    lines = pair[1].split("\n")
    lines.insert(at, line)
    return "\n".join(lines)
