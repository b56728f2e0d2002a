"""The topic screen never passes over a story the matcher would match, in English or in another language, and
matching a story beside its quotes' words gives what matching the story with its quotes gives."""

from __future__ import annotations

import random

from bot.models import Article, Attribution, Sentence, SourceRef, Story, SummarySentence
from bot.nlp.terms import TermAnalyser, words
from bot.topic_screen import SaidMatcher, StemScreen, may_match
from bot.topics import StoryText, compile_topics, match_topics, parse_topic

# forms the stemmer and tokeniser treat specially: plurals, possessives, acronyms, dotted and hyphenated words,
# curly apostrophes, a capital whose lower case is two characters, a Greek final sigma
VOCABULARY = ("ferries", "ferry", "running", "ran", "happiness", "happy", "NATO", "nato", "U.S.", "US", "us",
              "co-op", "Rutte's", "Rutte’s", "Rutte", "İstanbul", "istanbul", "ΟΔΟΣ", "οδος", "summit", "summits",
              "Bucharest", "protest", "protesters", "the", "of", "Mark", "said", "3,000", "Marlowe", "Coast",
              "réforme", "réformes", "l'économie", "Straße", "Strasse", "Äpfel", "Apfel")
TOPICS = ("ferry", "NATO", "US", "U.S.", "Rutte", '"Mark Rutte"', "happy -ferry", "Bucharest protest",
          "istanbul OR ΟΔΟΣ", "co-op", "summit from:Coast", "-from:Coast ferry", "3,000", "Marlowe's",
          '"ferries running"', "happiness OR ran", "réformes", "l'économie", "Strasse", "Äpfel OR ferry")
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


# Per language: function words (so the language shows) and forms its stemmer folds together or keeps apart:
# inflections, elisions, accents, "ß", umlauts, a Czech word its stemmer changes near the start ("léci"), digits.
LANGUAGE_WORDS = {
    "fr": "la les des de et le réforme réformer réformes retraite retraites l'économie économie d'Ostrelle Ostrelle "
          "qu'il île îles été Été Dumarais",
    "de": "der die das und ist nicht Rentenreform Rentenreformen Straße Strasse Äpfel Apfel Fähre Fähren Überfahrt "
          "uberfahrt Dumarais 2030",
    "es": "el la los de que y política políticas Política área area gobierno gobiernos",
    "it": "il di che e la l'anno anno anni dell'isola isola governo governi",
    "pt": "o a de que não governo governos ação ações",
    "cs": "a v na se je vláda vlády vládě léci lék 2030",
    "pl": "i w na się nie rząd rządu Rząd",
    "sv": "och det att är som regering regeringen Regeringen",
    "en": "the of and ferry ferries NATO Dumarais",
}
LANGUAGE_TOPICS = ("réforme", "retraites", '"des retraites"', "l'économie", "Ostrelle", "Rentenreform", "Straße",
                   "Äpfel", "Fähren -Überfahrt", "políticas OR vláda", "área", "isola -governo", "anno", "regeringen",
                   "rząd", "ações", "vládě", "lék", "Dumarais", "NATO", "2030", "ferry")


def language_text(rng: random.Random, language: str, n: int) -> str:
    vocabulary = LANGUAGE_WORDS[language].split()
    return " ".join(rng.choice(vocabulary) for _ in range(n)) + "."


def language_story(rng: random.Random, n: int) -> tuple[Story, list[Article]]:
    """A story of one to three articles, each in a language drawn at random, with quotes in the first's."""
    articles = []
    for k in range(rng.randint(1, 3)):
        language = rng.choice(sorted(LANGUAGE_WORDS))
        sentences, text = [], ""
        for i in range(rng.randint(1, 3)):
            line = language_text(rng, language, rng.randint(3, 12))
            sentences.append(Sentence(i, len(text), len(text) + len(line), line))
            text += line + " "
        articles.append(Article(f"a{n}-{k}", "", "", "outlet", text, tuple(sentences), language=language))
    first = articles[0].language
    quotes = tuple(Attribution(articles[0].id, rng.choice(("Claire Dumarais", language_text(rng, first, 2))), "elle",
                               "a dit", language_text(rng, first, 5), "direct", 0, 0, 5)
                   for _ in range(rng.randint(0, 2)))
    summary = tuple(SummarySentence(s.text, a.id, s.index, s.start, s.end) for a in articles for s in a.sentences)
    return Story(f"s{n}", language_text(rng, first, 4), (), summary, quotes), articles


def test_the_screen_keeps_every_match_in_every_language() -> None:
    """With the articles (each stemmed in its own language), as a channel's scheduled briefing screens and matches;
    and without them (in the language the words show), as an on-demand briefing does."""
    rng = random.Random(5)
    stories = [language_story(rng, n) for n in range(300)]
    analyser = TermAnalyser()
    for query in LANGUAGE_TOPICS:
        topic = parse_topic(query, analyser)
        screen = StemScreen([topic], analyser)
        plain, said = compile_topics([query]), SaidMatcher([query])
        matched = screened = 0
        for story, articles in stories:
            pairs = [(q.content, q.speaker) for q in story.quotes]
            want = match_topics([topic], StoryText(story, articles, analyser=analyser, said=pairs))
            texts = [story.headline, *(s.text for a in articles for s in a.sentences), *(t for p in pairs for t in p)]
            raw = set(words("\n".join(texts)))
            passes = may_match(topic, raw, screen.stems(raw))
            assert passes or want is None, (query, story, articles)
            matched += want is not None
            screened += not passes
            alone = plain(story)  # without its articles
            assert said.passes(story.headline, story.summary, pairs) or alone is None, (query, story)
            assert said.match(story, pairs) == alone
        assert matched and screened, query
