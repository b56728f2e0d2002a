"""Per-language word tables for direct quotations in French, German, Spanish, Italian and Portuguese."""

from __future__ import annotations

from dataclasses import dataclass

from bot.nlp.quote_cues import words

# Gender or number a determiner tells: masculine, feminine, plural, or nothing ("l'", "das").
Gender = str  # "m" | "f" | "pl" | ""


@dataclass(frozen=True, slots=True)
class LanguageCues:
    """What the direct-quotation rules need to know about one language, all lower case."""

    code: str
    finite_sg: frozenset[str]  # "déclare", "sagte", "dijo": a verb of saying, third person singular
    finite_pl: frozenset[str]  # "déclarent", "sagten", "dijeron"
    aux_sg: frozenset[str]  # "a" of "a déclaré"
    aux_pl: frozenset[str]
    participles: frozenset[str]  # "déclaré" of "a déclaré"
    aux_gap: int  # words allowed between the auxiliary and the participle ("a ensuite déclaré")
    gap_words: frozenset[str]  # which words may stand there (empty: any word; German "hat am Montag gesagt")
    gap_suffix: str  # ... or any word ending so ("-ment": "a notamment déclaré")
    after_only: frozenset[str]  # a cue only right after a quotation: German "so"
    reflexive: frozenset[str]  # verbs of saying used reflexively: "s'agace", "se queja", "queixa-se", "ärgert sich"
    reflexive_clitics: frozenset[str]  # the clitic before them ("s'", "se", "si"); German "sich" after them
    verb_particles: frozenset[str]  # German separable particles after the speaker: "fügte er hinzu"
    sources: tuple[tuple[str, ...], ...]  # "selon X", "d'après X", token by token
    postpositions: frozenset[str]  # German "X zufolge"
    pronouns: dict[str, Gender]  # subject pronouns a singular cue may have ("il" m, "elle" f)
    source_pronouns: dict[str, Gender]  # after a source word: "selon lui"
    plural_pronouns: frozenset[str]  # "ils", "sie" with a plural verb: never resolved
    inverted_pronouns: bool  # French "a-t-il déclaré", "dit-elle"
    null_subject: bool  # Spanish, Italian, Portuguese: «…», añadió.
    dash_speech: bool  # Spanish dialogue dashes: —Texto —dijo X—.
    determiners: dict[str, Gender]
    roles: frozenset[str]  # nouns naming a speaker by office: "ministre", "Sprecherin"
    role_suffixes: tuple[str, ...]  # German compounds: "Bundesinnenministerin" ends in "ministerin"
    bodies: frozenset[str]  # institutions and media that speak: "gouvernement", "Polizei", "diario"
    pre_adjectives: frozenset[str]  # "ancien" of "l'ancien ministre"
    complement_preps: frozenset[str]  # "de" of "ministre de l'Intérieur"
    name_particles: frozenset[str]  # "de" of "Charles de Gaulle", "von" of "Ursula von der Leyen"
    conjunctions: frozenset[str]
    function_words: frozenset[str]  # never part of a name or a role phrase
    not_names: frozenset[str]  # capitalised words that are no name: sentence adverbs, days, German nouns
    noun_suffixes: tuple[str, ...]  # German common nouns: "-ung", "-heit" are never names
    adverb_suffix: str  # "-ment", "-mente": never a name or an adjective
    locatives: frozenset[str]  # a capitalised word after one of these is a place, not a rival speaker
    complementizers: frozenset[str]  # "que", "dass": reported speech, not a quotation
    elisions: tuple[str, ...]  # "l'", "d'", "dell'": split off the word they stick to
    clause_joins: frozenset[str]  # "et", "mais": a clause may start after one


def _forms(text: str) -> frozenset[str]:
    return words(text.lower())


_FR_VERBS = """déclare dit affirme ajoute explique estime souligne indique assure précise poursuit insiste martèle
    confie raconte rappelle reconnaît admet prévient avertit tranche lance répond réplique observe note commente
    conclut résume relève juge annonce écrit déplore regrette répète"""
