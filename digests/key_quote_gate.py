"""The quality gate for key-quote candidates: what, if anything, makes a quote unfit to stand alone in a briefing."""

from __future__ import annotations

import re

from bot.answer.reported import readable_content
from bot.models import Attribution
from bot.nlp.quote_cues import DATA_NOUNS, DOCUMENT_NOUNS, NON_SPEAKERS, ROLE_NOUNS
from digests.key_quote_speaker import idiom_cue, no_one, non_human, scored, sign_like, threat_of_a_thing

MIN_QUOTE_CHARS = 20


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_EDGE_MARKS = "\"'“”‘’«»„ \t\n"
_TRAILING = _EDGE_MARKS + ",;:—–-"
# words a complete statement does not end on: articles, determiners, conjunctions, prepositions that are not
# also verb particles ("move on", "carry over"), forms of "be" and modals ("have", "had" and "do" end a clause
# well: "the impact the news had"), and the subordinators that open a clause
_DANGLING = _set("""
    a the and or but nor if than that which who whom whose whether because although though while unless
    of to for from with at by into onto upon via per among amid between during toward towards against including
    like such its their our my your is are was were be been being will would shall should can could may might
    must""")  # not "an" or "am", which end German sentences ("fängt morgen an")
# opening words after which a direct quote's subject or head lies outside the quote ("has been selling ...")
_MID_SENTENCE = _set("""
    and or nor of to for from with at by into onto upon than is are was were be been being has have had does
    did will would shall should can could may might must""")
# the speaker's own first person: "I" in capitals only (Italian "i prezzi ..." is an article)
_FIRST_PERSON = _set("I I'm I've I'd I'll my we we're we've we'd we'll us our ours We We're We've We'd We'll Us Our "
                     "Ours My")
_PREPOSITIONS = _set("""
    about above across after against along among around as at before behind below beside between beyond by
    despite during for from in into of off on onto over per since than through to toward towards under until
    upon via with within without""")
# cues of saying whose reported words can be a whole clause ("officials said it was too soon ..."), unlike the
# cues that take an object ("denied the allegations", "called for action")
_CLAUSE_CUES = re.compile(
    r"^(?:sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|add|warn|report|note|announc|explain|stat|claim|argu|insist|"
    r"suggest|confirm|believ|estimat|writ|wrote|indicat|acknowledg|conced|predict|caution|assert|maintain|"
    r"point(?:ed|s|ing)? out|according to|think|thought|fear|expect|reckon|recall|admit|contend|observ|conclud|"
    r"emphasi[sz]|stress|agree|repl(?:y|ie|ied))")
# an English cue: the rules for French, German, Spanish, Italian and Portuguese find reported speech only as a
# clause ("a déclaré que", "sagte, ... sei", "selon X"), so only English cues are held to the full-clause test
_ENGLISH_CUE = re.compile(r"^(?:[a-z]+(?:ed|ing|s)|sa(?:y|id)|t(?:ell|old)|wrote|write|spoke|speak|thought|think|"
                          r"warn|add|claim|call|accuse|deny|urge|demand|according to|per|in the words of)"
                          r"(?: out| up| for| on| to)?$")
_AUXILIARIES = _set("""
    is are was were be been am has have had do does did will would shall should can could may might must
    isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't won't wouldn't can't couldn't
    shouldn't mustn't""")
_IRREGULAR_PAST = _set("""
    said told made took gave went came fell got left kept found saw knew thought began lost won paid sent built
    held brought ran rose hit cut put set shot fought became grew met stood felt meant led spent sold bought
    broke chose drove flew forgot hid rode sank spoke stole struck swore threw took wore wrote""")
_SUBJECT_PRONOUNS = _set("it he she this that which who there")
_PLURAL_PRONOUNS = _set("they we you")
_SPEAKING_PRONOUNS = _set("he she they it")
# cues of saying a pronoun opening reported words takes ("he said ...", not "they expect ...", a clause of its own)
_SAYING = _set("""
    said says told tells added adds warned warns stated states noted notes insisted insists explained explains
    argued argues claimed claims replied replies announced announces""")
