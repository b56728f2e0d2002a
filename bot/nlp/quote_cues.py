"""The speech-cue lexicon and word lists the quote extractor and speaker resolver share."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word list written as one string."""
    return frozenset(text.split())


# Verbs of saying: a clause attributed with one of these (by lemma) is a speech attribution.
SPEECH_VERBS = words(
    """say tell add argue state write claim warn insist deny accuse note ask explain announce
    declare underline emphasise emphasize stress suggest acknowledge admit respond reply answer
    recall mention tweet post comment confirm report remark observe allege assert contend
    maintain predict promise vow pledge urge criticize criticise charge complain concede caution
    testify quip joke reveal disclose signal indicate point describe blast slam praise dismiss
    reject counter retort lament recount continue agree disagree concur echo repeat reiterate
    conclude question demand call cite affirm estimate boast brag grumble declare threaten hint
    acknowledge advise inform assure reassure speak talk tout decry condemn announce proclaim
    yell shout chant sing"""
)

# Cues whose content is usually the object noun phrase rather than a clause ("denied the claims").
OBJECT_CONTENT_VERBS = words(
    """deny accuse warn urge criticize criticise charge blast slam praise dismiss reject condemn
    decry ask call question promise pledge vow describe cite tout confirm announce reveal
    disclose acknowledge admit predict threaten"""
)

# Cues whose direct object is the addressee ("told reporters"): content only with a clause after it.
ADDRESSEE_VERBS = words("tell ask advise inform assure reassure urge remind warn")
# Cues whose object is not what was said ("continued her march", "added a few communities", "said it").
NO_OBJECT_VERBS = words("continue add say speak talk write post sing maintain make give take")
ANAPHORIC_OBJECTS = words("it this that so much something nothing anything everything what which the same")

# Cues whose content is a prepositional phrase ("spoke about the legitimacy ...").
ABOUT_VERBS = words("speak talk comment testify write complain boast brag joke")
ABOUT_PREPS = words("about on of regarding")

# "expressed the view that ...": an expressing verb plus one of these object nouns.
VIEW_VERBS = words("express voice share offer make give take")
VIEW_NOUNS = words(
    """view opinion belief concern hope assessment point argument case claim assurance statement"""
)

# Cues that may stand with a particle ("pointed out", "spoke out").
PARTICLE_CUES = words("point speak lash hit")

PRONOUNS = words("he she they i we it you him her them")
PERSON_PRONOUNS = words("he she him her")
RELATIVE = words("who which that whom")
DETERMINERS = words("the a an this that these those one another some several two three")
INDEFINITE = words("a an one another some several two three many")

# Common nouns that name a person by role; "the diplomat" refers back to the last such speaker.
ROLE_NOUNS = words(
    """official officials spokesperson spokesman spokeswoman diplomat diplomats minister secretary
    president chief leader ambassador envoy representative source sources aide aides adviser
    advisor senator congressman congresswoman governor mayor candidate nominee chairman
    chairwoman chair director head commander general officer analyst analysts expert experts
    lawyer attorney judge interlocutor person man woman executive strategist campaign manager
    economist professor researcher negotiator insider insiders member members lawmaker lawmakers
    prosecutor premier chancellor king queen prince pope press journalist reporter editor author
    writer activist"""
)

# Nouns that name decisions and instruments, not sources ("the decision stated ..."): no speaker.
# Reports, polls, studies, letters and rulings do count as sources ("according to the poll").
DOCUMENT_NOUNS = words("decision document statement resolution law treaty order agreement declaration plan bill rule")

# Things that never speak, as the subject of a cue word used in another sense ("the river ... echoing the floods",
# "the train answered the signal"). Documents are not here: "the report says" is an attribution (PolNeAR).
NON_SPEAKERS = words(
    """weather storm rain wind snow fog flood river sea tide water wave road street bridge traffic light train
    bus car ferry ship plane flight vehicle price share stock temperature level"""
)

# Country -> adjective, for "unnamed Russian embassy spokesperson" from "Russia's embassy".
DEMONYMS = {
    "russia": "Russian", "ukraine": "Ukrainian", "china": "Chinese", "france": "French",
    "germany": "German", "britain": "British", "uk": "British", "united kingdom": "British",
    "us": "U.S.", "u.s.": "U.S.", "united states": "U.S.", "america": "American", "japan": "Japanese",
    "iran": "Iranian", "israel": "Israeli", "turkey": "Turkish", "poland": "Polish", "spain": "Spanish",
    "italy": "Italian", "sweden": "Swedish", "finland": "Finnish", "belgium": "Belgian",
    "georgia": "Georgian", "india": "Indian", "canada": "Canadian", "mexico": "Mexican",
    "netherlands": "Dutch", "greece": "Greek", "hungary": "Hungarian", "norway": "Norwegian",
}

# Honorifics and titles dropped from a canonical name but kept as the role.
TITLES = words(
    """mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. president secretary
    general minister prime chancellor senator governor mayor ambassador spokesperson spokesman
    spokeswoman chief special representative foreign deputy director commissioner envoy vice
    former acting"""
)


def demonym(place: str) -> str:
    """Adjective for a country name ("Russia" -> "Russian"); the name itself when unknown."""
    key = place.lower().strip()
    if key in DEMONYMS:
        return DEMONYMS[key]
    if key.endswith("ia"):
        return place.strip() + "n"
    return place.strip()
