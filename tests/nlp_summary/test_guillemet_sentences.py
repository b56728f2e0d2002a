"""A sentence holding quotations in guillemets (« … » twice, » … «, ‹ … ›) is usable in a summary; a sentence with
breadcrumb arrows outside any quotation is still navigation."""

from __future__ import annotations

import pytest

from bot.nlp.guillemets import straighten_quotations
from bot.nlp.sentence_quality import junk_reason

# invented sentences
USABLE = [
    "« Nous ne reculerons pas », a-t-elle dit, « et nous tiendrons bon jusqu'au vote ».",
    "La ministre a promis « de tenir bon » et « de ne pas céder » devant les syndicats.",
    "Le maire a parlé d'une « erreur » et d'un « malentendu » sans donner plus de détails.",
    "Il a répondu « oui, mais « pas maintenant » » avant de quitter la salle du conseil.",
    "Die Ministerin sagte »wir bleiben« und »wir kämpfen« am Freitag in Berlin.",
    "Der Sprecher nannte den Plan ›gewagt‹ und ›teuer‹ vor den Abgeordneten im Landtag.",
    "La alcaldesa habló de «un error» y de «un malentendido» el viernes por la tarde.",
    "Мэр назвал решение «ошибкой» и «недоразумением» на заседании совета в пятницу.",
]

NAVIGATION = [
    "Accueil » Monde » Europe » La ministre promet de tenir bon face aux syndicats.",
    "Accueil » Monde » « Nous ne reculerons pas », promet la ministre du Travail.",
    "Startseite » Politik » »Wir weichen nicht zurück«, sagt die Ministerin heute.",
    "Home › News › Politics › The minister promises to stand firm against the unions.",
    "Home > News > Politics > The minister promises to stand firm against the unions.",
]


@pytest.mark.parametrize("sentence", USABLE)
def test_quotations_in_guillemets_are_not_navigation(sentence: str) -> None:
    assert junk_reason(sentence) is None


@pytest.mark.parametrize("sentence", NAVIGATION)
def test_arrows_outside_quotations_are_navigation(sentence: str) -> None:
    assert junk_reason(sentence) == "navigation"


def test_straightened_quotations_keep_their_words_and_length() -> None:
    for text in (*USABLE, *NAVIGATION):
        out = straighten_quotations(text)
        assert len(out) == len(text)
        marks = str.maketrans("«»‹›", '""""')
        assert out.translate(marks) == text.translate(marks)  # only marks change, into straight quotes
    assert straighten_quotations("« A » et « B »") == '" A " et " B "'
    assert straighten_quotations("Il a dit « oui, « non » »") == 'Il a dit " oui, " non " "'
    assert straighten_quotations("»Wir bleiben«, sagte sie.") == '"Wir bleiben", sagte sie.'
    assert straighten_quotations("Accueil » Monde » Europe") == "Accueil » Monde » Europe"
    # a mark with no words before its partner quotes nothing: "» «" between a breadcrumb and a quotation
    assert straighten_quotations("Accueil » Monde » « Oui »") == 'Accueil » Monde » " Oui "'
    assert straighten_quotations("« Précédent") == "« Précédent"