# words that open what a verb acts on ("... support that view", "... want the ferry back")
_OBJECT_OPENERS = _set("""
    the a an that this these those their its his her our my your them him us me it no some any more every all
    both each""")
# words that follow a plural noun without being its verb ("sources close to", "repairs worth a million")
_NOT_VERBS = _set("""
    close near worth like due able back more most less not so very also just only all both each about over out
    up down off then now still even last next""")
# verbs of saying whose object is a clause: a noun after them is no statement ("the parish says Canon Ines Folda")
_CLAUSE_ONLY = _set("say says said claim claims claimed insist insists insisted believe believes believed think "
                    "thinks thought argue argues argued add adds added")
# verbs of saying or evidence that also take a noun ("the hall shows its age"), but not nothing ("data show")
_EVIDENCE = _set("""
    suggest suggests suggested show shows showed indicate indicates indicated reveal reveals revealed confirm
    confirms confirmed report reports reported warn warns warned note notes noted state states stated""")
_EVIDENCE_CUES = re.compile(r"^\s*(?:suggest|show|indicat)")
_DETERMINERS = _set("the a an this these those its their his her our")
# words that open what a verb acts on and never follow a subject noun ("outweigh the", "told them"); not "this",
# "each" or "every", which open times ("officials this week", "prices every year")
_VERB_OBJECTS = _set("the a an their its his her our my your them him us me")
# words that open a clause before its subject ("yesterday the harbour closed", "given the storms, ...",
# "everything the council did"), so "<word> the" is no verb with its object
_CLAUSE_OPENERS = _set("""
    yesterday today tomorrow tonight now then meanwhile earlier later recently previously currently ultimately
    finally also still even only just already once twice again instead otherwise however therefore thus hence so
    yet too perhaps maybe soon overnight not never always often sometimes usually nevertheless nonetheless
    besides like unlike given provided considering excluding including regarding following according compared
    when where why how what whatever whoever whichever whether because although though while whereas since if
    unless until till as after before once everything something nothing anything everyone someone nobody
    anyone all half both most many some each every any none neither either such what's rather plus minus
    except amid amongst among throughout worldwide nationwide here there first second third last next itself
    himself herself themselves ourselves myself yourself""")
# verbs whose object is a statement, a remark or a claim ("made defamatory statements", "issued contradictory
# advice"), and words of counting between them and its adjective ("made several inflammatory ...")
_MAKING = _set("""
    make makes made making issue issues issued issuing give gives gave giving voice voices voiced voicing express
    expresses expressed expressing raise raises raised raising level levels levelled leveled""")
_CUT_QUANTIFIERS = _set("several some many more further other numerous repeated two three")
_PASSIVE = _set("is are was were be been being get gets got gotten getting become becomes became")
_ATTRIBUTIVE_ENDINGS = ("ory", "ous", "ive", "ful", "ist", "ical", "ial", "ic", "less")
_ING_ADJECTIVES = _set("""
    disparaging misleading threatening insulting damning damaging conflicting sweeping scathing demeaning
    humiliating troubling alarming shocking glowing""")
# adjectives that complete an object ("made public", "made mandatory") and nouns with an adjective's ending
# ("made history", "raised capital", "gave five"): a clause may end on them
_COMPLEMENTS = _set("""
    public mandatory compulsory obligatory satisfactory famous infamous anonymous nervous anxious jealous furious
    effective active inactive exclusive initial official homeless jobless powerless useless helpless lawful
    unlawful history story victory memory factory theory territory category inventory laboratory directory
    trajectory music magic panic traffic logic topic clinic critic republic mechanic tactic fabric epic rhetoric
    five live alive initiative incentive motive directive executive alternative objective relative representative
    native detective archive olive handful mouthful spoonful list fist twist wrist mist gist trial material
    memorial editorial""")
# cues whose reported words are a clause, never a noun phrase alone ("agreed outweigh risks" lost its subject)
_NEEDS_CLAUSE = _set("""
    say says said saying agree agrees agreed agreeing insist insists insisted insisting argue argues argued arguing
    believe believes believed believing think thinks thought thinking add adds added adding contend contends
    contended contending""")
