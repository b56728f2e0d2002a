"""One rule masks credentials in URLs, for a feed's URL in a fetch error and a store's URL alike: a password always
(the user name before it shown), a user name written alone (or before an empty password) whole, since it is then
the only credential and often a token, and the value of a query parameter named like a secret (token, api_key, key,
access_token, password, signature ...). ``mask_userinfo`` and ``redact_url`` are the same function."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.config import load_config
from bot.ingest.userinfo import mask_userinfo
from bot.redact import RedactingFormatter, redact_logs
from bot.store.url_forms import redact_url, unsupported_store_url

# (written, shown): invented hosts and secrets
CASES = [
    # a password, with the user name before it
    ("https://reader:invented-pw@feeds.example/feed", "https://reader:***@feeds.example/feed"),
    ("postgresql://briefbot:invented-pw@db.internal/briefbot", "postgresql://briefbot:***@db.internal/briefbot"),
    ("https://:invented-pw@feeds.example/feed", "https://:***@feeds.example/feed"),
    # a user name alone is the only credential: often a token (https://TOKEN@host/)
    ("https://ghp-invented-token@feeds.example/feed", "https://***@feeds.example/feed"),
    ("postgresql://briefbot@db.internal/briefbot", "postgresql://***@db.internal/briefbot"),
    ("https://sk-invented-key:@api.example/v1/feed", "https://***@api.example/v1/feed"),
    # percent-encoded, an unencoded @ in the password, IPv6 hosts
    ("https://me%40corp.example:p%40ss%3Aword@feeds.example/f", "https://me%40corp.example:***@feeds.example/f"),
    ("https://reader:pa@ss@feeds.example/f", "https://reader:***@feeds.example/f"),
    ("https://reader:invented-pw@[2001:db8::1]:8443/f", "https://reader:***@[2001:db8::1]:8443/f"),
    ("https://invented-token@[::1]/f", "https://***@[::1]/f"),
    # secrets in the query (or an OAuth fragment), whatever the letter case or encoding of the name
    ("https://feeds.example/rss?token=invented123&lang=fr", "https://feeds.example/rss?token=***&lang=fr"),
    ("https://feeds.example/rss?lang=fr&api_key=invented123", "https://feeds.example/rss?lang=fr&api_key=***"),
    ("https://feeds.example/rss?key=invented123", "https://feeds.example/rss?key=***"),
    ("https://feeds.example/rss?apiKey=invented123&page=2", "https://feeds.example/rss?apiKey=***&page=2"),
    ("https://feeds.example/rss?api%5Fkey=invented123", "https://feeds.example/rss?api%5Fkey=***"),
    ("https://feeds.example/cb#access_token=invented123&state=x", "https://feeds.example/cb#access_token=***&state=x"),
    ("https://feeds.example/f?X-Amz-Signature=abc123&X-Amz-Expires=60",
     "https://feeds.example/f?X-Amz-Signature=***&X-Amz-Expires=60"),
    ("postgresql://briefbot@db.internal/news?password=invented-pw&ssl=require",
     "postgresql://***@db.internal/news?password=***&ssl=require"),
    ("https://u:p@feeds.example/f?client_secret=s3&id=1", "https://u:***@feeds.example/f?client_secret=***&id=1"),
    # nothing to hide
    ("https://feeds.example/rss?lang=fr&page=2&keyword=vote", "https://feeds.example/rss?lang=fr&page=2&keyword=vote"),
    ("https://feeds.example/rss?token=", "https://feeds.example/rss?token="),
    ("https://feeds.example/p?mail=someone@example.org", "https://feeds.example/p?mail=someone@example.org"),
    ("https://[::1]:8080/a@b", "https://[::1]:8080/a@b"),
    ("https://medium.example/@writer/post", "https://medium.example/@writer/post"),
    ("sqlite:////srv/data/brief@home/briefbot.db", "sqlite:////srv/data/brief@home/briefbot.db"),
    ("/srv/data/brief:x@home/briefbot.db", "/srv/data/brief:x@home/briefbot.db"),
]


@pytest.mark.parametrize(("written", "shown"), CASES, ids=[c[0] for c in CASES])
def test_both_maskers_follow_one_rule(written: str, shown: str) -> None:
    assert mask_userinfo(written) == shown
    assert redact_url(written) == shown


def test_urls_inside_longer_text_are_masked_and_the_text_kept() -> None:
    text = ("redirect to 'https://reader:invented-pw@feeds.example/f?token=invented123' not followed; "
            "see https://ghp-invented@feeds.example/g?page=2, or https://feeds.example/h?key=invented456.")
    assert mask_userinfo(text) == (
        "redirect to 'https://reader:***@feeds.example/f?token=***' not followed; "
        "see https://***@feeds.example/g?page=2, or https://feeds.example/h?key=***.")


def test_an_unsupported_store_url_hides_a_query_password_too() -> None:
    line = unsupported_store_url("--db", "mysql://reader@db.example/news?password=invented-pw")
    assert "invented-pw" not in line and "reader" not in line
    assert line.endswith("got 'mysql://***@db.example/news?password=***'")


def test_log_lines_mask_url_credentials_by_the_same_rule(tmp_path: Path) -> None:
    """A log line naming a URL (a library's, a traceback's) is masked as errors are, with no secret configured."""
    logger = logging.getLogger("tests.ingest.url_masking")
    logger.propagate = False
    path = tmp_path / "log.txt"
    handler = logging.FileHandler(path)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger.addHandler(handler)
    try:
        redact_logs(load_config(None, env={}), logger)
        assert isinstance(handler.formatter, RedactingFormatter)
        logger.warning("GET %s failed", "https://reader:invented-pw@feeds.example/f?api_key=invented123&page=2")
        try:
            raise RuntimeError("cannot reach https://ghp-invented-token@feeds.example/g")
        except RuntimeError:
            logger.exception("poll failed")
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = path.read_text(encoding="utf-8")
    assert "WARNING GET https://reader:***@feeds.example/f?api_key=***&page=2 failed" in text
    assert "RuntimeError: cannot reach https://***@feeds.example/g" in text
    assert "invented" not in text
