""""VP" before a name is the title "Vice President": the role reads "Vice President" and the name has no "VP"."""

from __future__ import annotations

from spacy.language import Language

from bot.nlp.quotes import extract_attributions
from bot.nlp.speaker_titles import full_title

from .conftest import make_article


def test_full_title_writes_out_vp_only() -> None:
    assert full_title("VP") == "Vice President"
    assert full_title("former VP") == "former Vice President"
    assert full_title("Senior VP") == "Senior Vice President"
    assert full_title("Senator") == "Senator"
    assert full_title("vp") == "vp"  # not the abbreviation as written
    assert full_title("") == ""


def test_vp_before_a_name_reads_vice_president(nlp: Language) -> None:
    text = "Velmora harbour plan slow\n\nOn Monday, VP Ada Quist said the Velmora harbour plan would take time.\n"
    article = make_article("vp", text, title="Velmora harbour plan slow")
    [quote] = extract_attributions(article, nlp)
    assert (quote.speaker, quote.role) == ("Ada Quist", "Vice President")


def test_a_vp_headline_names_the_person_without_vp(nlp: Language) -> None:
    text = ("VP Ada Quist: Velmora harbour plan slow\n\nVice President Ada Quist said the Velmora harbour plan "
            "would take time.\n")
    article = make_article("vp2", text, title="VP Ada Quist: Velmora harbour plan slow")
    [quote] = extract_attributions(article, nlp)
    assert (quote.speaker, quote.role) == ("Ada Quist", "Vice President")
