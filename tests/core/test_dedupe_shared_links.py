"""Dedupe by link: a link the feed shares between items (its home page) tells no article apart, so its items are
known by GUID; every other link still finds its article, whatever its GUID did (edits, renumbered GUIDs)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.ingest.canonical import article_id, content_hash
from bot.models import Article, Sentence
from bot.store.dedupe import StoredKeys, plan_batch

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
HOME = "https://wick.example"


def article(text: str, *, guid: str | None = None, url: str = "", source: str = "feed-a",
            shared: bool = False) -> Article:
    digest = content_hash(text)
    return Article(id=article_id(guid, url, digest, scope=source), url=url, title="Title", outlet="Wick",
                   text=text, sentences=(Sentence(0, 0, len(text), text),), guid=guid, source=source,
                   content_hash=digest, published=NOW, link_shared=shared)


def keys(a: Article, seq: int) -> StoredKeys:
    return StoredKeys(a.id, seq, a.guid, a.source, a.url, a.content_hash, a.title)


def outcomes(batch: list[Article], stored: list[Article]) -> list[tuple[str, str]]:
    return [(d.outcome, d.target) for d in plan_batch(batch, [keys(a, n) for n, a in enumerate(stored)])]


HOME_ITEMS = [article(f"{town} opened its new reading room on Saturday.", guid=f"wick-{n}", url=HOME, shared=True)
              for n, town in enumerate(("Ashby", "Brill", "Colne"))]


def test_items_sharing_a_link_are_told_apart_by_guid_then_unchanged() -> None:
    assert outcomes(HOME_ITEMS, []) == [("added", a.id) for a in HOME_ITEMS]
    assert outcomes(HOME_ITEMS, HOME_ITEMS) == [("unchanged", a.id) for a in HOME_ITEMS]


def test_the_same_items_without_the_mark_overwrite_each_other_as_before() -> None:
    plain = [replace(a, link_shared=False) for a in HOME_ITEMS]
    assert [d for d, _ in outcomes(plain, [])] == ["added", "updated", "updated"]


def test_a_link_holding_two_guids_already_is_shared_for_a_lone_new_item_and_a_page_without_guid() -> None:
    lone = article("Dunmore opened its new reading room on Sunday.", guid="wick-9", url=HOME)
    page = article("Welcome to the Wick news pages. Latest items below.", url=HOME, source=HOME)
    assert outcomes([lone, page], HOME_ITEMS[:2]) == [("added", lone.id), ("added", page.id)]
    page_again = article("Welcome to the Wick news pages. Newest items first.", url=HOME, source=HOME)
    assert page_again.id == page.id  # known by its link: its own row is updated, no item's
    assert outcomes([page_again], [*HOME_ITEMS[:2], page]) == [("updated", page.id)]
    # one GUID at the link is no evidence: a lone item there is still its article, as before
    assert outcomes([lone], HOME_ITEMS[:1]) == [("updated", HOME_ITEMS[0].id)]


def test_an_edit_with_a_renumbered_guid_still_updates_the_article_at_its_link() -> None:
    stored = article("The Wick ferry will stop for two weeks.", guid="https://wick.example/ferry#0",
                     url="https://wick.example/ferry")
    edited = article("The Wick ferry will stop for three weeks, the operator said.",
                     guid="https://wick.example/ferry#1", url="https://wick.example/ferry")
    renumbered = replace(stored, guid="https://wick.example/ferry#2", id="other-id")
    assert outcomes([edited], [stored]) == [("updated", stored.id)]
    assert outcomes([renumbered], [stored]) == [("unchanged", stored.id)]


def test_a_syndicated_copy_at_the_same_link_or_with_the_same_text_is_the_stored_article() -> None:
    original = article("The Wick market moves to the quay in June.", guid="m-1", url="https://wick.example/market")
    same_text = article("The Wick market moves to the quay in June.", guid="x-77", url="https://other.example/m",
                        source="feed-b")
    same_link = article("The Wick market moves to the quay in June, traders said.", guid="x-78",
                        url="https://wick.example/market", source="feed-b")
    assert outcomes([same_text], [original]) == [("duplicate", original.id)]
    assert outcomes([same_link], [original]) == [("updated", original.id)]


def test_a_shared_link_item_whose_text_is_stored_elsewhere_is_a_duplicate() -> None:
    elsewhere = article(HOME_ITEMS[0].text, url="https://wick.example/reading-room", source="feed-b")
    assert outcomes(HOME_ITEMS[:1], [elsewhere]) == [("duplicate", elsewhere.id)]
