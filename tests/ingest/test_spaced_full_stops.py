"""A full stop written after a space ("it has been announced .", a capitals heading's "WATCH .") is closed up when an
article is stored, so its text, sentences and quote spans read "announced."; an ellipsis, a decimal, a name, an
initial, an address and a byline stamp's pieces are kept as written. Every example was written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import IngestConfig
from bot.ingest.normalise import RawArticle, build_article
from bot.ingest.spaced_stops import closed_stops
from bot.nlp.quotes import extract_attributions

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


# an ellipsis, a decimal, a name and a byline stamp's pieces, kept as written
KEPT = ("They waited . . . and waited.", "It was over ...", "The rate fell by .5 points.",
        "Mail the desk at orrin .test today.", "By . Coast Wire Reporter . PUBLISHED: . 10:02 EST, 3 March 2026",
        "By . Edda Vinter . and Lena Hart . Last updated",
        # in capitals too: a byline's name pieces and a stamp's label, an initial, a web address, a spaced ellipsis
        "By . EDDA VINTER . and LENA HART . UPDATED: . 10:02 EST", "J . Vinter wrote it.",
        "VISIT WWW.ORRIN.TEST . The desk answers.", "WAIT . . . AND WAIT.", "RATES FELL BY .5 POINTS.")


@pytest.mark.parametrize(("given", "closed"), [
    ("The ferry will run again, it has been announced .", "The ferry will run again, it has been announced."),
    ("For the council the results were clear . Then it rained .",
     "For the council the results were clear. Then it rained."),
    ("Fares rose 4% in 2026 .\nThe mayor called it “fair” .", "Fares rose 4% in 2026.\nThe mayor called it “fair”."),
    ("The harbour board met the mayor of Orrin . He agreed .", "The harbour board met the mayor of Orrin. He agreed."),
    ("(Their answer was no .)", "(Their answer was no.)"),
    # a short all-capitals heading or label ends where its spaced stop is: the splitter makes it a line of its own
    ("WATCH . The river rose over the quay.", "WATCH. The river rose over the quay."),
    ("The fee was agreed on Friday . ORRIN SIGN TWO FERRY PILOTS . Orrin will sign them on Monday.",
     "The fee was agreed on Friday. ORRIN SIGN TWO FERRY PILOTS. Orrin will sign them on Monday."),
    ("Tolls rise again.\nMORE ON THIS STORY .\nThe council met.",
     "Tolls rise again.\nMORE ON THIS STORY.\nThe council met."),
    *((kept, kept) for kept in KEPT),
])
def test_a_spaced_full_stop_is_closed_up_and_the_rest_kept(given: str, closed: str) -> None:
    assert closed_stops(given) == closed


def test_a_stored_article_has_no_spaced_full_stops_and_its_quote_spans_match() -> None:
    text = ("The Orrin ferry will sail again from Monday, it has been announced . "
            "\"The new engine runs quietly and the crew are ready ,\" said skipper Tomas Reiner . "
            "Passengers queued on the quay for tickets , and the results were clear .\n\n"
            "The council said the fares would not rise this year .")
    raw = RawArticle(title="Orrin ferry sails again", text=text, url="https://orrin-post.test/ferry")
    article = build_article(raw, source="feed", now=NOW, config=IngestConfig())
    assert " ." not in article.text
    assert "it has been announced. " in article.text and article.text.endswith("would not rise this year.")
    assert all(not s.text.endswith(" .") for s in article.sentences)
    assert [s.text for s in article.sentences if s.text.endswith("the results were clear.")]
    quotes = extract_attributions(article)
    assert quotes
    for quote in quotes:
        assert article.text[quote.start:quote.end] == quote.content
