"""The topic screen never passes over a story the matcher would match, and matching a story beside its quotes'
words gives what matching the story with its quotes gives."""

from __future__ import annotations

import random

from bot.models import Attribution, SourceRef, Story, SummarySentence
from bot.topic_screen import SaidMatcher
from bot.topics import compile_topics

# forms the stemmer and tokeniser treat specially: plurals, possessives, acronyms, dotted and hyphenated words,
# curly apostrophes, a capital whose lower case is two characters, a Greek final sigma
VOCABULARY = ("ferries", "ferry", "running", "ran", "happiness", "happy", "NATO", "nato", "U.S.", "US", "us",
              "co-op", "Rutte's", "Rutte’s", "Rutte", "İstanbul", "istanbul", "ΟΔΟΣ", "οδος", "summit", "summits",
              "Bucharest", "protest", "protesters", "the", "of", "Mark", "said", "3,000", "Marlowe", "Coast")
TOPICS = ("ferry", "NATO", "US", "U.S.", "Rutte", '"Mark Rutte"', "happy -ferry", "Bucharest protest",
          "istanbul OR ΟΔΟΣ", "co-op", "summit from:Coast", "-from:Coast ferry", "3,000", "Marlowe's",
          '"ferries running"', "happiness OR ran")
SPEAKERS = ("Mark Rutte", "Agnes Marlowe", "unnamed official", "the ministry")


def text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(n)) + rng.choice([".", "", ",", "’"])


def story(rng: random.Random, n: int) -> Story:
    quotes = tuple(Attribution(f"a{n}", rng.choice((*SPEAKERS, text(rng, 2))), "he", "said", text(rng, 5),
                               "direct", k, 0, 5) for k in range(rng.randint(0, 3)))
    sources = tuple(SourceRef(f"a{n}-{k}", rng.choice(["Coast Wire", "Valley Times"]), "", "", None)
                    for k in range(rng.randint(1, 2)))
    summary = tuple(SummarySentence(text(rng, 6), f"a{n}", k, 0, 10) for k in range(rng.randint(0, 2)))
    return Story(f"s{n}", text(rng, 4), sources, summary, quotes)


def test_the_screen_keeps_every_match_and_matching_beside_the_quotes_is_the_same() -> None:
    rng = random.Random(11)
    stories = [story(rng, n) for n in range(400)]
    for topic in TOPICS:
        plain, said = compile_topics([topic]), SaidMatcher([topic])
        matched = screened = 0
        for s in stories:
            quotes = [(q.content, q.speaker) for q in s.quotes]
            want = plain(s)
            passes = said.passes(s.headline, s.summary, quotes)
            assert passes or want is None, (topic, s)  # never passes over a match
            assert said.match(s, quotes) == want, (topic, s)
            outline = Story(s.id, s.headline, s.sources, s.summary)  # as briefings load it: no quotes
            assert said.match(outline, quotes) == want
            matched += want is not None
            screened += not passes
        assert matched, topic  # every topic matches some story here ("U.S." too: its word is "U.S")...
        assert screened, topic  # ...and the screen passes over some others


def test_a_speaker_alone_gets_a_story_through_the_screen() -> None:
    quiet = Story("s", "Council meets", (), (SummarySentence("The council met.", "a", 0, 0, 16),))
    matcher = SaidMatcher(["Marlowe"])
    assert not matcher.passes(quiet.headline, quiet.summary, [("“We will reopen,”", "Tomas Brink")])
    assert matcher.passes(quiet.headline, quiet.summary, [("“We will reopen,”", "Agnes Marlowe")])
    found = matcher.match(quiet, [("“We will reopen,”", "Agnes Marlowe")])
    assert found is not None and found.why == "matched: Marlowe — in 1 quote"