_FR_PLURAL = """déclarent disent affirment ajoutent expliquent estiment soulignent indiquent assurent précisent
    poursuivent insistent martèlent confient racontent rappellent reconnaissent admettent préviennent avertissent
    tranchent lancent répondent répliquent observent notent commentent concluent résument relèvent jugent
    annoncent écrivent déplorent regrettent répètent"""
_FR_PARTICIPLES = """déclaré dit affirmé ajouté expliqué estimé souligné indiqué assuré précisé poursuivi insisté
    martelé confié raconté rappelé reconnu admis prévenu averti tranché lancé répondu répliqué observé noté
    commenté conclu résumé relevé jugé annoncé écrit déploré regretté répété"""

_FR_FUNCTION = """à au aux en dans devant derrière lors après avant pendant depuis sur sous par pour avec sans chez
    vers contre entre selon comme mais et ou donc ni car que qu' qui dont où quand si ne n' pas plus jamais aussi
    encore également ensuite enfin alors déjà toujours puis ainsi notamment pourtant cependant toutefois ici là
    hier aujourd' hui demain ce cet cette ces son sa ses leur leurs mon ma notre votre il elle ils elles on nous
    vous lui y se s' le la les l' un une des du de d' tout tous toute toutes très bien même lui-même elle-même
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août septembre
    octobre novembre décembre matin soir midi nuit semaine mois année an fois a ont est sont était"""
_FR_NOT_NAMES = """désormais face interrogé interrogée questionné questionnée sollicité sollicitée contacté contactée
    or car bref certes outre parmi malgré quant oui non merci bonjour voilà"""

_DE_VERBS = """sagte sagt erklärte erklärt betonte betont meinte meint fügte ergänzte ergänzt unterstrich
    versicherte versichert warnte warnt mahnte mahnt kritisierte kritisiert forderte fordert schrieb schreibt
    bekräftigte bekräftigt bestätigte bestätigt räumte stellte teilte argumentierte antwortete entgegnete
    erwiderte berichtete erzählte erzählt kündigte"""
_DE_PLURAL = """sagten sagen erklärten erklären betonten betonen meinten meinen fügten ergänzten unterstrichen
    versicherten warnten warnen mahnten kritisierten kritisieren forderten fordern schrieben bekräftigten
    bestätigten räumten stellten teilten argumentierten antworteten entgegneten erwiderten berichteten
    erzählten kündigten"""
_DE_PARTICIPLES = """gesagt erklärt betont gemeint ergänzt unterstrichen versichert gewarnt gemahnt kritisiert
    gefordert geschrieben bekräftigt bestätigt geantwortet entgegnet erwidert berichtet erzählt"""
_DE_FUNCTION = """an am auf aus bei beim bis durch für gegen gegenüber hinter im in mit nach neben ohne seit über
    um unter von vom vor während wegen zu zum zur zwischen und oder aber doch denn sondern dass ob wenn als wie
    nicht auch noch schon nur so sehr bereits dann da dort hier heute gestern morgen dabei dazu zudem außerdem
    weiter weiterhin jedoch allerdings später zuvor anschließend damals deshalb daher trotzdem dennoch zugleich
    nun jetzt er sie es man wir ihr ich du sich ihm ihn ihnen der die das den dem des ein eine einer einem einen
    eines kein keine sein seine ihre dies diese dieser dieses jener hat haben hatte ist sind war waren wird werden
    montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni juli august
    september oktober november dezember"""
_DE_NOT_NAMES = """morgen abend nacht mittag vormittag nachmittag woche wochenende monat jahr jahre tag tage
    journalisten journalistinnen reportern reporterinnen medien zeitung zeitungen sender agentur
    nachrichtenagentur fernsehen radio interview pressekonferenz bürgern bürgerinnen zuschauern publikum
    anfang ende mitte angaben berichten zufolge laut ja nein danke bitte"""

