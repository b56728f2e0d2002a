"""A short line quoting someone in guillemets (« … », » … «, ‹ … ›) or German „…“ is text, while arrow lines
("Accueil » Monde » Europe", "Lire la suite »", "Next »") are still navigation."""

from __future__ import annotations

import pytest

from bot.ingest.junk import clean_text, is_junk_line, is_prose

# invented quotations, French, German, Swiss and Spanish typography
QUOTE_LINES = [
    "« Nous ne reculerons pas », a déclaré la ministre.",
    "La ministre a promis « de tenir bon » et « de ne pas céder » devant les syndicats.",
    "« Nous ne reculerons pas », a-t-elle dit, « et nous tiendrons bon ».",
    "« Nous ne reculerons pas », a déclaré la ministre. « Jamais. »",
    "Le syndicat a répondu par un communiqué : « Cette réforme est injuste. »",
    "Le syndicat a répondu par un communiqué : « Cette réforme est injuste. »",  # narrow no-break space
    "Le maire a parlé d'une « erreur » et d'un « malentendu » sans plus de détails.",
    "Il a dit « oui, mais « pas maintenant » » puis il est parti.",  # nested
    "Die Ministerin sagte » wir bleiben « und » wir kämpfen « am Freitag.",
    "Die Ministerin sagte am Freitag: »Wir weichen nicht zurück.«",
    "Die Ministerin sagte am Freitag: „Wir weichen nicht zurück.“",
    "Der Sprecher nannte den Plan ›gewagt‹ und ›teuer‹ und ›unnötig‹.",
    "La alcaldesa habló de «un error» y de «un malentendido» el viernes.",
]

NAVIGATION_LINES = [
    "Accueil » Monde » Europe",
    "Accueil » Monde » Europe » La ministre promet de tenir bon",
    "Accueil » Monde » Europe » « Nous ne reculerons pas », dit la ministre",
    "Startseite » Politik » »Wir weichen nicht zurück«, sagt die Ministerin",
    "Home › News › Politics",
    "Lire la suite »",
    "Read more »",
]


@pytest.mark.parametrize("line", QUOTE_LINES)
def test_quotation_line_is_neither_junk_nor_dropped(line: str) -> None:
    assert not is_junk_line(line)
    assert is_prose(line)
    raw = "\n".join(["Une réforme contestée", "La ministre du Travail a défendu sa réforme vendredi à Lyon.", line])
    assert line.replace("\u202f", " ") in clean_text(raw).split("\n\n")


@pytest.mark.parametrize("line", NAVIGATION_LINES)
def test_arrow_navigation_is_still_junk(line: str) -> None:
    assert is_junk_line(line)


def test_page_keeps_quotes_and_drops_arrows() -> None:
    raw = "\n".join([
        "Accueil » Monde » Europe",
        "La ministre promet de tenir bon",
        "La ministre du Travail a défendu vendredi à Lyon sa réforme des bureaux de poste.",
        "« Nous ne reculerons pas », a déclaré la ministre.",
        "Elle a promis « de tenir bon » et « de ne pas céder » devant les syndicats.",
        "Le syndicat a répondu : « Cette réforme est injuste. »",
        "Lire la suite »",
        "Next »",
    ])
    assert clean_text(raw, title="La ministre promet de tenir bon").split("\n\n") == [
        "La ministre du Travail a défendu vendredi à Lyon sa réforme des bureaux de poste.",
        "« Nous ne reculerons pas », a déclaré la ministre.",
        "Elle a promis « de tenir bon » et « de ne pas céder » devant les syndicats.",
        "Le syndicat a répondu : « Cette réforme est injuste. »",
    ]


def test_first_line_ending_in_a_spaced_guillemet_is_text_not_a_title() -> None:
    raw = "\n".join([
        "La ministre du Travail a défendu sa réforme vendredi devant la presse : « Nous ne reculerons pas. »",
        "",
        "Les syndicats appellent à une nouvelle journée de grève la semaine prochaine.",
    ])
    assert clean_text(raw).split("\n\n") == [
        "La ministre du Travail a défendu sa réforme vendredi devant la presse : « Nous ne reculerons pas. »",
        "Les syndicats appellent à une nouvelle journée de grève la semaine prochaine.",
    ]


def test_hard_wrapped_text_is_not_joined_after_a_closing_guillemet() -> None:
    raw = "\n".join([
        "La ministre du Travail a défendu sa réforme vendredi devant la presse : « Nous ne reculerons pas. »",
        "Les syndicats appellent à une nouvelle journée de grève la semaine prochaine.",
        "",
        "Le texte sera examiné au Sénat au printemps.",
    ])
    assert clean_text(raw, title="Réforme").split("\n\n") == [
        "La ministre du Travail a défendu sa réforme vendredi devant la presse : « Nous ne reculerons pas. »",
        "Les syndicats appellent à une nouvelle journée de grève la semaine prochaine.",
        "Le texte sera examiné au Sénat au printemps.",
    ]
