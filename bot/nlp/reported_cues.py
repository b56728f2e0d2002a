"""Word lists for reported speech in French, German, Spanish, Italian and Portuguese, on top of the direct ones."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.nlp.direct_cues import LANGUAGES, LanguageCues
from bot.nlp.quote_cues import words


@dataclass(frozen=True, slots=True)
class ReportedCues:
    """What the reported-speech rules add to a language's direct-quotation cues."""

    cues: LanguageCues  # the direct cues with more verbs, sources and bodies (used for reported speech only)
    openers: frozenset[str]  # a stretch between a verb and "que" starts with one: "a dit devant les députés que"
    antecedents: frozenset[str]  # "ce que", "lo que", "ciò che": a relative, not reported speech
    relatives: frozenset[str]  # "..., a déclaré le maire, qui ...": the attribution ends before them
    not_speakers: frozenset[str]  # "selon la Constitution", "según el Calendario": no speaker
    body_suffixes: tuple[str, ...] = ()  # German compounds that speak: "Hafenbehörde", "Stadtverwaltung"
    subordinators: frozenset[str] = frozenset()  # German "sagte, als ...": no reported clause follows
    subjunctives: frozenset[str] = frozenset()  # German "sei", "habe", "werde": the verb of a reported clause
    infinitive_markers: frozenset[str] = frozenset()  # Italian "ha detto di voler ...": an infinitive clause
    connectives: frozenset[str] = frozenset()  # "sin embargo", "no entanto": adverbs the function words lack
    as_words: frozenset[str] = frozenset()  # "wie X sagte", "comme l'a indiqué X", "según explicó X"
    not_before_as: frozenset[str] = frozenset()  # "so schnell wie", "autant que": a comparison, no speech
    as_clitics: frozenset[str] = frozenset()  # French "l'" of "comme l'a dit X"
    as_agents: frozenset[str] = frozenset()  # Italian "come spiegato dal sindaco"
    as_verbs: frozenset[str] = frozenset()  # German verbs last in an as-clause: "wie die Stadt mitteilte"
    konjunktiv: frozenset[str] = frozenset()  # German Konjunktiv I forms: "sei", "habe", "koste"
    not_konjunktiv: frozenset[str] = frozenset()  # German words ending in "-e" that are no Konjunktiv I
    first_person: frozenset[str] = frozenset()  # a sentence with "ich", "wir" is no one else's speech
    as_leads: frozenset[str] = frozenset()  # Spanish "tal (y)" before "como"
    question_heads: frozenset[str] = frozenset()  # German "Unklar ist, wie ...": a question follows (3 words back)
    as_objects: frozenset[str] = frozenset()  # German "wie die Stadt das erklärte": an object, a question
    time_words: frozenset[str] = frozenset()  # "mercredi", "ayer": may stand between a verb and its speaker
    time_leads: frozenset[str] = frozenset()  # "el" of "el miércoles", "am" of "am Mittwoch"


def _extend(base: LanguageCues, *, finite_sg: str = "", finite_pl: str = "", participles: str = "",
            sources: tuple[tuple[str, ...], ...] = (), bodies: str = "") -> LanguageCues:
    every_source = tuple(sorted({*base.sources, *sources}, key=len, reverse=True))  # longest first
    role_suffixes = base.role_suffixes
    if base.role_suffixes:  # German: any role ends a compound ("Staatsanwalt", "Schiedsrichter")
        role_suffixes = tuple(sorted({*role_suffixes, *(r for r in base.roles if len(r) >= 5)}))
    return replace(base, finite_sg=base.finite_sg | words(finite_sg), finite_pl=base.finite_pl | words(finite_pl),
                   participles=base.participles | words(participles), sources=every_source,
                   bodies=base.bodies | words(bodies) | _EMERGENCY[base.code], role_suffixes=role_suffixes)


