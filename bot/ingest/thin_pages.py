"""A web page read as a source that holds (almost) no text is no article: an error page, a landing page."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.ingest.full_text import word_count
from bot.ingest.sources import SourceResult

# A page whose text has fewer words than this is refused ("no article text"): not stored, not briefed, and not
# made a source by `briefbot ingest` (polling of a page source already followed records it as a failed read).
MIN_PAGE_WORDS = 10
NO_TEXT = "no article text"
# Letters of scripts written without spaces (Han, kana, Thai, Lao, Myanmar, Khmer): a run of them between two
# punctuation marks is one \w+ "word" however long, so here every two of them count as one word instead.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                       r"\uf900-\ufaff]")


def page_words(text: str) -> int:
    """Words in a page's text: \\w+ runs, with the letters of unspaced scripts counted two to a word."""
    unspaced = len(_UNSPACED.findall(text))
    return word_count(_UNSPACED.sub(" ", text)) + unspaced // 2


def thin_page(result: SourceResult) -> SourceResult:
    """``result`` as an error when it is one web page (not a feed, file or list of records) with fewer than
    MIN_PAGE_WORDS words of text; otherwise unchanged."""
    if result.error or result.kind != "page" or len(result.articles) != 1:
        return result
    words = page_words(result.articles[0].text)
    if words >= MIN_PAGE_WORDS:
        return result
    said = "no words" if words == 0 else f"{words} word{'s' if words != 1 else ''}"
    return replace(result, articles=(), error=f"{result.source}: {NO_TEXT} (the page holds {said}; "
                                              f"at least {MIN_PAGE_WORDS} make an article)")