_ES_VERBS = """dijo afirmó declaró aseguró señaló explicó añadió agregó indicó subrayó destacó apuntó advirtió
    insistió recalcó sostuvo manifestó expresó comentó admitió reconoció respondió replicó precisó concluyó
    lamentó relató contó aclaró remarcó defendió dice afirma declara asegura señala explica añade agrega indica
    subraya destaca apunta advierte insiste recalca sostiene manifiesta comenta admite reconoce responde replica
    precisa concluye lamenta relata cuenta aclara defiende"""
_ES_PLURAL = """dijeron afirmaron declararon aseguraron señalaron explicaron añadieron agregaron indicaron
    subrayaron destacaron apuntaron advirtieron insistieron recalcaron sostuvieron manifestaron comentaron
    admitieron reconocieron respondieron replicaron precisaron concluyeron lamentaron relataron contaron
    aclararon defendieron dicen afirman declaran aseguran señalan explican añaden agregan indican subrayan
    destacan advierten insisten sostienen comentan admiten reconocen responden concluyen lamentan"""
_ES_PARTICIPLES = """dicho afirmado declarado asegurado señalado explicado añadido agregado indicado subrayado
    destacado apuntado advertido insistido recalcado sostenido manifestado expresado comentado admitido
    reconocido respondido replicado precisado concluido lamentado relatado contado aclarado defendido"""
_ES_FUNCTION = """a al ante bajo con contra de del desde durante en entre hacia hasta mediante para por según sin
    sobre tras y e o u ni pero sino que quien quienes cual cuando donde como si no ya también además luego
    después antes ahora hoy ayer mañana aquí allí este esta estos estas ese esa eso esto su sus mi tu nuestro
    nuestra él ella ellos ellas usted se lo le les la las los el un una unos unas muy más menos todo toda todos
    todas lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto
    septiembre octubre noviembre diciembre tarde noche semana mes año vez ha han es son era fue"""
_ES_NOT_NAMES = """asimismo sin embargo interrogado interrogada preguntado preguntada consultado consultada sí
    gracias"""

_IT_VERBS = """dice afferma dichiara aggiunge spiega sottolinea precisa osserva ricorda assicura ribadisce commenta
    evidenzia conclude ammette riconosce risponde replica avverte insiste racconta conferma chiarisce sostiene
    rileva incalza disse affermò dichiarò aggiunse spiegò sottolineò precisò osservò ricordò assicurò ribadì
    commentò concluse ammise rispose replicò"""
_IT_PLURAL = """dicono affermano dichiarano aggiungono spiegano sottolineano precisano osservano ricordano
    assicurano ribadiscono commentano evidenziano concludono ammettono riconoscono rispondono replicano
    avvertono insistono raccontano confermano chiariscono sostengono rilevano dissero affermarono dichiararono
    aggiunsero spiegarono"""
_IT_PARTICIPLES = """detto dichiarato affermato aggiunto spiegato sottolineato precisato osservato ricordato
    assicurato ribadito commentato evidenziato rimarcato concluso ammesso riconosciuto risposto replicato
    annunciato avvertito insistito raccontato confermato chiarito scritto sostenuto rilevato"""
_IT_FUNCTION = """a ad al allo alla ai agli alle all' con contro da dal dallo dalla dai dagli dalle dall' di del
    dello della dei degli delle dell' in nel nello nella nei negli nelle nell' su sul sullo sulla sui sugli sulle
    sull' per tra fra durante dopo prima secondo presso verso e ed o od ma però che chi cui quando dove come se
    non anche ancora già poi inoltre oggi ieri domani qui qua lì là questo questa questi queste quello quella
    suo sua suoi sue loro lui lei egli ella esso essa si ci lo la le li gli il i un uno una un' molto più meno
    tutto tutta tutti tutte lunedì martedì mercoledì giovedì venerdì sabato domenica gennaio febbraio marzo
    aprile maggio giugno luglio agosto settembre ottobre novembre dicembre mattina sera notte settimana mese
    anno volta ha hanno è sono era"""
_IT_NOT_NAMES = """tuttavia intanto insomma interpellato interpellata interrogato interrogata sì grazie"""