# Services that speak through a spokesperson, named by their members: "selon les pompiers", "según los bomberos".
_EMERGENCY = {
    "fr": words("pompiers sapeurs-pompiers secours gendarmes autorités"),
    "de": words("feuerwehr rettungsdienst behörden"),
    "es": words("bomberos autoridades guardia"),
    "it": words("vigili soccorritori carabinieri autorità"),
    "pt": words("bombeiros autoridades"),
}


_COMMON_NOT_SPEAKERS = "plan"

FRENCH = ReportedCues(
    cues=_extend(LANGUAGES["fr"],
                 finite_sg="promet confirme signale soutient révèle avance prétend rapporte dément certifie considère",
                 finite_pl="promettent confirment signalent soutiennent révèlent avancent prétendent rapportent",
                 participles="promis confirmé signalé soutenu révélé avancé prétendu rapporté démenti certifié "
                             "considéré",
                 bodies="préfecture ministère direction conseil tribunal institut"),
    openers=words("à au aux devant dans lors auprès sur en pendant après avant lundi mardi mercredi jeudi "
                  "vendredi samedi dimanche hier ce cet cette"),
    antecedents=words("ce c' celui celle ceux celles tout chose seul seule même"),
    relatives=words("qui dont où lequel laquelle"),
    not_speakers=words(f"{_COMMON_NOT_SPEAKERS} constitution loi code règlement calendrier programme"),
    connectives=words("néanmoins d'ailleurs pour autant"),
    as_words=words("comme"), not_before_as=words("tout autant"), as_clitics=words("l'"),
    time_words=words("lundi mardi mercredi jeudi vendredi samedi dimanche hier"), time_leads=words("ce"),
)

GERMAN = ReportedCues(
    cues=_extend(LANGUAGES["de"],
                 finite_sg="versprach verspricht behauptete behauptet",
                 finite_pl="versprachen behaupteten",
                 participles="versprochen behauptet mitgeteilt angekündigt eingeräumt",
                 sources=(("nach", "angaben", "von"), ("nach", "angaben"), ("laut", "angaben", "von"),
                          ("laut", "angaben")),
                 bodies="zeitung agentur nachrichtenagentur sender magazin blatt verband rat gericht"),
    openers=frozenset(),  # German writes a comma before "dass": any stretch may stand before it
    antecedents=frozenset(),
    relatives=words("der die das dem den deren dessen welcher welche"),
    not_speakers=words(f"{_COMMON_NOT_SPEAKERS} gesetz satzung verfassung fahrplan kalender programm"),
    body_suffixes=("amt", "dienst", "behörde", "kammer", "polizei", "regierung", "ministerium", "verwaltung", "zeitung",
                   "agentur", "verband", "gewerkschaft", "gericht", "partei", "konzern"),
    subordinators=words("als wie wenn weil nachdem obwohl bevor während da um ohne und aber oder sondern ob damit "
                        "sobald seit falls"),
    subjunctives=words("sei seien habe hätte hätten werde würde würden wäre wären könne könnte könnten müsse "
                       "müsste müssten solle sollte sollten wolle wollte dürfe dürfte möge gebe gäbe ist hat wird "
                       "sind haben werden war waren kann muss soll will darf"),
    as_words=words("wie"), not_before_as=words("so genauso ebenso anders als sowie"),
    as_verbs=words("mitteilte mitteilten mitteilt ankündigte ankündigten hinzufügte einräumte einräumten "
                   "erläuterte erläuterten klarstellte feststellte bekanntgab bestätigte bestätigten"),
    konjunktiv=words("sei seien habe werde könne müsse solle wolle dürfe möge gebe koste gelte halte arbeite "
                     "warte leiste biete bedeute finde bilde rechne erwarte plane bleibe liege stehe gehe komme "
                     "fehle brauche drohe laufe zahle trage sehe"),
    not_konjunktiv=words("gerade gerne lange alleine ohne bitte heute eine keine seine ihre diese jene welche "
                         "jede alle beide andere ebene ende mitte weise wäre käme gäbe läge stünde ginge fände "
                         "hülfe"),
    first_person=words("ich wir mich mir uns unser unsere du ihr"),
    question_heads=words("unklar offen fraglich unbekannt weiß wissen fragte fragten frage erklären zeigt zeigen"),
    as_objects=words("das dies dieses diese es ihn ihm ihr ihnen sie nichts alles etwas"),
    time_words=words("montag dienstag mittwoch donnerstag freitag samstag sonntag gestern"), time_leads=words("am"),
)