# adjectives with no telling ending that open a noun phrase ("new timetables", "fresh talks", "joint patrols")
_PLAIN_ADJECTIVES = _set("""
    new fresh joint free full open direct big small large high low long short good bad great major minor key main
    real true false clear strong weak hard soft extra own whole single double total final late recent current
    local public private special general more most less least much few many such other same next last first
    young old poor rich safe""")
# endings of words that are adjectives or nouns more often than bare verbs ("higher fees", "inflation hurts")
_NOT_VERB_ENDINGS = (
    "er", "y", "al", "ous", "ive", "ic", "ful", "less", "able", "ible", "ary", "ent", "ant", "ish", "ese", "ian",
    "est", "tion", "sion", "ment", "ness", "ity", "ism", "ance", "ence", "ship", "age", "ure", "ery", "ist", "th",
    "ics", "um", "or")
_NOUN_PHRASE_END = re.compile(
    r",\s+((?:[\w'’.\-]+\s+){0,4}?[\w'’.\-]+)\s+([a-z]+)$")  # "..., the parish says": a trailing attribution
_WORD = re.compile(r"[^\W_](?:[\w]|['’\-.](?=[^\W_]))*")


def quote_flaw(quote: Attribution) -> str | None:
    """Why the quote cannot be a key quote ("too short", "opens mid-sentence", "unbalanced quote marks", "ends in an
    ellipsis", "ends in a function word", "ends without its object" ("... made defamatory"), "no speaker" (none, a
    quantifier such as "many", an animal or plant, a sign, or a thing that only suggests), "not speech" ("call ...
    home", "the fire threatened to spread", "added a second goal"), "holds its own attribution", "no statement of
    its own", "subject cut off", "first person without quotation marks", "not a full clause"), or None when it can
    stand alone."""
    content = quote.content.strip()
    if len(content) < MIN_QUOTE_CHARS:
        return "too short"
    if re.match(r"^['’]s\b", content):  # "’s elderly people ...": cut from a possessive
        return "opens mid-sentence"
    if not balanced(content):
        return "unbalanced quote marks"
    core = content.rstrip(_TRAILING)
    if core.endswith(("...", "…", ". . .")):
        return "ends in an ellipsis"
    if _dangles(content, core):
        return "ends in a function word"
    if _object_cut([w.lower().replace("’", "'") for w in _WORD.findall(core)]):
        return "ends without its object"  # "... made defamatory": the statements it made were cut off
    if quote.kind == "direct" and _opens_mid_sentence(content):
        return "opens mid-sentence"
    if (no_speaker(quote.speaker) or evidence_only(quote) or no_one(quote.speaker) or non_human(quote.speaker)
            or sign_like(quote.speaker)):
        return "no speaker"
    if quote.kind == "direct":
        return None
    if idiom_cue(quote) or threat_of_a_thing(quote) or scored(quote):
        return "not speech"
    if (_holds_attribution(quote) or _ends_in_attribution(content) or _opens_on_attribution(content)
            or _ends_on_according_to(content)):
        return "holds its own attribution"
    said = [w.replace("’", "'") for w in _WORD.findall(readable_content(content))]
    if _no_statement(said):
        return "no statement of its own"
    if _subject_cut(said) or _bare_verb_first(said, quote.cue):
        return "subject cut off"  # "... agreed outweigh the costs": the clause's subject is outside the words
    if quote.cue.lower().strip().startswith(("claim", "boast")) and not _clause(content, said):
        return "not a full clause"  # "claimed a 3-1 home win", "boasts 200 rooms": a win or a thing, no statement
    if said and said[0] in _FIRST_PERSON:
        return "first person without quotation marks"
    if quote.speaker.startswith("unnamed") and not full_clause(quote):
        return "not a full clause"
    return None


def no_speaker(speaker: str) -> bool:
    """A speaker that reads as none: empty, or lower case, not the "unnamed ..." form the speaker rules give a
    described person, and headed by figures, a document or a thing ("latest data", cut from "The latest data
    compiled by the agency indicate ..."); a lower-case body ("coast guard", "harbour office") stays."""
    speaker = speaker.strip()
    if not speaker:
        return True
    if not speaker[:1].islower() or speaker.startswith("unnamed "):
        return False
    return speaker.split()[-1] in DATA_NOUNS | DOCUMENT_NOUNS | NON_SPEAKERS


