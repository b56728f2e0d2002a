"""Articles written for these tests (invented events, our own words) and helpers to build Article objects."""
# ruff: noqa: E501  (sample prose keeps one paragraph per line, as articles do)

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.models import Article
from bot.nlp.sentences import split_sentences

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

# Markers that must never appear in a summary line (page junk of every kind the issue lists).
JUNK_MARKERS = (
    "also read", "read more", "others are reading", "shutterstock", "getty", "ads by", "advertisement",
    "subscribe", "newsletter", "share this", "click here", "homepage", "photo:", "sign up", "follow us",
    "by staff", "published:", "updated:", "home >", "copyright", "sponsored", "http", "scroll down",
)


def article(text: str, *, title: str = "", outlet: str = "", hours: float = 0.0) -> Article:
    ident = hashlib.sha1((outlet + title + text).encode()).hexdigest()[:12]
    when = T0 + timedelta(hours=hours)
    return Article(ident, "", title, outlet, text, split_sentences(text), published=when)


def seed_articles(shared: Path) -> list[Article]:
    """The two seed files, raw: first line is the title, everything else (page junk included) is text."""
    out = []
    for path in sorted((shared / "seeds").glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        out.append(article(body.strip(), title=title.strip(), outlet=path.stem))
    return out


# Three outlets on one invented event, laden with page junk, a dateline, a byline and back-references.
HARBOUR_A = """By Staff Reporter | Published: 2 March 2026
Home > World > Europe > Ports

PORTVALE (Coastline News) - A fire at the Portvale container terminal forced the evacuation of four hundred dock workers on Monday morning.

Photo: Harbour authority / Shutterstock

The blaze started in a warehouse storing cooking oil and spread to two cranes before firefighters contained it.

He added that the damage would take weeks to assess.

Also read: Ten ports that changed world trade

Harbour master Elena Varga said nobody had been seriously hurt and that ships had been diverted to the northern quay.

Share this article on Facebook and X.
Subscribe to our newsletter for daily updates.
Advertisement
Ads by PartnerNet

Terminal operator Bluewave said it expected to resume partial operations by Wednesday.

This comes after a smaller fire at the same terminal last year.

Others are reading now
Click here to read more stories"""

HARBOUR_B = """A fire at the Portvale container terminal forced the evacuation of four hundred dock workers on Monday morning, officials said.

Firefighters needed six hours to bring the blaze under control after it spread from an oil warehouse to two cranes.

Elena Varga, the harbour master, said nobody had been seriously hurt.

Read more: Why port fires are so hard to fight

Shipping companies warned customers that deliveries through Portvale could be delayed for several days.

Sign up for our morning briefing. Follow us on Instagram."""

HARBOUR_C = """Bluewave, the operator of the Portvale container terminal, said on Monday it hoped to restart some operations by Wednesday after a fire damaged two cranes.

Image copyright Getty Images

The company said the cause of the fire in the oil warehouse was not yet known and that an investigation had begun.

Four hundred workers were evacuated from the terminal, and the harbour master said there were no serious injuries.

They also said insurers had been informed.

Copyright 2026 Coastline Media. All rights reserved."""

# A follow-up the next day, and a different event on the same topic (another port, another cause).
HARBOUR_FOLLOWUP = """Investigators said on Tuesday that an electrical fault in the Portvale terminal oil warehouse probably caused Monday's fire that damaged two cranes.

Terminal operator Bluewave said partial operations at the Portvale container terminal would resume on Wednesday as planned.

Harbour master Elena Varga said the evacuated dock workers would return to work in shifts."""

OTHER_PORT = """Dock workers at the Eastmere port began a two-day strike on Monday over pay and night-shift rules.

The union said talks with the port authority had broken down after months of negotiations.

Container ships queued outside Eastmere as cargo handling stopped, and the port authority said it regretted the walkout."""

# A different NATO story for the seed-clustering test: not about Russia's enlargement demands.
NATO_OTHER = """NATO defence ministers agreed in Brussels on Thursday to fund a new air-defence training centre in Poland.

The centre will train crews from eleven allied countries on shared radar and missile systems from next spring.

Ministers also approved a larger budget for joint exercises over the Baltic Sea, alliance officials said.

The Polish defence minister welcomed the decision and said construction near Poznan would start within months."""
