""""Name continued:" / "Name went on:" before a quotation is the named speaker going on, with the route of the
interview they were quoted from ("via Valmont Post"), even when NER takes the bare surname for an organisation;
a thing that "went on" ("the lights", "the talks") says nothing."""

from __future__ import annotations

from spacy.language import Language

from bot.nlp.quotes import extract_from_text

# invented text; "Vantrell" alone is tagged an organisation by the small English model
_POLL = ("Pollster Ada Vantrell told the Valmont Post that voters in the north were worried.\n\n"
         "\"They feel nobody listens,\" said Vantrell.\n\n"
         "Vantrell continued:\n\n"
         "\"When you talk to people in Orrin, what you hear is that the mills closed. They are angry at all of "
         "them.\"\n")


def test_the_route_goes_on_past_a_surname_tagged_an_organisation(nlp: Language) -> None:
    found = extract_from_text(_POLL, "poll", nlp)
    assert [(a.speaker, a.cue, a.role) for a in found] == [
        ("Ada Vantrell", "told", "Pollster, via Valmont Post"),
        ("Ada Vantrell", "said", "Pollster, via Valmont Post"),
        ("Ada Vantrell", "continued", "Pollster, via Valmont Post"),
    ]


def test_went_on_before_a_quotation_is_speech(nlp: Language) -> None:
    text = _POLL.replace("Vantrell continued:", "Vantrell went on:")
    found = extract_from_text(text, "poll", nlp)
    last = found[-1]
    assert (last.speaker, last.cue, last.role) == ("Ada Vantrell", "went on", "Pollster, via Valmont Post")
    assert last.content.startswith("\"When you talk") and last.content.rstrip().endswith("all of them.\"")
    inline = extract_from_text("\"The mills closed,\" said Ada Lind.\n\nShe went on: \"Nobody came to help.\"\n",
                               "inline", nlp)
    assert [(a.speaker, a.cue, a.content) for a in inline][-1] == ("Ada Lind", "went on", "\"Nobody came to help.\"")


def test_things_that_went_on_say_nothing(nlp: Language) -> None:
    text = ("The talks went on: nobody left the hall before dawn.\n\n"
            "The lights went on: \"Wow,\" said a boy in the front row.\n\n"
            "Ada Lind went on to win the Orrin seat in 2019.\n")
    found = extract_from_text(text, "things", nlp)
    assert [a.cue for a in found] == ["said"]  # the boy's "Wow", nothing for "went on"
