"""Key-quote speakers that are no one (a quantifier, "many", "some of them"), or no person (an animal, a plant, a sign),
and cues used in a sense that is no speech ("call the cape home", "the fire threatened to spread", "added a goal")."""

from __future__ import annotations

import re

from bot.models import Attribution
from bot.nlp.quote_cues import DATA_NOUNS, DOCUMENT_NOUNS, NON_SPEAKERS


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# words that count or stand for people without saying who they are ("Many called for ...", "Both said ...")
_QUANTIFIERS = _set("""
    many some others other several most few all both everyone everybody someone somebody anyone anybody nobody
    none each either neither one another more plenty lots majority minority rest half two three four five six seven
    eight nine ten twelve dozen dozens hundred hundreds thousand thousands million millions""")
_ARTICLES = _set("a an the")
# what "of" may join to a quantifier and still name no one ("many of them", "some of those")
_STAND_INS = _set("them us you those these whom which")
# heads that name an animal or a plant, never a speaker ("20 species of wading birds call the cape home")
_NON_HUMAN = _set("""
    animal animals creature creatures species wildlife bird birds seabirds songbirds reptile reptiles mammal mammals
    amphibian amphibians insect insects predator predators plant plants tree trees flower flowers""")
# heads that count what their "of" phrase names ("kinds of seabirds", "species of lizards")
_KIND_NOUNS = _set("kind kinds type types sort sorts species variety varieties number numbers")
# things that bear words without saying them ("a sign at the gate says: ...", "the banner read ...")
_SIGNS = _set("""
    sign signs signpost signposts signboard signboards notice notices banner banners billboard billboards poster
    posters placard placards plaque plaques inscription inscriptions sticker stickers graffiti""")
_LABELS = _set("label labels")  # a sign only with what it is on ("label on the bottle"); "record label" speaks
# words that end a speaker's head and open what it is on or where ("sign at the gate", "outbreak of flu")
_PLACE_WORDS = _set("of at on in outside inside near by above over from along across beside")
# events and conditions, the subject of "threatened to" a harm but of no threat anyone made ("the fire threatened to
# spread"), besides the things the speaker rules name as no speaker (bot/nlp/quote_cues.py)
_EVENTS = _set("""
    fire fires blaze blazes flames wildfire wildfires bushfire bushfires storm storms hurricane hurricanes typhoon
    cyclone tornado blizzard gale gales flood floods flooding floodwater floodwaters rains downpour downpours
    snowfall ice frost heat heatwave drought winds waves surge earthquake quake tremor tremors aftershock eruption
    volcano lava ash avalanche landslide landslides mudslide mudslides erosion smoke outbreak epidemic pandemic virus
    disease diseases illness infection infections cancer tumour tumor tumours tumors cyst cysts condition injury
    injuries complications crisis war conflict violence fighting unrest protests riots clashes scandal row dispute
    strike strikes shortage shortages debt deficit inflation recession slump downturn costs situation problem
    problems delays talks deal move changes""")
# a named storm: "Hurricane Orla", "Storm Ciara", "Tropical Storm Ana"
_STORM_TITLES = _set("hurricane typhoon cyclone storm tropical")
_THREAT_CUES = re.compile(r"^threat(?:en|ens|ened|ening)?\b")
_ADD_CUES = _set("add adds added adding")
# what a player adds to a score: a goal, a try, a wicket; counted points, runs or yards need a figure before them
_SCORES = _set("""
    goal goals try tries wicket wickets touchdown touchdowns basket baskets penalty penalties header headers
    hat-trick brace""")
_COUNTED = _set("points runs yards rebounds assists")
_COUNTS = _set("another more second third fourth fifth sixth")
_NUMBERS = _set("one two three four five six seven eight nine ten eleven twelve couple pair")
# words before a score ("a second goal", "two late tries", "his first-half penalty")
_SCORE_WORDS = _ARTICLES | _COUNTS | _NUMBERS | _set("""
    his her their its late early further quick fine superb brilliant stunning consolation crucial vital winning
    equalising equalizing first-half second-half stoppage-time injury-time""")
# words after a bare count that show it is the score itself ("two more in the second half", "another before")
_AFTER_COUNT = _set("""
    in on at before after as and to for from with off inside within during late early just shortly minutes
    moments""")
_CALL_CUES = _set("call calls called calling")
_CALL_IDIOMS = re.compile(r"^it\s+(?:quits|a\s+day|a\s+night)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_](?:[\w]|['’\-.](?=[^\W_]))*")


def no_one(speaker: str) -> bool:
    """A speaker that is only a quantifier or a pronoun-like word ("Many", "Others", "a few", "Both",
    "everyone", "two", "thousands of them"), or an "of" phrase cut from one ("of the wardens"): no named or
    described speaker. A quantifier with the people it counts is a described group and speaks ("Many of the
    residents", "Both pilots", "Two wardens")."""
    words = [w.lower() for w in _WORD.findall(speaker.removeprefix("unnamed "))]
    if not words:
        return False
    if words[0] == "of":
        return True
    if "of" in words:
        k = words.index("of")
        head, tail = words[:k], words[k + 1:]
        return _only_quantifiers(head) and bool(tail) and all(w in _STAND_INS | _ARTICLES for w in tail)
    return _only_quantifiers(words)


