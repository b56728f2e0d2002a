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
    body_suffixes=("behörde", "kammer", "polizei", "regierung", "ministerium", "verwaltung", "zeitung", "agentur",
                   "verband", "gewerkschaft", "gericht", "partei", "konzern"),
    subordinators=words("als wie wenn weil nachdem obwohl bevor während da um ohne und aber oder sondern ob damit "
                        "sobald seit falls"),
    subjunctives=words("sei seien habe hätte hätten werde würde würden wäre wären könne könnte könnten müsse "
                       "müsste müssten solle sollte sollten wolle wollte dürfe dürfte möge gebe gäbe ist hat wird "
                       "sind haben werden war waren kann muss soll will darf"),
)

SPANISH = ReportedCues(
    cues=_extend(LANGUAGES["es"],
                 finite_sg="prometió promete confirmó confirma reveló revela anunció anuncia avisó estimó estima "
                           "consideró considera negó niega",
                 finite_pl="prometieron confirmaron revelaron anunciaron estimaron consideraron negaron",
                 participles="prometido confirmado revelado anunciado estimado considerado negado avisado"),
    openers=words("a al ante en durante tras ayer hoy el lunes martes miércoles jueves viernes sábado domingo "
                  "este esta"),
    antecedents=words("lo el la los las todo aquello eso esto"),
    relatives=words("que quien quienes cual cuyo cuya donde"),
    not_speakers=words(f"{_COMMON_NOT_SPEAKERS} constitución ley código reglamento calendario programa"),
    connectives=words("embargo obstante cambio parte"),
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
)

PORTUGUESE = ReportedCues(
    cues=_extend(LANGUAGES["pt"],
                 finite_sg="prometeu promete anunciou anuncia confirmou confirma revelou revela negou nega estimou",
                 finite_pl="prometeram anunciaram confirmaram revelaram negaram"),
    openers=words("a à ao aos às perante em no na nos nas durante após ontem hoje"),
    antecedents=words("o a os as aquilo isso isto tudo"),
    relatives=words("que quem qual cujo cuja onde"),
    not_speakers=words(f"{_COMMON_NOT_SPEAKERS} constituição lei código regulamento calendário programa plano"),
    connectives=words("entanto obstante contrário"),
)

REPORTED: dict[str, ReportedCues] = {r.cues.code: r for r in (FRENCH, GERMAN, SPANISH, ITALIAN, PORTUGUESE)}