_PT_VERBS = """disse afirmou declarou acrescentou explicou sublinhou referiu garantiu frisou salientou destacou
    indicou assegurou defendeu considerou adiantou observou comentou admitiu reconheceu respondeu concluiu
    alertou avisou insistiu realçou lembrou contou relatou esclareceu diz afirma declara acrescenta explica
    sublinha refere garante frisa salienta destaca indica assegura defende considera adianta observa comenta
    admite reconhece responde conclui alerta insiste lembra conta"""
_PT_PLURAL = """disseram afirmaram declararam acrescentaram explicaram sublinharam referiram garantiram frisaram
    salientaram destacaram indicaram asseguraram defenderam consideraram adiantaram observaram comentaram
    admitiram reconheceram responderam concluíram alertaram insistiram lembraram dizem afirmam declaram
    acrescentam explicam garantem defendem consideram"""
_PT_FUNCTION = """a à ao aos às até com contra de do da dos das desde durante em no na nos nas entre para pelo
    pela pelos pelas por sem sob sobre após perante segundo conforme e ou nem mas porém que quem qual quando
    onde como se não também ainda já depois antes agora hoje ontem amanhã aqui ali este esta estes estas esse
    essa isso isto seu sua seus suas ele ela eles elas lhe lhes o os as um uma uns umas muito mais menos todo
    toda todos todas segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo janeiro
    fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro manhã tarde noite semana
    mês ano vez tem têm é são era foi"""
_PT_NOT_NAMES = """contudo entretanto questionado questionada contactado contactada sim obrigado obrigada"""


FRENCH = LanguageCues(
    code="fr",
    finite_sg=_forms(_FR_VERBS), finite_pl=_forms(_FR_PLURAL),
    aux_sg=words("a avait"), aux_pl=words("ont avaient"), participles=_forms(_FR_PARTICIPLES),
    aux_gap=2, gap_words=words("aussi encore également ensuite enfin ainsi déjà notamment alors pourtant toutefois "
                               "d'ailleurs aussitôt même"), gap_suffix="ment",
    reflexive=words("agace indigne insurge exclame félicite réjouit inquiète étonne interroge emporte désole défend "
                    "justifie amuse alarme"),
    reflexive_clitics=words("s' se"), verb_particles=frozenset(),
    after_only=frozenset(), sources=(("selon",), ("d'", "après")), postpositions=frozenset(),
    pronouns={"il": "m", "elle": "f"}, source_pronouns={"lui": "m", "elle": "f"},
    plural_pronouns=words("ils elles on"), inverted_pronouns=True, null_subject=False, dash_speech=False,
    determiners={"le": "m", "la": "f", "l'": "", "les": "pl", "un": "m", "une": "f", "ce": "m", "cet": "m",
                 "cette": "f", "ces": "pl", "son": "m", "sa": "f", "ses": "pl", "leur": "", "leurs": "pl",
                 "plusieurs": "pl", "des": "pl"},
    roles=_forms("""ministre ministres président présidente présidents porte-parole maire maires député députée
        députés sénateur sénatrice sénateurs chef cheffe chefs secrétaire secrétaires directeur directrice
        directeurs dirigeant dirigeante dirigeants responsable responsables chancelier chancelière ambassadeur
        ambassadrice commissaire préfet préfète procureur procureure juge avocat avocate avocats expert experte
        experts économiste économistes syndicaliste syndicalistes patron patronne gouverneur gouverneure
        conseiller conseillère élu élue élus candidat candidate professeur professeure chercheur chercheuse
        chercheurs analyste analystes militant militante militants médecin médecins adjoint adjointe pdg
        fondateur fondatrice entraîneur sélectionneur capitaine diplomate diplomates source sources habitant
        habitante habitants témoin témoins délégué déléguée délégués premier-ministre ingénieur ingénieure
        pêcheur pêcheuse commerçant commerçante commerçants vice-président vice-présidente"""),
    role_suffixes=(),
    bodies=_forms("""gouvernement police parquet ministère mairie syndicat syndicats entreprise groupe préfecture
        gendarmerie armée commission opposition quotidien journal hebdomadaire agence chaîne radio"""),
    pre_adjectives=words("ancien ancienne nouveau nouvel nouvelle premier première futur future ex jeune"),
    complement_preps=words("de du des d'"), name_particles=words("de du des d' la le"),
    conjunctions=words("et ou"), function_words=_forms(_FR_FUNCTION), not_names=_forms(_FR_NOT_NAMES),
    noun_suffixes=(), adverb_suffix="ment", locatives=words("à en dans vers depuis du"),
    complementizers=words("que qu'"), elisions=("l", "d", "qu", "n", "s", "c", "j", "m", "t", "jusqu", "lorsqu",
                                                "puisqu", "aujourd"),
    clause_joins=words("et mais puis"),
)

