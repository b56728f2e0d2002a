"""A short teaser inside another outlet's full article is not a copy of it, nor the article a copy of the teaser:
both outlets count (bot/outlets.py find_copies)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import SourceRef
from bot.outlets import find_copies, mark_copies, outlet_count
from tests.core.test_outlets import COPIES, WIRE

T = datetime(2031, 5, 2, 8, 0, tzinfo=UTC)

# Written for this test: a newsroom's own report of a dispute at a glassworks ...
REPORT = (
    "Negotiations between the Brandholm glassworkers' guild and the furnace company ended on Tuesday after three "
    "hours without an agreement. Guild chair Tove Marsk said the company had offered \"crumbs from a full table\" "
    "and that the walkout would continue. Company director Aksel Vinter said the guild's demand for a nine percent "
    "raise would close two of the four furnaces. Industry Minister Runa Holt said she would name an arbitrator "
    "before the weekend. About forty lorries are parked outside the works waiting for orders that cannot be "
    "filled, the town council said, and a bottling plant in Sterne has begun buying glass from abroad. The guild "
    "said it would ballot its members on Friday on whether to extend the walkout to the company's cutting shop "
    "in Lervik. Vinter said the company was ready to sit down again whenever the guild wished.")
# ... and the one-sentence teaser another outlet's feed gave for its own report (its page unreadable), a few of
# its words as the report has them
TEASER = "Negotiations between the glassworkers' guild and the furnace company ended on Tuesday after three hours."


def ref(aid: str, name: str, hours: float) -> SourceRef:
    return SourceRef(aid, name, f"https://{aid}.example/glass", f"Title {aid}", T + timedelta(hours=hours))


def test_a_teaser_and_the_full_article_it_shares_words_with_are_two_outlets() -> None:
    for teaser_first in (True, False):  # whichever came first: neither is the other's copy
        refs = [ref("courier", "Northern Herald", 0.0 if teaser_first else 1.0),
                ref("wire", "Glass Wire", 1.0 if teaser_first else 0.0)]
        texts = {"courier": TEASER, "wire": REPORT}
        assert find_copies(refs, texts) == {}, teaser_first
        assert outlet_count(mark_copies(refs, texts)) == 2


def test_a_copy_cut_short_is_still_a_copy_while_most_of_the_original_is_in_it() -> None:
    sentences = WIRE.split(". ")
    kept = ". ".join(sentences[: len(sentences) * 2 // 3]) + "."  # the last third cut
    lead = ". ".join(sentences[:2]) + "."  # only the first two sentences: a lead, not the article
    refs = [ref("wire", "Coast Wire", 0.0), ref("cut", "Harbour Times", 1.0), ref("lead", "Valley Post", 2.0),
            ref("dated", "Daily Beacon", 3.0)]
    texts = {"wire": WIRE, "cut": kept, "lead": lead, "dated": COPIES["dateline"]}
    assert find_copies(refs, texts) == {"cut": "wire", "dated": "wire"}
