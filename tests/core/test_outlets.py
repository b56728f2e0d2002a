"""Independent outlets: one site's feeds are one outlet, syndicated near-copies one report (bot/outlets.py)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import outlets
from bot.models import SourceRef
from bot.outlets import (
    COPY_THRESHOLD,
    containment,
    find_copies,
    independent,
    mark_copies,
    outlet_count,
    outlet_total,
    shingles,
    site_key,
    source_groups,
)

T = datetime(2031, 3, 6, 21, 0, tzinfo=UTC)

# Written for this test: one agency story about a ferry accident ...
WIRE = (
    "Rescue crews pulled eleven people from the water after a passenger ferry struck the breakwater outside "
    "Korsholt harbour late on Thursday, the regional coastguard said. The ferry Mira Lind was carrying "
    "sixty-two passengers and nine crew from Valdmere when it lost steering in strong winds about two hundred "
    "metres from the harbour mouth. \"The crew did everything right, and every person on board is accounted "
    "for,\" coastguard commander Elin Sorvik told reporters at the quay. Four passengers were taken to the "
    "Korsholt district hospital with minor injuries and one crew member was treated for hypothermia. The "
    "vessel was towed to the inner harbour shortly after midnight. The operator, Baltic Narrows Lines, "
    "suspended its evening crossings until Saturday and said an inspection of the hull would begin on "
    "Friday morning. The maritime safety board has opened an investigation into the steering failure, its "
    "third involving the company's fleet in two years.")
# ... as sites republish it: a dateline and a "follow us" line; a local intro and the last paragraph cut; a few
# words changed by an editor
COPIES = {
    "dateline": "KORSHOLT (Coast Wire) - " + WIRE + " Follow us on social media for live updates from the harbour.",
    "local intro": ("Residents of the harbour district heard the impact from their homes, and dozens gathered on "
                    "the promenade to watch the rescue. " + WIRE.rsplit(" The maritime safety board", 1)[0]
                    + " Read more local news on our website."),
    "edited": (WIRE.replace("late on Thursday", "on Thursday night").replace("told reporters at the quay", "said")
               .replace("shortly after midnight", "after midnight")),
}
# ... and reports of the same event written by other newsrooms: the same facts, names, numbers, even the same
# quote, in their own words (the last one a short rewrite that keeps several of the agency's phrases)
OWN = {
    "rewritten": (
        "A Baltic Narrows Lines ferry hit the Korsholt breakwater on Thursday night after its steering failed in "
        "a gale, and eleven passengers ended up in the sea before rescue boats reached them. The Mira Lind had "
        "left Valdmere with sixty-two passengers and nine crew. Coastguard commander Elin Sorvik praised the "
        "crew: \"The crew did everything right, and every person on board is accounted for.\" Four people were "
        "in hospital overnight with minor injuries. Baltic Narrows Lines has cancelled evening sailings until "
        "Saturday. It is the third time in two years that the maritime safety board has investigated one of "
        "the company's ships."),
    "eyewitness": (
        "Passengers on the Mira Lind described minutes of panic when the ferry lurched into the breakwater at "
        "the entrance to Korsholt harbour. \"We heard a bang and then the lights went out,\" said Tomas Brekke, "
        "who was travelling home from Valdmere with his daughter. Eleven people went into the water and were "
        "rescued by coastguard crews within twenty minutes, according to the coastguard. Four passengers were "
        "treated at the district hospital. The ferry's operator said the steering failure would be "
        "investigated and that evening crossings would not resume before Saturday."),
    "brief": (
        "Rescue crews pulled eleven people from the water at Korsholt on Thursday. The coastguard said the ferry "
        "Mira Lind, carrying sixty-two passengers and nine crew, lost steering in strong winds. Four passengers "
        "were taken to hospital with minor injuries. The maritime safety board is investigating."),
}


def ref(aid: str, name: str, url: str, hours: float | None = 0.0, copy_of: str | None = None) -> SourceRef:
    return SourceRef(aid, name, url, f"Title {aid}", None if hours is None else T + timedelta(hours=hours), copy_of)


def test_one_site_is_one_outlet_whatever_its_feeds_and_subdomains_are_called() -> None:
    assert site_key("https://news.harbourtimes.co.uk/world/1") == "harbourtimes.co.uk"
    assert site_key("https://www.harbourtimes.co.uk/politics/2") == "harbourtimes.co.uk"
    assert site_key("http://HARBOURTIMES.co.uk./x") == "harbourtimes.co.uk"
    assert site_key("https://a.b.valleypost.com.au/z") == "valleypost.com.au"  # a multi-label public suffix
    assert site_key("https://coastwire.co.uk/") != site_key("https://harbourtimes.co.uk/")
    # two blogs on one hosting service are two sites (the list's private section)
    assert site_key("https://valley.blogspot.com/p") != site_key("https://harbour.blogspot.com/p")
    assert site_key("https://news.harbour.test/a") == "harbour.test"  # a suffix the list lacks: last two labels
    # an address names a machine, not a site (one test server may serve several outlets): the outlet name
    assert site_key("http://127.0.0.1:8080/a", "Harbour Daily") != site_key("http://127.0.0.1:8080/b", "Coast Wire")
    assert site_key("http://localhost/a", "Harbour Daily") == site_key("", "harbour daily")
    assert site_key("http://[::1]:8080/a", "Harbour Daily") == "name:harbour daily"
    two_feeds = [ref("a1", "Harbour Times - World", "https://www.harbourtimes.co.uk/world/ferry"),
                 ref("a2", "Harbour Times - Politics", "https://politics.harbourtimes.co.uk/ferry-inquiry"),
                 ref("a3", "Coast Wire", "https://coastwire.co.uk/ferry")]
    assert outlet_count(two_feeds) == 2


def test_without_a_url_the_outlet_name_is_the_site() -> None:
    files = [ref("a1", "Valley Post", ""), ref("a2", " valley  POST", ""), ref("a3", "Harbour Daily", "")]
    assert site_key("", "Valley Post") == site_key("", " valley  POST") == "name:valley post"
    assert outlet_count(files) == 2
    # a file and a web article of the same outlet name are not taken for one site
    assert outlet_count([ref("a1", "Valley Post", ""), ref("a2", "Valley Post", "https://valleypost.com.au/")]) == 2


def test_the_bundled_suffix_list_is_never_fetched(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import tld.base

    def no_fetch(*args: object, **kwargs: object) -> None:
        raise AssertionError("the public-suffix list was fetched")

    outlets._registrable.cache_clear()
    outlets._site.cache_clear()
    try:
        with monkeypatch.context() as patch:  # the bundled list unreadable: the fallback, and no download
            patch.setattr(tld.base, "urlopen", no_fetch)
            patch.setattr(outlets._BundledSuffixes, "local_path", str(tmp_path / "missing.dat"))
            assert site_key("https://news.harbourtimes.co.uk/a") == "harbourtimes.co.uk"
            assert site_key("https://www.valleypost.com.au/a") == "valleypost.com.au"
            assert site_key("https://news.coastwire.example/a") == "coastwire.example"
            assert site_key("https://valley.blogspot.com/p") == "blogspot.com"  # what the list would have known
    finally:
        outlets._registrable.cache_clear()
        outlets._site.cache_clear()
    assert site_key("https://valley.blogspot.com/p") == "valley.blogspot.com"


def test_the_threshold_separates_republished_copy_from_independent_reports() -> None:
    wire = shingles(WIRE)
    for name, text in COPIES.items():
        assert containment(wire, shingles(text)) >= COPY_THRESHOLD + 0.2, name
    for a, b in itertools.combinations(COPIES.values(), 2):
        assert containment(shingles(a), shingles(b)) >= COPY_THRESHOLD + 0.2
    for name, text in OWN.items():
        assert containment(wire, shingles(text)) <= COPY_THRESHOLD - 0.2, name
        for copy in COPIES.values():
            assert containment(shingles(copy), shingles(text)) <= COPY_THRESHOLD - 0.2, name
    for a, b in itertools.combinations(OWN.values(), 2):
        assert containment(shingles(a), shingles(b)) <= COPY_THRESHOLD - 0.2


def test_a_wire_story_on_three_sites_is_one_report_and_the_earliest_copy_the_original() -> None:
    refs = [ref("h", "Harbour Times", "https://harbourtimes.co.uk/ferry", hours=1.0),
            ref("v", "Valley Post", "https://valleypost.com.au/ferry", hours=0.5),
            ref("w", "Coast Wire", "https://coastwire.co.uk/ferry", hours=0.0),
            ref("e", "Daily Beacon", "https://beacon.example/ferry", hours=None)]  # undated: after the dated
    texts = {"h": COPIES["dateline"], "v": COPIES["local intro"], "w": WIRE, "e": COPIES["edited"]}
    assert find_copies(refs, texts) == {"h": "w", "v": "w", "e": "w"}
    marked = mark_copies(refs, texts)
    assert [r.article_id for r in marked] == ["h", "v", "w", "e"]  # order kept
    assert [r.copy_of for r in marked] == ["w", "w", None, "w"]
    assert outlet_count(marked) == 1 and outlet_count(refs) == 4
    # the wire itself not stored: the earliest copy stands for it
    without = mark_copies(refs[:2], texts)
    assert [r.copy_of for r in without] == ["v", None] and outlet_count(without) == 1


def test_independent_reports_of_one_event_are_not_merged() -> None:
    refs = [ref("w", "Coast Wire", "https://coastwire.co.uk/ferry", hours=0.0),
            *(ref(k, f"Outlet {k}", f"https://{k}.example/ferry", hours=n + 1.0) for n, k in enumerate(OWN))]
    texts = {"w": WIRE, **OWN}
    assert find_copies(refs, texts) == {}
    assert outlet_count(mark_copies(refs, texts)) == 4


def test_short_or_missing_texts_are_never_called_copies() -> None:
    refs = [ref("a", "A", "https://a.example/1"), ref("b", "B", "https://b.example/1", hours=1.0),
            ref("c", "C", "https://c.example/1", hours=2.0)]
    texts = {"a": "Ferry hits breakwater.", "b": "Ferry hits breakwater."}  # no text for c
    assert find_copies(refs, texts) == {}


def test_huge_texts_are_compared_on_their_first_words_only() -> None:
    filler = " ".join(f"word{n}" for n in range(200_000))
    assert len(shingles(filler)) == outlets.MAX_WORDS - outlets.SHINGLE + 1
    refs = [ref("a", "A", "https://a.example/1"), ref("b", "B", "https://b.example/1", hours=1.0)]
    # the same start, longer than what is compared, then different endless tails: judged on the start
    start = " ".join(f"lead{n}" for n in range(outlets.MAX_WORDS + 50))
    texts = {"a": f"{start} {filler}", "b": f"{start} {filler.replace('word', 'other')}"}
    assert find_copies(refs, texts) == {"b": "a"}
    texts["b"] = filler  # a different start: not a copy, however much of the rest is the same
    assert find_copies(refs, texts) == {}


def test_source_groups_credit_copies_beside_their_original() -> None:
    refs = [ref("w", "Coast Wire", "https://coastwire.co.uk/ferry"),
            ref("h", "Harbour Times", "https://harbourtimes.co.uk/ferry", hours=1.0, copy_of="w"),
            ref("o", "Valley Post", "https://valleypost.com.au/ferry", hours=2.0),
            ref("x", "Daily Beacon", "https://beacon.example/ferry", hours=3.0, copy_of="gone")]
    groups = source_groups(refs)
    assert [(own.article_id, [c.article_id for c in copies]) for own, copies in groups] == [
        ("w", ["h"]), ("o", []), ("x", [])]  # a copy whose original is not a source stands for it
    assert [r.article_id for r in independent(refs)] == ["w", "o", "x"]
    assert outlet_total([refs[:2], refs[2:3], [ref("w2", "Coast Wire", "https://www.coastwire.co.uk/f")]]) == 2
