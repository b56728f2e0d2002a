"""A page's outlet from the shapes sites really give: a JSON-LD publisher as a string, a list, an ``@id`` pointing
into ``@graph``, a ``@type`` list; a blank site name, or one that is the headline, is no site name."""

from __future__ import annotations

import pytest

from bot.ingest.html import parse_page
from tests.ingest.test_page_dates_and_site_names import URL, page

HEADLINE = "Tram depot to reopen in Velmora"  # the <title> of page()
HOST = "velmora-tribune.example"


def ld(text: str) -> str:
    return f'<script type="application/ld+json">{text}</script>'


@pytest.mark.parametrize("head", [
    ld('{"@type": "NewsArticle", "publisher": "Velmora Tribune"}'),
    ld('{"@type": "NewsArticle", "publisher": [{"@type": "Organization", "name": "Velmora Tribune"}]}'),
    ld('{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", "publisher": {"@id": "#org"}}, '
       '{"@type": "NewsMediaOrganization", "@id": "#org", "name": "Velmora Tribune"}]}'),
    ld('[{"@type": ["WebSite"], "name": "Velmora Tribune"}]'),
    ld('{"@graph": [{"@type": "NewsArticle", "publisher": {"name": " "}}, {"@type": "WebSite", '
       '"name": "Velmora Tribune"}]}'),
], ids=["string", "list", "graph-id", "type-list", "blank-then-website"])
def test_json_ld_publisher_shapes(head: str) -> None:
    assert parse_page(page(head), url=URL).outlet == "Velmora Tribune"


def test_a_blank_site_name_gives_way_to_the_publisher() -> None:
    head = '<meta property="og:site_name" content="  ">' + ld('{"publisher": {"name": "Velmora Tribune"}}')
    assert parse_page(page(head), url=URL).outlet == "Velmora Tribune"


@pytest.mark.parametrize("head,outlet", [
    (f'<meta property="og:site_name" content="{HEADLINE}">', HOST),
    (f'<meta property="og:site_name" content="{HEADLINE.upper()} ">', HOST),
    (f'<meta name="application-name" content="{HEADLINE}">' + ld('{"publisher": {"name": "Velmora Tribune"}}'),
     "Velmora Tribune"),
    (ld(f'{{"@type": "NewsArticle", "publisher": {{"name": "{HEADLINE}"}}}}'), HOST),
], ids=["og", "og-case", "app-name-then-ld", "ld"])
def test_a_site_name_that_is_the_headline_is_no_site_name(head: str, outlet: str) -> None:
    assert parse_page(page(head), url=URL).outlet == outlet


def test_an_unresolved_id_is_no_name() -> None:
    head = ld('{"@type": "NewsArticle", "publisher": "https://velmora-tribune.example/#org"}')
    assert parse_page(page(head), url=URL).outlet == HOST
