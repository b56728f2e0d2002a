"""The speech-cue lexicon and word lists the quote extractor and speaker resolver share."""

from __future__ import annotations

import re


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
    writer activist princess emperor empress duke duchess earl countess sultan"""
)

# Roles shared with others, written with "co-" ("co-founder", "co-chair"): one token each (bot/nlp/hyphen_roles.py),
# and a role noun when the role without "co-" is one.
CO_ROLES = words(
    """founder chair chairman chairwoman chairperson leader author host owner director sponsor president pilot
    captain manager coordinator convener convenor presenter creator editor writer producer chief"""
)
ROLE_NOUNS = ROLE_NOUNS | frozenset(f"co-{w}" for w in CO_ROLES if w in ROLE_NOUNS)

# Nouns that name decisions and instruments, not sources ("the decision stated ..."): no speaker.
# Reports, polls, studies, letters and rulings do count as sources ("according to the poll").
DOCUMENT_NOUNS = words("decision document statement resolution law treaty order agreement declaration plan bill rule")

# Figures and the like, whose source is whoever published them: "according to figures published by the treasury"
# is the treasury's (with no one named behind them the figures themselves are the source, as a poll is).
DATA_NOUNS = words("figures data statistics numbers estimates calculations")

# Institutions a later "the bank", "the company" may name short ("central bank", "regional ferry company" before).
INSTITUTION_NOUNS = words(
    """bank company firm court agency union ministry council authority office service commission committee board
    department institute association federation guard police army navy fund regulator utility operator"""
)
# Bodies English writes with a capital wherever they stand ("Kremlin spokesman"), lower case: a role opening with one
# keeps it even when its article names the body only at a sentence's start, where the tagger may call it common.
CAPITALISED_BODIES = words(
    """kremlin pentagon vatican knesset bundestag bundesrat bundesbank bundeswehr duma élysée elysee whitehall
    politburo sejm riksdag storting folketing eduskunta oireachtas dáil dail stormont holyrood interpol europol
    frontex eurostat mossad quirinale"""
)
# Words before such a noun that describe it rather than name it ("the new company", "a key agency").
PASSING_ADJECTIVES = words("new old latest recent key major big small main former current same other local")

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

# Honorifics and titles dropped from a canonical name but kept as the role, in any case as written and
# several in a row ("Deputy Mayor", "Attorney General"). Some are also given names or surnames ("Major",
# "King", "Judge", "Bishop"): only a leading one is a title ("Larry King" keeps his name).
TITLES = words(
    """mr mr. mrs mrs. ms ms. mx mx. dr dr. sen sen. rep rep. gov gov. gen gen. president secretary
    general minister prime chancellor senator governor mayor ambassador spokesperson spokesman
    spokeswoman chief special representative foreign deputy director commissioner envoy vice
    former acting councillor councilor councilman councilwoman alderman alderwoman congressman
    congresswoman assemblyman assemblywoman premier chairman chairwoman chairperson treasurer
    attorney judge justice magistrate sheriff superintendent inspector sergeant sgt sgt. constable
    detective det. captain capt capt. colonel col col. lieutenant lt lt. major maj maj. admiral adm
    adm. commander cmdr brigadier professor prof prof. rev rev. reverend bishop archbishop cardinal
    pope rabbi imam pastor king queen prince princess sheikh emir sir dame lord baroness baron
    speaker barrister solicitor miss"""
)

# Titles after which the name starts, whatever word follows ("Ms King", "Dr Bishop").
HONORIFICS = words("mr mr. mrs mrs. ms ms. mx mx. miss dr dr. sir dame")

# Royal and noble titles that are part of how a person is known before one name ("Prince William", "Pope Leo
# XIV", "Lord Brell"; not "Prince Tomas Brell"), and titles that name a person with "of" ("Duke of Rosmark").
ROYAL_TITLES = words("king queen prince princess pope emperor empress tsar tsarina czar sultan lord baron baroness")
OF_TITLES = words("duke duchess earl countess marquess marchioness viscount viscountess prince princess")
_ROMAN = re.compile(r"(?=[IVX]{2,}$)X{0,3}(IX|IV|V?I{0,3})")


def name_suffix(word: str) -> bool:
    """A suffix after the surname: "Jr.", "Sr", "II", "XIV" (not a single letter, which may be an initial)."""
    return word.rstrip(".").lower() in ("jr", "sr") or _ROMAN.fullmatch(word) is not None


def royal_name(names: list[str]) -> bool:
    """Whether the words are a royal or noble title and one capitalised name, perhaps with a regnal number
    ("Prince William", "King Charles III"): the title is part of the name."""
    rest = names[1:]
    if rest and len(rest) == 2 and name_suffix(rest[1]):
        rest = rest[:1]
    return (len(names) >= 2 and names[0].lower() in ROYAL_TITLES and names[0][:1].isupper() and len(rest) == 1
            and rest[0][:1].isupper() and rest[0].lower() not in TITLES)

# Words that continue a title only after one ("Chief Engineer", "Chief Medical Officer", "Senior Vice President").
TITLE_TAILS = words(
    """engineer executive officer economist scientist whip medical financial operating technology
    information adviser advisor counsel editor planner architect strategist negotiator"""
)

# Titles that lead organisations' and works' names as often as people's ("Captain America", "King Kong",
# "Judge Dredd", "Prince William County"): before one word alone they are no title of a person.
AMBIGUOUS_TITLES = words(
    """general special foreign deputy vice former acting prime chief representative president secretary
    director king queen prince princess judge justice major captain lord sir dame speaker cardinal
    chairman chair bishop baron miss"""
)

# Words that make a capitalised name an organisation's or a place's, not a person's ("Major League
# Baseball", "Justice Department", "General Motors", "Prince William County").
ORG_WORDS = words(
    """league baseball department ministry office council court bank group company co co. corp corp.
    inc inc. ltd ltd. plc motors electric mills airlines airways party committee commission foundation
    institute association union club hotel hospital church cathedral college school university county
    city island street road avenue park bridge centre center agency authority board service services
    press news times post herald radio network media records films pictures studios holdings partners
    capital fund trust house hall square station airport port harbour harbor america americas choice
    industries systems foods energy oil steel insurance academy society guild syndicate federation confederation
    consortium alliance coalition cooperative co-operative collective"""
)


def title_length(names: list[str]) -> int:
    """How many of the leading words are a title: titles in a row, a tail after one ("Chief Engineer") and
    "of"/"for" with one capitalised word ("Secretary of State"); 0 when the first word is no title or part of
    the name ("Prince William")."""
    if royal_name(names):
        return 0
    n = 0
    while n < len(names):
        low = names[n].lower()
        if low in ("of", "for"):
            if not n or n + 1 >= len(names) or not names[n + 1][:1].isupper() or (
                    n + 2 < len(names) and names[n + 2].lower() in ("and", "&")):
                break  # "Minister for Trade and Industry": where the title ends is not clear
            n += 2
        elif low in TITLES or (n and low in TITLE_TAILS):
            n += 1
            if low in HONORIFICS:
                break  # the name comes next: "Ms King", "Mr Major"
        else:
            break
    return n


def demonym(place: str) -> str:
    """Adjective for a country name ("Russia" -> "Russian"); the name itself when unknown."""
    key = place.lower().strip()
    if key in DEMONYMS:
        return DEMONYMS[key]
    if key.endswith("ia"):
        return place.strip() + "n"
    return place.strip()