GERMAN = LanguageCues(
    code="de",
    finite_sg=_forms(_DE_VERBS), finite_pl=_forms(_DE_PLURAL),
    aux_sg=words("hat hatte"), aux_pl=words("haben hatten"), participles=_forms(_DE_PARTICIPLES),
    aux_gap=4, gap_words=frozenset(), gap_suffix="",
    reflexive=_forms("ärgert freut beschwert empört wundert sorgt rechtfertigt verteidigt erinnert fragt ärgerte "
                     "freute beschwerte empörte wunderte"),
    reflexive_clitics=words("sich"), verb_particles=words("ein hinzu klar mit an fest zu weiter"),
    after_only=words("so"), sources=(("laut",),), postpositions=words("zufolge"),
    pronouns={"er": "m", "sie": "f"}, source_pronouns={},
    plural_pronouns=words("wir man"), inverted_pronouns=False, null_subject=False, dash_speech=False,
    determiners={"der": "m", "die": "f", "das": "", "den": "m", "dem": "", "des": "", "ein": "", "eine": "f",
                 "einer": "", "einem": "", "eines": "", "mehrere": "pl", "sein": "", "seine": "", "ihr": "",
                 "ihre": ""},
    roles=_forms("""minister ministerin sprecher sprecherin kanzler kanzlerin präsident präsidentin chef chefin
        bürgermeister bürgermeisterin vorsitzende vorsitzender abgeordnete abgeordneter botschafter botschafterin
        experte expertin experten direktor direktorin leiter leiterin sekretär sekretärin politiker politikerin
        anwalt anwältin richter richterin ökonom ökonomin forscher forscherin wissenschaftler wissenschaftlerin
        gewerkschafter gewerkschafterin manager managerin kommissar kommissarin trainer trainerin beauftragte
        beauftragter ermittler ermittlerin zeuge zeugin anwohner anwohnerin"""),
    role_suffixes=("minister", "ministerin", "sprecher", "sprecherin", "kanzler", "kanzlerin", "präsident",
                   "präsidentin", "chef", "chefin", "bürgermeister", "bürgermeisterin", "vorsitzende",
                   "vorsitzender", "politiker", "politikerin", "experte", "expertin", "experten", "direktor",
                   "direktorin", "leiter", "leiterin", "sekretär", "sekretärin", "botschafter", "botschafterin",
                   "forscher", "forscherin", "wissenschaftler", "wissenschaftlerin", "ökonom", "ökonomin",
                   "kommissar", "kommissarin", "beauftragte", "beauftragter", "abgeordnete", "abgeordneter",
                   "meister", "meisterin"),
    bodies=_forms("""regierung polizei ministerium staatsanwaltschaft unternehmen konzern gewerkschaft stadt
        verwaltung behörde bundesregierung landesregierung stadtverwaltung"""),
    pre_adjectives=words("neue neuen neuer frühere früheren ehemalige ehemaligen scheidende scheidenden"),
    complement_preps=words("der des"), name_particles=words("von van zu de"),
    conjunctions=words("und oder"), function_words=_forms(_DE_FUNCTION), not_names=_forms(_DE_NOT_NAMES),
    noun_suffixes=("ung", "heit", "keit", "schaft", "tion", "tät", "ismus", "nahme", "lage", "gruppe"),
    adverb_suffix="", locatives=words("in nach aus bei"), complementizers=words("dass ob"), elisions=(),
    clause_joins=words("und aber"),
)