def evidence_only(quote: Attribution) -> bool:
    """A lower-case thing, not a person by role, that suggests, shows or indicates ("map suggests", "fossils
    show"): evidence someone reads, not anyone's words; a named or described speaker ("unnamed engineers") or a
    person ("experts suggest") stays."""
    speaker = quote.speaker.strip()
    if not speaker[:1].islower() or speaker.startswith("unnamed ") or not _EVIDENCE_CUES.match(quote.cue.lower()):
        return False
    head = speaker.split()[-1].lower()
    return head not in ROLE_NOUNS and head.removesuffix("s") not in ROLE_NOUNS


def _dangles(content: str, core: str) -> bool:
    """The text stops on a lower-case function word ("... killed nearly 200 people, are"), unless a full stop or a
    closing quotation mark shows it ends there ("... we are not going to.", "‘Things are not what they used to
    be,’"); a capital is a name or a letter, not a function word ("in May", "hepatitis A")."""
    words = _WORD.findall(content)
    if not words:
        return True
    closed = core.endswith((".", "!", "?")) or content.rstrip(" ,").endswith(("”", "’", '"', "'", "»"))
    return not closed and words[-1].replace("’", "'") in _DANGLING


def balanced(text: str) -> bool:
    """Every quotation opened in the text is closed in it and none is closed that was not opened: curly and angle
    marks in pairs, straight double marks an even number, single marks that open a word matched by ones that close
    one. Apostrophes inside a word ("weren't") are neither; one after a plural's s ("islanders' boats") is a
    possessive, not a closing mark."""
    if text.count("“") != text.count("”") or text.count("«") != text.count("»") or text.count('"') % 2:
        return False
    opened = closed = 0
    for m in re.finditer(r"['‘’]", text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if (before.isspace() or before in "([—–-\"“") and after.isalnum():
            opened += 1
        elif (before.isalnum() or before in ".,!?;:…") and not after.isalnum():
            following = text[m.end() + 1:m.end() + 2]  # "islanders' boats", "States’ “inhumane” ..."
            possessive = before.lower() == "s" and after == " " and following != "" and (
                following.isalnum() or following in "“\"‘'«")
            closed += 0 if possessive else 1
    return opened == closed


def _holds_attribution(quote: Attribution) -> bool:
    """Reported words that take in their own "a U.S. official said" or "Campbell says": the writer's whole
    sentence, which "<speaker> said" in front of it would attribute twice."""
    if not quote.speaker_as_written.strip() or not quote.cue.strip():
        return False
    said = " ".join(f"{quote.speaker_as_written} {quote.cue}".lower().split())
    return said in " ".join(quote.content.lower().split())


def _ends_on_according_to(content: str) -> bool:
    """Reported words that end on ", according to <someone>" (at most five words): the line would credit its
    speaker and another ("unnamed source said the pier would shut, according to the harbour office")."""
    m = re.search(r",\s+according to\s+([^,;:]+)$", content.rstrip(_TRAILING + "."), flags=re.IGNORECASE)
    return m is not None and len(_WORD.findall(m.group(1))) <= 5


def _opens_on_attribution(content: str) -> bool:
    """Reported words that open on a pronoun and its cue of saying ("He said the trains would stop ...", "they
    warned that ..."): another's attribution, whose "he" the line never names, under "according to <speaker>"."""
    words = [w.lower() for w in _WORD.findall(content)[:2]]
    return len(words) == 2 and words[0] in _SPEAKING_PRONOUNS and words[1] in _SAYING


def _opens_mid_sentence(content: str) -> bool:
    """A direct quote that starts inside a sentence: its subject or head is outside the marks."""
    first = content.lstrip(_EDGE_MARKS).split(maxsplit=1)
    return bool(first) and first[0] in _MID_SENTENCE


def full_clause(quote: Attribution) -> bool:
    """Reported words that make a clause of their own: opened by the conjunction "that", or after an English cue of
    saying, starting with neither a preposition, "to" nor an -ing form, and holding a finite verb; any reported
    speech found after a cue in another language (found only as a clause)."""
    content = quote.content.strip()
    said = readable_content(content)
    words = [w.lower().replace("’", "'") for w in _WORD.findall(said)]
    if len(words) < 4:
        return False
    if said != content and content.lower().startswith("that"):
        return True
    cue = " ".join(quote.cue.lower().split())
    if not _ENGLISH_CUE.match(cue):
        return True
    if not _CLAUSE_CUES.match(cue):
        return False
    if words[0] in _PREPOSITIONS or (words[0].endswith("ing") and len(words[0]) > 4):
        return False
    return _has_finite(words)


def _clause(content: str, said: list[str]) -> bool:
    """Reported words that hold a clause: opened by "that", or with a finite verb."""
    return (readable_content(content) != content.strip() and content.strip().lower().startswith("that")) or (
        _has_finite([w.lower() for w in said]))


def _has_finite(words: list[str]) -> bool:
    """Lower-case words with a (very likely) finite verb: see ``_finite`` and ``_plural_present``."""
    return any(_finite(w, words[i - 1] if i else "") or _plural_present(words, i) for i, w in enumerate(words))


def _plural_present(words: list[str], i: int) -> bool:
    """``words[i]`` is a present-tense verb of a plural subject: a bare word after "they", "we" or a plural noun
    ("islanders want the ferry back"), or after the noun closing a phrase that a plural noun opened ("harbour
    records seen by the paper support that view"), and followed by what it acts on ("the", "that", ...)."""
    word, before = words[i], words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    if not i or not word.isalpha() or not _bare(word) or after not in _OBJECT_OPENERS:
        return False
    if before in _PLURAL_PRONOUNS:
        return True
    if not _content_word(before):
        return False
    return _plural_noun(before) or any(_plural_noun(w) for w in words[:min(i - 1, 3)])


def _bare(word: str) -> bool:
    """A word that can be a verb's bare form: no -s, -ed, -ing or -ly ending, and no function word."""
    return (not word.endswith(("s", "ed", "ing", "ly")) and _content_word(word) and word not in _NOT_VERBS)


def _content_word(word: str) -> bool:
    return bool(word) and word not in _DANGLING | _PREPOSITIONS | _AUXILIARIES | _SUBJECT_PRONOUNS | _OBJECT_OPENERS


def _plural_noun(word: str) -> bool:
    """A word read as a plural noun: an -s ending that is not -ss, -us or -is, on a content word."""
    return (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s"))
            and _content_word(word))


def _no_statement(said: list[str]) -> bool:
    """Reported words that open with their own subject and verb of saying or evidence and then say nothing ("the
    parish council says", "the latest passenger data show") or name no more than a noun after a verb that needs
    a clause ("the parish says Canon Ines Folda"): the start of a clause, cut off."""
    words = [w.lower() for w in said]
    return any(_cut_after(said, k) for k, w in enumerate(words[:7]) if k and w in _CLAUSE_ONLY | _EVIDENCE
               and _noun_phrase(words[:k]))


def _cut_after(said: list[str], k: int) -> bool:
    """The words after the verb of saying or evidence ``said[k]`` say nothing: none, a bare "that", or (after a
    verb that needs a clause) no verb of their own; a capitalised word there is a name, no verb."""
    rest = ["name" if w[:1].isupper() else w.lower() for w in said[k + 1:]]  # "name": a placeholder noun
    if not rest or rest == ["that"]:
        return True
    if rest[0] in _PREPOSITIONS or rest[0] in _NOT_VERBS:  # "believe in ...", "insist on ...", "add up": no cue
        return False
    return said[k].lower() in _CLAUSE_ONLY and not _has_finite(rest) and not any(
        _singular_present(rest, i) for i in range(len(rest)))


def _singular_present(words: list[str], i: int) -> bool:
    """``words[i]`` may be the -s verb of the noun before it ("the bell tower belongs to ...")."""
    return bool(i) and _plural_noun(words[i]) and _content_word(words[i - 1])


def _noun_phrase(words: list[str]) -> bool:
    """Words that can be a subject by themselves: a pronoun, or an optional determiner and content words."""
    if len(words) == 1 and words[0] in _SUBJECT_PRONOUNS | _PLURAL_PRONOUNS:
        return True
    body = words[1:] if words[0] in _DETERMINERS else words
    return bool(body) and all(_content_word(w) for w in body)


def _ends_in_attribution(content: str) -> bool:
    """Reported words that end on another speaker's attribution ("the tower belongs to the trust, the parish
    says"): shown after "<speaker> said", the sentence would be attributed twice."""
    m = _NOUN_PHRASE_END.search(content.rstrip(_TRAILING + "."))
    if m is None or m.group(2) not in _CLAUSE_ONLY | _EVIDENCE:
        return False
    subject = [w.lower().replace("’", "'") for w in _WORD.findall(m.group(1))]
    return bool(subject) and _noun_phrase(subject)


def _subject_cut(said: list[str]) -> bool:
    """Reported words that open with the verb of a clause whose subject was left out: a lower-case auxiliary
    ("are likely to ...", "will close ..."), or a lower-case word that can be a verb followed by what it acts on
    ("outweigh the costs", "cost the island its ..."): a subject noun is never followed by "the" or "them". An
    adverb, a subordinator, a participle or a pronoun before the subject ("yesterday the ...", "given the ...",
    "everything the council did"), an -ing subject ("fishing the banks ...") and a capitalised name pass."""
    if len(said) < 2 or not said[0][:1].islower():
        return False
    first, second = said[0].lower(), said[1].lower()
    if first in _AUXILIARIES:
        return True
    return (second in _VERB_OBJECTS and first.isalpha() and first not in _CLAUSE_OPENERS
            and not first.endswith(("ing", "ly")) and _content_word(first))


def _object_cut(words: list[str]) -> bool:
    """Lower-case words that end on a verb of making or giving and the adjective of its object, the object cut off
    ("Dershowitz made defamatory", "the mayor issued contradictory", "made several inflammatory"). A passive ("were
    made public", "had been made mandatory"), an object-complement adjective ("made permanent") and a noun ("made
    history") end a clause."""
    if len(words) < 2 or not _attributive(words[-1]):
        return False
    k = len(words) - 2
    if words[k] in _CUT_QUANTIFIERS and k:
        k -= 1
    return words[k] in _MAKING and not any(w in _PASSIVE for w in words[max(0, k - 2):k])


def _attributive(word: str) -> bool:
    """An adjective that describes a noun (a statement, a remark) more than it completes a verb's object: by its
    ending ("defamatory", "offensive", "racist", "political") or one of a few in -ing ("misleading")."""
    if word in _COMPLEMENTS or not word.isalpha():
        return False
    return word in _ING_ADJECTIVES or word.endswith(_ATTRIBUTIVE_ENDINGS)


def _bare_verb_first(said: list[str], cue: str) -> bool:
    """Reported words after a cue that needs a clause ("said", "agreed", "insisted") opening on a bare verb with its
    object and no verb after ("... agreed outweigh risks for older islanders"): the subject between the cue and
    the verb was cut off. An adjective ("new timetables", "fresh talks", "further cuts"), a noun by its ending
    ("inflation hurts ..."), an -ing, -ed, -er or -y word and a clause with a verb of its own pass."""
    verb = cue.lower().split()[:1]
    if len(said) < 2 or not verb or verb[0] not in _NEEDS_CLAUSE:
        return False
    words = [w.lower() for w in said]
    first, second = said[0], words[1]
    after = words[2] if len(words) > 2 else ""
    if not first.isalpha() or not first.islower() or len(first) < 3 or first in _CLAUSE_OPENERS | _PLAIN_ADJECTIVES:
        return False
    if not _bare(first) or first.endswith(_NOT_VERB_ENDINGS):
        return False
    return (_plural_noun(second) and (not after or after in _PREPOSITIONS or after in _set("and to"))
            and not _has_finite(words[1:]))


def _finite(word: str, before: str) -> bool:
    """A word that is (very likely) a finite verb: an auxiliary, a past form, or an -s form after a subject
    pronoun ("it reflects")."""
    return (word in _AUXILIARIES or word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 3)
            or (word.endswith("s") and before in _SUBJECT_PRONOUNS))
