"""Hypothesis strategies for hostile input: markup soup, mention tokens, feeds, JSON, command text."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from hypothesis import strategies as st

from bot.commands.base import Option
from bot.config_model import SECTIONS

# Pieces that have broken parsers, splitters or chat renderers somewhere; mixed with random text.
HOSTILE_PIECES = (
    "<!channel>", "<!here>", "<!everyone>", "<@U024BE7LH>", "<#C024BE7LH|general>", "<!subteam^S0123|team>",
    "@here", "@channel", "@everyone", "@Here", "@EVERYONE", "<@&123456789>", "<@!1234>", "<#1234>",
    "&", "&amp;", "&lt;", "<", ">", "|", "*", "_", "~", "`", "```", "||", "> ", "# ", "- ", "1. ",
    "[x](https://evil.example/)", "<https://evil.example|click>", "\\", "\u200b", "\u202e", "\ufeff",
    "..[111 111 111 111 111 111 111 111 111 111]", "...", "?!", "Mr.", "U.S.", "e.g.", "\n", "\r\n",
    "\t", "  ", "\"", "“", "”", "’", "«", "»", "\x00", "\x1b[31m", "😀", "ᚠ", "ß", "İ", "%s", "{0}",
)

hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=12)), max_size=25
).map("".join)
"""Untrusted text: random unicode mixed with tokens known to cause trouble (at most ~700 chars)."""

_TAGS = ("rss", "channel", "item", "title", "link", "description", "feed", "entry", "content", "summary",
         "guid", "pubDate", "updated", "author", "rdf:RDF", "html", "body", "div", "p", "script", "a",
         "table", "tr", "td", "span", "br", "img", "iframe", "style", "article", "meta")
_ATTR = st.sampled_from(('', ' href="https://x.example/a"', ' rel="alternate"', ' type="html"',
                         ' xmlns="http://www.w3.org/2005/Atom"', ' version="2.0"', ' lang="en"',
                         ' href="javascript:alert(1)"', ' content="2026-01-01"', ' property="og:site_name"',
                         ' src="file:///etc/passwd"'))
_XML_EXTRAS = (
    '<?xml version="1.0" encoding="utf-8"?>', '<?xml version="1.0" encoding="bogus-9"?>',
    '<!DOCTYPE rss>', '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', '&a;', '&#0;', '&#x110000;', '&nbsp;',
    '<![CDATA[ <b>bold</b> ]]>', '<!-- comment -->', '<!-- unclosed', ']]>', '<?pi data?>',
    '<!DOCTYPE x SYSTEM "file:///etc/passwd">',
)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attr, inner, close: f"<{tag}{attr}>{inner}" + (f"</{tag}>" if close else ""),
        st.sampled_from(_TAGS), _ATTR, children, st.booleans(),
    )


markup_soup = st.recursive(
    st.one_of(hostile_text, st.sampled_from(_XML_EXTRAS)),
    lambda children: st.one_of(
        _element(children), st.lists(children, max_size=4).map("".join)),
    max_leaves=30,
)
"""Tag soup of feed and HTML elements with hostile text, entities, CDATA and broken nesting."""


def _rss(items: list[tuple[str, str, str]]) -> str:
    body = "".join(f"<item><title>{t}</title><link>{u}</link><description>{d}</description></item>"
                   for t, u, d in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{body}</channel></rss>'


rss_feeds = st.lists(st.tuples(markup_soup, hostile_text, markup_soup), max_size=5).map(_rss)
"""Well-formed-looking RSS wrappers around hostile titles, links and descriptions."""

json_values: st.SearchStrategy[Any] = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), hostile_text),
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(("title", "text", "content", "url", "items", "id",
                                                   "version", "date_published", "authors", "name",
                                                   "content_html", "articles", "language", "published")),
                                  st.text(max_size=8)), children, max_size=6),
    ),
    max_leaves=25,
)


def _json_feed(items: Any) -> str:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": items})


json_documents = st.one_of(
    json_values.map(json.dumps),
    json_values.map(_json_feed),
    st.lists(json_values, max_size=4).map(lambda v: "\n".join(json.dumps(x) for x in v)),
)
"""JSON (and JSON Lines, and JSON Feed wrappers) with hostile values and odd shapes."""

raw_bytes = st.one_of(
    st.binary(max_size=400),
    markup_soup.map(lambda s: s.encode("utf-8", "surrogatepass")),
    markup_soup.map(lambda s: s.encode("utf-16")),
    st.builds(lambda a, b: a.encode("utf-8", "surrogatepass") + b, markup_soup, st.binary(max_size=20)),
)
"""Bytes as a server might send them: binary, UTF-8, UTF-16 and mixtures with stray bytes."""


sentence_text = st.one_of(
    hostile_text,
    st.lists(st.sampled_from(["..", "[", "111 ", "]", ".", " ", "Mr.", "A", "\n", "?", "(", ")", "\"",
                              "1.", "e.g.", "—"]), max_size=400).map("".join),
)


CONFIG_KEYS = sorted({f.name for cls in SECTIONS.values() for f in dataclasses.fields(cls)} | {
    "url", "id", "topics", "schedule", "bot_token", "bot_token_env", "token_env", "nope", "", "é"})
config_scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(), hostile_text,
                     st.lists(st.one_of(hostile_text, st.integers()), max_size=3),
                     st.datetimes())
config_tables = st.dictionaries(st.sampled_from(CONFIG_KEYS), config_scalars, max_size=6)
config_mappings = st.dictionaries(
    st.sampled_from([*SECTIONS, "sources", "channels", "log_level", "other"]),
    st.one_of(config_tables, st.lists(st.one_of(config_tables, config_scalars), max_size=3), config_scalars),
    max_size=5,
)


toml_lines = st.lists(st.one_of(
    st.sampled_from(["[ingest]", "[slack]", "[[channels]]", "[[sources]]", "[database]", "[ingest", "[[x]]",
                     'id = "slack:C1"', 'url = "https://x.example/f"', "max_bytes = -1", "max_bytes = 1e999",
                     'timeout_seconds = "x"', "enabled = yes", 'bot_token = "xoxb-1"', "a.b.c = 1",
                     'schedule = "daily 7.30"', "topics = [1, 2]", '"""', "'''", "= =", "\x00", "\ufeff"]),
    hostile_text.map(lambda t: f"k = {t!r}"),
    hostile_text,
), max_size=12).map("\n".join)