SPANISH = LanguageCues(
    code="es",
    finite_sg=_forms(_ES_VERBS), finite_pl=_forms(_ES_PLURAL),
    aux_sg=words("ha había"), aux_pl=words("han habían"), participles=_forms(_ES_PARTICIPLES),
    aux_gap=1, gap_words=words("también además ya"), gap_suffix="mente",
    reflexive=words("queja lamenta pregunta justifica defiende felicita indigna alegra sincera"),
    reflexive_clitics=words("se"), verb_particles=frozenset(),
    after_only=frozenset(), sources=(("según",), ("de", "acuerdo", "con")), postpositions=frozenset(),
    pronouns={"él": "m", "ella": "f"}, source_pronouns={"él": "m", "ella": "f"},
    plural_pronouns=words("ellos ellas"), inverted_pronouns=False, null_subject=True, dash_speech=True,
    determiners={"el": "m", "la": "f", "los": "pl", "las": "pl", "un": "m", "una": "f", "unos": "pl",
                 "unas": "pl", "su": "", "sus": "pl", "varios": "pl", "varias": "pl"},
    roles=_forms("""ministro ministra ministros presidente presidenta portavoz portavoces alcalde alcaldesa diputado
        diputada diputados senador senadora jefe jefa secretario secretaria director directora dirigente
        dirigentes responsable responsables canciller embajador embajadora comisario comisaria fiscal juez jueza
        abogado abogada abogados experto experta expertos economista economistas sindicalista gobernador
        gobernadora consejero consejera concejal concejala candidato candidata profesor profesora investigador
        investigadora investigadores analista analistas activista médico médica líder delegado delegada fuente
        fuentes testigo testigos vecino vecina vecinos pescador pescadora comerciante comerciantes ingeniero ingeniera
        entrenador seleccionador capitán vicepresidente
        vicepresidenta"""),
    role_suffixes=(),
    bodies=_forms("""gobierno policía ministerio ayuntamiento sindicato empresa fiscalía diario periódico agencia
        cadena"""),
    pre_adjectives=words("nuevo nueva ex antiguo antigua primer primera"),
    complement_preps=words("de del"), name_particles=words("de del la"),
    conjunctions=words("y e o u"), function_words=_forms(_ES_FUNCTION), not_names=_forms(_ES_NOT_NAMES),
    noun_suffixes=(), adverb_suffix="mente", locatives=words("en a desde hacia"),
    complementizers=words("que"), elisions=(), clause_joins=words("y pero"),
)