def _only_quantifiers(words: list[str]) -> bool:
    body = words[1:] if words and words[0] in _ARTICLES else words
    return bool(body) and all(w in _QUANTIFIERS for w in body)


def non_human(speaker: str) -> bool:
    """A speaker headed by an animal or plant word, in lower case or after a figure or another word ("20 species of
    wading birds", "Around 40 kinds of seabirds", "rare seabirds"): the subject of "call ... home" or the
    like, not of a statement. One capitalised word alone may be a name ("Fish", "Birds Eye" keep theirs), and a
    person of an "of" phrase ("director of the wildlife trust") is headed by the person."""
    words = _WORD.findall(speaker.removeprefix("unnamed "))
    if not words:
        return False
    k = next((i for i, w in enumerate(words) if w.lower() == "of"), len(words))
    head = words[k - 1] if k else ""
    heads = [head]
    if head.lower() in _KIND_NOUNS and k + 1 < len(words):
        heads.append(words[-1])  # "species of lizards", "kinds of seabirds": what is counted
    return any(_non_human_word(w, len(words[:k])) for w in heads)


def _non_human_word(word: str, phrase_length: int) -> bool:
    """An animal or plant word: in lower case, or capitalised in a phrase of more than one word ("Rare seabirds"
    at a sentence's start); a capitalised word alone may be a name."""
    if word.lower() not in _NON_HUMAN:
        return False
    return word[:1].islower() or phrase_length > 1


def sign_like(speaker: str) -> bool:
    """A speaker headed by a sign, notice, banner, billboard, poster, placard or plaque ("sign at the gate", "welcome
    sign", "The banner"), or a label with what it is on ("label on the bottle"): words on a thing, not anyone's
    statement. A capitalised head after another capitalised word is a name ("Bruce Banner"), and a record label
    without more is a company."""
    words = _WORD.findall(speaker.removeprefix("unnamed "))
    k = next((i for i, w in enumerate(words) if w.lower() in _PLACE_WORDS), len(words))
    if not k:
        return False
    head = words[k - 1]
    before = words[k - 2] if k > 1 else ""
    if head[:1].isupper() and not (before.lower() in _ARTICLES or (k == 1 and k < len(words))):
        return False
    return head.lower() in _SIGNS or (head.lower() in _LABELS and k < len(words))


def threat_of_a_thing(quote: Attribution) -> bool:
    """A "threatened" whose subject is an event, a condition or a thing ("the fire threatened to spread", "floods and
    landslides threatened to close the quay", "Hurricane Orla threatened to cut power"): a danger, not a threat
    anyone made. A person, a named body or a group that threatened ("threatened to resign") is heard."""
    if not _THREAT_CUES.match(" ".join(quote.cue.lower().split())):
        return False
    speaker = quote.speaker.removeprefix("unnamed ")
    words = _WORD.findall(speaker)
    if len(words) > 1 and words[0].lower() in _STORM_TITLES:
        return True
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", speaker)
    return non_human(speaker) or any(_thing_head(part) for part in parts)


def _thing_head(phrase: str) -> bool:
    """A lower-case phrase headed by an event or a thing ("outbreak of ferry flu", "rising tide")."""
    words = _WORD.findall(phrase)
    k = next((i for i, w in enumerate(words) if w.lower() in _PLACE_WORDS), len(words))
    head = words[k - 1] if k else ""
    return head[:1].islower() and head in _EVENTS | NON_SPEAKERS | DATA_NOUNS | DOCUMENT_NOUNS


def scored(quote: Attribution) -> bool:
    """An "added" whose object is a goal, a try or a counted score ("added a second goal", "added two more in the
    second half", "adding 14 points off the bench"): a player's score, not a statement. A goal that a clause
    goes on to say something of ("a second goal would have killed the game off") stays."""
    if " ".join(quote.cue.lower().split()) not in _ADD_CUES:
        return False
    words = [w.lower() for w in _WORD.findall(quote.content)]
    figure = False
    for i, word in enumerate(words[:6]):
        after = words[i + 1] if i + 1 < len(words) else ""
        if word in _SCORES:
            return not after or after in _AFTER_COUNT or after in _SCORE_WORDS
        if word in _COUNTED and figure:
            return True
        if word in _COUNTS and (not after or after in _AFTER_COUNT):
            return True
        if not (word in _SCORE_WORDS or word.isdigit()):
            return False
        figure = figure or word.isdigit() or word in _NUMBERS | _COUNTS
    return False


def idiom_cue(quote: Attribution) -> bool:
    """A "call" that says nothing: "call the cape home" (where one lives) or "called it quits", "call it a day"."""
    if " ".join(quote.cue.lower().split()) not in _CALL_CUES:
        return False
    words = [w.lower() for w in _WORD.findall(quote.content)]
    if not words:
        return False
    if _CALL_IDIOMS.match(quote.content.strip()):
        return True
    return words[-1] == "home" and words[0] not in _set("for on to upon that")