options = st.builds(Option, st.sampled_from(["topic", "since", "when", "n", "source"]), st.just("d"),
                    st.booleans(), st.sampled_from(["string", "integer"]), st.booleans(), st.booleans())
command_words = st.lists(st.one_of(st.sampled_from(["since", "SINCE", "when", "n", "OR", "-x", '"', "brief"]),
                            hostile_text), max_size=10).map(" ".join)


since_text = st.one_of(hostile_text, st.from_regex(r"\s*[0-9]{1,25}\s*(m|min|h|d|w|H|D)\s*", fullmatch=True),
                   st.dates().map(str), st.datetimes().map(lambda d: d.isoformat()))


topic_text = st.lists(st.one_of(st.sampled_from(["OR", "-", "-x", '"', '"a b"', "NATO", "-\"", "or", "—"]),
                                 hostile_text), max_size=10).map(" ".join)


schedule_text = st.one_of(
    st.sampled_from(["daily 08:00", "weekdays 07:30,18:00", "weekly mon 09:00", "every 4h", "every 30m",
                     "0 8 * * 1-5", "30 6 1 * *", "0 0 29 2 *", "*/15 * * * *"]),
    hostile_text,
    st.tuples(st.sampled_from(["daily", "weekdays", "weekly", "every", "DAILY", "weekly mon", "weekly xyz"]),
              st.one_of(hostile_text, st.from_regex(r"[0-9:,h m]{0,14}", fullmatch=True))).map(" ".join),
    st.lists(st.from_regex(r"[0-9*/,\-a-z]{1,8}", fullmatch=True), min_size=5, max_size=5).map(" ".join),
)


question_text = st.one_of(hostile_text, st.sampled_from([
    "who said what about NATO since Monday", "what did Mara Lind say about the ferry",
    "who is quoted most on the port", "brief me on Bucharest this week", "what's new on floods since 99999999999999d"]),
    st.lists(st.sampled_from(
    ["who", "said", "what", "about", "since", "from", "Monday", "brief", "me", "on", "?", "NATO", "3d", "OR",
     "\"", "did", "say", "quoted", "most", "this week", "  "]), max_size=14).map(" ".join))