ITALIAN = LanguageCues(
    code="it",
    finite_sg=_forms(_IT_VERBS), finite_pl=_forms(_IT_PLURAL),
    aux_sg=words("ha aveva"), aux_pl=words("hanno avevano"), participles=_forms(_IT_PARTICIPLES),
    aux_gap=1, gap_words=words("anche inoltre poi già ancora"), gap_suffix="mente",
    reflexive=words("lamenta chiede domanda difende giustifica sfoga rammarica indigna rallegra interroga"),
    reflexive_clitics=words("si"), verb_particles=frozenset(),
    after_only=frozenset(), sources=(("secondo",), ("stando", "a")), postpositions=frozenset(),
    pronouns={"lui": "m", "lei": "f"}, source_pronouns={"lui": "m", "lei": "f"},
    plural_pronouns=words("loro"), inverted_pronouns=False, null_subject=True, dash_speech=False,
    determiners={"il": "m", "lo": "m", "la": "f", "l'": "", "i": "pl", "gli": "pl", "le": "pl", "un": "m",
                 "uno": "m", "una": "f", "un'": "f", "suo": "m", "sua": "f", "loro": ""},
    roles=_forms("""ministro ministra ministri presidente presidenti premier portavoce sindaco sindaca deputato
        deputata deputati senatore senatrice senatori capo segretario segretaria direttore direttrice dirigente
        dirigenti responsabile responsabili cancelliere ambasciatore ambasciatrice commissario commissaria
        procuratore procuratrice giudice avvocato avvocata avvocati esperto esperta esperti economista
        economisti sindacalista sindacalisti governatore governatrice consigliere consigliera consiglieri
        assessore assessora candidato candidata professore professoressa ricercatore ricercatrice ricercatori
        analista analisti attivista attivisti medico medici leader vicepresidente viceministro fonte fonti
        testimone testimoni allenatore capitano delegato delegata delegati questore prefetto residenti abitanti
        pescatore pescatrice commerciante commercianti ingegnere"""),
    role_suffixes=(),
    bodies=_forms("""governo polizia ministero comune sindacato azienda procura questura quotidiano giornale
        agenzia"""),
    pre_adjectives=words("nuovo nuova ex primo prima neo"),
    complement_preps=words("di del dello della dei degli delle dell'"), name_particles=words("di de del della da d'"),
    conjunctions=words("e ed o"), function_words=_forms(_IT_FUNCTION), not_names=_forms(_IT_NOT_NAMES),
    noun_suffixes=(), adverb_suffix="mente", locatives=words("a in da"),
    complementizers=words("che"),
    elisions=("l", "dell", "all", "nell", "dall", "sull", "un", "quell", "d", "c"), clause_joins=words("e ma"),
)

PORTUGUESE = LanguageCues(
    code="pt",
    finite_sg=_forms(_PT_VERBS), finite_pl=_forms(_PT_PLURAL),
    aux_sg=frozenset(), aux_pl=frozenset(), participles=frozenset(), aux_gap=0, gap_words=frozenset(),
    gap_suffix="",
    reflexive=words("queixa lamenta interroga justifica defende indigna congratula pergunta"),
    reflexive_clitics=frozenset(), verb_particles=frozenset(),
    after_only=frozenset(), sources=(("segundo",), ("de", "acordo", "com"), ("conforme",)),
    postpositions=frozenset(),
    pronouns={"ele": "m", "ela": "f"}, source_pronouns={"ele": "m", "ela": "f"},
    plural_pronouns=words("eles elas"), inverted_pronouns=False, null_subject=True, dash_speech=False,
    determiners={"o": "m", "a": "f", "os": "pl", "as": "pl", "um": "m", "uma": "f", "uns": "pl", "umas": "pl",
                 "seu": "m", "sua": "f"},
    roles=_forms("""ministro ministra ministros presidente presidentes porta-voz prefeito prefeita autarca deputado
        deputada deputados senador senadora chefe secretário secretária diretor diretora dirigente dirigentes
        responsável responsáveis chanceler embaixador embaixadora comissário comissária procurador procuradora
        juiz juíza advogado advogada advogados especialista especialistas economista economistas sindicalista
        governador governadora conselheiro conselheira vereador vereadora candidato candidata professor
        professora investigador investigadora pesquisador pesquisadora analista analistas ativista médico
        médica líder vice-presidente primeiro-ministro primeira-ministra fonte fontes testemunha treinador
        selecionador capitão moradores morador moradora pescador pescadora comerciante delegado delegada
        comerciantes engenheiro engenheira"""),
    role_suffixes=(),
    bodies=_forms("""governo polícia ministério sindicato empresa jornal diário agência"""),
    pre_adjectives=words("novo nova ex antigo antiga"),
    complement_preps=words("de do da dos das"), name_particles=words("da de do dos das"),
    conjunctions=words("e ou"), function_words=_forms(_PT_FUNCTION), not_names=_forms(_PT_NOT_NAMES),
    noun_suffixes=(), adverb_suffix="mente", locatives=words("em no na a"),
    complementizers=words("que"), elisions=(), clause_joins=words("e mas"),
)

LANGUAGES: dict[str, LanguageCues] = {c.code: c for c in (FRENCH, GERMAN, SPANISH, ITALIAN, PORTUGUESE)}
