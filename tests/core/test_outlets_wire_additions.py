"""An outlet that runs a wire story whole and adds paragraphs of its own (before or after it) is still a copy of
the wire while the wire text is most of its article (bot/outlets.py is_copy, COVER_THRESHOLD)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import SourceRef
from bot.outlets import COVER_THRESHOLD, coverage, find_copies, shingles
from tests.core.test_outlets import WIRE

T = datetime(2031, 5, 2, 8, 0, tzinfo=UTC)

# Written for this test: two paragraphs a local paper adds to the wire's ferry report
OWN = ("The Harbour Times understands that the Mira Lind had been back in service for only three weeks after a "
       "winter refit at the Osterby yard, where her steering gear was overhauled. Families of the passengers "
       "waited at the ferry terminal until after midnight, and the town's sports hall was opened for those who "
       "could not reach home. Local councillor Britt Aune said the breakwater lights had been reported broken "
       "twice this autumn and asked the port authority to say when they were last repaired.")


def ref(aid: str, name: str, hours: float) -> SourceRef:
    return SourceRef(aid, name, f"https://{aid}.example/ferry", f"Title {aid}", T + timedelta(hours=hours))


def test_the_wire_text_with_two_paragraphs_added_is_still_a_copy() -> None:
    for added in (f"{WIRE} {OWN}", f"{OWN} {WIRE}"):
        share = coverage(shingles(WIRE), shingles(added))
        assert COVER_THRESHOLD <= share < 0.75, share  # the added paragraphs are about a third of the article
        refs = [ref("wire", "Coast Wire", 0.0), ref("times", "Harbour Times", 1.0)]
        assert find_copies(refs, {"wire": WIRE, "times": added}) == {"times": "wire"}