SPANISH = ReportedCues(
    cues=_extend(LANGUAGES["es"],
                 finite_sg="prometió promete confirmó confirma reveló revela anunció anuncia avisó estimó estima "
                           "consideró considera negó niega recordó recuerda",
                 finite_pl="prometieron confirmaron revelaron anunciaron estimaron consideraron negaron recordaron",
                 participles="prometido confirmado revelado anunciado estimado considerado negado avisado "
                             "recordado"),
    openers=words("a al ante en durante tras ayer hoy el lunes martes miércoles jueves viernes sábado domingo "
                  "este esta"),
    antecedents=words("lo el la los las todo aquello eso esto"),
    relatives=words("que quien quienes cual cuyo cuya donde"),
    not_speakers=words(f"{_COMMON_NOT_SPEAKERS} constitución ley código reglamento calendario programa"),
    connectives=words("embargo obstante cambio parte"),
    as_words=words("como según"), not_before_as=words("tanto tan así"), as_leads=words("tal y"),
    time_words=words("lunes martes miércoles jueves viernes sábado domingo ayer"), time_leads=words("el"),
)

ITALIAN = ReportedCues(
    cues=_extend(LANGUAGES["it"],
                 finite_sg="promette promise annuncia annunciò confermò rivela rivelò sostenne nega negò stima",
                 finite_pl="promettono annunciano confermano rivelano",
                 participles="promesso rivelato negato stimato",
                 sources=(("stando", "al"), ("stando", "alla"), ("stando", "all'"), ("stando", "ai"),
                          ("stando", "alle"), ("a", "detta", "di"), ("a", "detta", "del"), ("a", "detta", "della")),
                 bodies="prefettura regione consiglio tribunale istituto"),
    openers=words("a ad al alla ai agli alle all' davanti durante in nel nella dopo prima ieri oggi lunedì martedì "
                  "mercoledì giovedì venerdì sabato domenica"),
    antecedents=words("ciò quello quel quella tutto"),
    relatives=words("che cui quale dove"),
    not_speakers=words(f"{_COMMON_NOT_SPEAKERS} costituzione legge codice regolamento calendario programma piano"),
    infinitive_markers=words("di"),
    connectives=words("comunque invece peraltro"),
    as_words=words("come"), not_before_as=words("così tanto sia"),
    as_agents=words("da dal dallo dalla dai dagli dalle dall'"),
    time_words=words("lunedì martedì mercoledì giovedì venerdì sabato domenica ieri"),
)

PORTUGUESE = ReportedCues(
    cues=_extend(LANGUAGES["pt"],
                 finite_sg="prometeu promete anunciou anuncia confirmou confirma revelou revela negou nega estimou",
                 finite_pl="prometeram anunciaram confirmaram revelaram negaram", bodies="autarquia"),
    openers=words("a à ao aos às perante em no na nos nas durante após ontem hoje"),
    antecedents=words("o a os as aquilo isso isto tudo"),
    relatives=words("que quem qual cujo cuja onde"),
    not_speakers=words(f"{_COMMON_NOT_SPEAKERS} constituição lei código regulamento calendário programa plano"),
    connectives=words("entanto obstante contrário"),
    as_words=words("como conforme segundo"), not_before_as=words("tanto tão assim"),
    time_words=words("segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo ontem"),
    time_leads=words("na no"),
)

REPORTED: dict[str, ReportedCues] = {r.cues.code: r for r in (FRENCH, GERMAN, SPANISH, ITALIAN, PORTUGUESE)}
