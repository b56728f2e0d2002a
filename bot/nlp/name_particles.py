"""Particles inside people's names ("Nina dos Santos", "Ludwig van Beethoven", "Rosa de la Cruz") kept in them."""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.nlp.quote_cues import TITLES, words
from bot.nlp.speaker_titles import org_word

# lower-case words that join a given name to a surname; "al"/"el" also written "al-Rashid", one token or three
PARTICLES = words("da das de del della der den di do dos du la le van von ter ten zu bin ibn al el")
_MAX_GIVEN = 2  # "Nina", "Maria Luisa"
# first words of institutions named with a particle ("Banco de Portugal", "Universidad de Chile"): no person's
_INSTITUTIONS = words(
    "banco banca banque universidad universidade université universita instituto institut ministerio ministère "
    "museo musée partido parti casa real estado república republica frente société école escuela hospital club "
    "fundación fundação fondation teatro théâtre tribunal corte cour conselho consejo conseil camara cámara "
    "assembleia asamblea assemblée rio port puerto porto costa santiago san santa saint")
# labels NER gives a person's name with a particle ("Charles de Gaulle" an organisation); places are places
_MISTAGGED = ("ORG", "WORK_OF_ART")


def _capitalised(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and tok.lower_ not in TITLES and not org_word(tok)


def mistagged_person(ent: Span) -> bool:
    """A person's name with a particle that NER tagged an organisation or a work ("Ludwig van Beethoven")."""
    return ent.label_ in _MISTAGGED and particle_name(list(ent))


def particle_name(toks: list[Token]) -> bool:
    """Whether the tokens are a person's name shaped given name(s), particle(s), surname: capitalised words with
    a run of lower-case particles between them ("Charles de Gaulle" tagged an organisation), no organisation word,
    no institution or place opening it ("Banco de Portugal", "Rio de Janeiro" are none)."""
    if len(toks) < 3 or not _capitalised(toks[0]) or not _capitalised(toks[-1]) or toks[0].lower_ in _INSTITUTIONS:
        return False
    inner = toks[1:-1]
    particles = [t for t in inner if t.text in PARTICLES]
    rest = [t for t in inner if t.text not in PARTICLES]
    return bool(particles) and all(_capitalised(t) for t in rest) and all(not org_word(t) for t in toks)


def with_particles(ent: Span, start_char: int = 0) -> Span:
    """A person's entity grown back over the particles and given name(s) NER left out ("Santos" of "Nina dos
    Santos", "Nina" tagged a nationality), not starting before character ``start_char``; else the entity."""
    doc = ent.doc
    i = ent.start
    while i > 0 and doc[i - 1].text in PARTICLES:
        i -= 1
    if i == ent.start:
        return ent
    first = i
    while first > 0 and i - first < _MAX_GIVEN and _capitalised(doc[first - 1]) and doc[first - 1].pos_ == "PROPN":
        first -= 1
    if first == i or doc[first].idx < start_char:
        return ent
    return Span(doc, first, ent.end, label=ent.label_)
