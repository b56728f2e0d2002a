"""Invented reports in French, German, Spanish, Italian and Portuguese for the back-reference, reader-address and
dateline rules (bot/nlp/reference_phrases.py); every place, person and event is made up."""

from __future__ import annotations

from typing import NamedTuple


class Samples(NamedTuple):
    """One language's texts: ``back`` has a back-referring second sentence that a second outlet's report (``other``,
    in its third sentence) supports, so that it scores above every lead; ``reader``
    opens with a feature lede that talks to the reader; ``dateline`` opens with an agency dateline; ``lookalike``
    opens with prose that only looks like a back-reference or like talk to the reader."""

    language: str
    back: str
    other: str
    reader: str
    dateline: str
    dateline_prefix: str
    lookalike: str


SAMPLES: tuple[Samples, ...] = (
    Samples(
        "fr",
        back=(
            "Le maire de Valmora a parlé lundi. "
            "Il a ajouté que le nouveau tramway de Valmora desservira la gare et le port de Valmora dès le mois "
            "de septembre. "
            "Le tramway de Valmora comptera douze stations entre la gare et le port. "
            "Les travaux du tramway ont coûté 240 millions d'euros à la ville de Valmora. "
            "Les commerçants du port attendent le tramway depuis dix ans."
        ),
        other=(
            "Les riverains du quartier nord ont manifesté samedi contre le bruit du chantier. "
            "Une pétition a recueilli près de deux mille signatures en une semaine. "
            "Le nouveau tramway de Valmora desservira la gare et le port dès septembre, selon la mairie."
        ),
        reader=(
            "Imaginez que vous attendiez votre bus pendant une heure chaque matin sous la pluie. "
            "La ville de Valmora a voté mardi un plan qui double le nombre de bus sur ses quatre lignes. "
            "Le plan coûtera 18 millions d'euros et entrera en vigueur en avril."
        ),
        dateline=(
            "VALMORA (AFP) - Le conseil régional a adopté jeudi un budget de 3,2 milliards d'euros pour 2027. "
            "Le vote a été acquis par 41 voix contre 30 après une longue séance."
        ),
        dateline_prefix="VALMORA (AFP) - ",
        lookalike=(
            "Ainsi que le prévoit la loi, le conseil municipal de Valmora se réunira en séance publique le 12 mars. "
            "Il y a dix ans, la même séance avait duré toute une nuit. "
            "La préfecture a confirmé la date de la séance mardi."
        ),
    ),
    Samples(
        "de",
        back=(
            "Der Bürgermeister von Talheim sprach am Montag. "
            "Er fügte hinzu, die neue Straßenbahn von Talheim werde den Bahnhof und den Hafen von Talheim ab "
            "September verbinden. "
            "Die Straßenbahn von Talheim soll zwölf Haltestellen zwischen Bahnhof und Hafen bekommen. "
            "Der Bau der Straßenbahn kostet die Stadt Talheim 240 Millionen Euro. "
            "Die Händler am Hafen warten seit zehn Jahren auf die Straßenbahn."
        ),
        other=(
            "Anwohner im Norden protestierten am Samstag gegen den Baulärm. "
            "Eine Petition sammelte in einer Woche fast zweitausend Unterschriften. "
            "Die neue Straßenbahn von Talheim verbindet ab September den Bahnhof und den Hafen, teilte die Stadt mit."
        ),
        reader=(
            "Wenn Sie morgens eine Stunde im Regen auf Ihren Bus warten, kennen Sie das Problem. "
            "Der Stadtrat von Talheim hat am Dienstag beschlossen, die Zahl der Busse auf vier Linien zu verdoppeln. "
            "Der Plan kostet 18 Millionen Euro und gilt ab April."
        ),
        dateline=(
            "TALHEIM (dpa) - Über den Haushalt von 3,2 Milliarden Euro für 2027 hat der Landtag am Donnerstag "
            "abgestimmt. Die Abstimmung ging nach langer Debatte mit 41 zu 30 Stimmen aus."
        ),
        dateline_prefix="TALHEIM (dpa) - ",
        lookalike=(
            "Die Bürgermeisterin von Talheim hat am Montag angekündigt, dass sie im Herbst nicht erneut antritt. "
            "Sie begründete den Schritt mit ihrer Gesundheit und dankte den Bürgern der Stadt. "
            "Die Wahl findet am 14. Oktober statt."
        ),
    ),
    Samples(
        "es",
        back=(
            "El alcalde de Sierrablanca habló el lunes. "
            "Sin embargo, el nuevo tranvía de Sierrablanca unirá la estación y el puerto de Sierrablanca a partir "
            "de septiembre. "
            "El tranvía de Sierrablanca tendrá doce paradas entre la estación y el puerto. "
            "Las obras del tranvía costaron 240 millones de euros a la ciudad de Sierrablanca. "
            "Los comerciantes del puerto esperan el tranvía desde hace diez años."
        ),
        other=(
            "Los vecinos del barrio norte protestaron el sábado contra el ruido de las obras. "
            "Una petición reunió casi dos mil firmas en una semana. "
            "El nuevo tranvía de Sierrablanca unirá la estación y el puerto en septiembre, según el ayuntamiento."
        ),
        reader=(
            "Si usted espera su autobús una hora cada mañana bajo la lluvia, conoce bien el problema. "
            "El ayuntamiento de Sierrablanca aprobó el martes un plan que duplica los autobuses de sus cuatro líneas. "
            "El plan costará 18 millones de euros y entrará en vigor en abril."
        ),
        dateline=(
            "SIERRABLANCA, 3 mar (EFE).- El parlamento regional aprobó el jueves un presupuesto de 3.200 millones "
            "de euros para 2027. La votación terminó con 41 votos a favor y 30 en contra tras un largo debate."
        ),
        dateline_prefix="SIERRABLANCA, 3 mar (EFE).- ",
        lookalike=(
            "Además de Sierrablanca, otras tres ciudades de la comarca votarán el domingo sus nuevos presupuestos. "
            "Este lunes la junta electoral publicó la lista de los colegios abiertos. "
            "La participación fue del 61 por ciento en la última votación."
        ),
    ),
    Samples(
        "it",
        back=(
            "Il sindaco di Roccaverde ha parlato lunedì. "
            "Ha aggiunto che il nuovo tram di Roccaverde collegherà la stazione e il porto di Roccaverde da "
            "settembre. "
            "Il tram di Roccaverde avrà dodici fermate tra la stazione e il porto. "
            "I lavori del tram sono costati 240 milioni di euro alla città di Roccaverde. "
            "I commercianti del porto aspettano il tram da dieci anni."
        ),
        other=(
            "I residenti del quartiere nord hanno protestato sabato contro il rumore del cantiere. "
            "Una petizione ha raccolto quasi duemila firme in una settimana. "
            "Il nuovo tram di Roccaverde collegherà la stazione e il porto da settembre, secondo il comune."
        ),
        reader=(
            "Immaginate di aspettare il vostro autobus per un'ora ogni mattina sotto la pioggia. "
            "Il consiglio comunale di Roccaverde ha approvato martedì un piano che raddoppia gli autobus delle "
            "quattro linee. Il piano costerà 18 milioni di euro ed entrerà in vigore ad aprile."
        ),
        dateline=(
            "(ANSA) - ROCCAVERDE, 3 MAR - Il consiglio regionale ha approvato giovedì un bilancio di 3,2 miliardi "
            "di euro per il 2027. Il voto è finito 41 a 30 dopo un lungo dibattito."
        ),
        dateline_prefix="(ANSA) - ROCCAVERDE, 3 MAR - ",
        lookalike=(
            "Questa mattina il consiglio comunale di Roccaverde ha approvato il nuovo piano per le piste ciclabili. "
            "Entro marzo saranno aperti i primi quattro chilometri lungo il fiume. "
            "La spesa prevista è di sei milioni di euro."
        ),
    ),
    Samples(
        "pt",
        back=(
            "O presidente da câmara de Vilamar falou na segunda-feira. "
            "No entanto, o novo elétrico de Vilamar vai ligar a estação e o porto de Vilamar a partir de "
            "setembro. "
            "O elétrico de Vilamar terá doze paragens entre a estação e o porto. "
            "As obras do elétrico custaram 240 milhões de euros à cidade de Vilamar. "
            "Os comerciantes do porto esperam o elétrico há dez anos."
        ),
        other=(
            "Os moradores do bairro norte protestaram no sábado contra o ruído das obras. "
            "Uma petição reuniu quase duas mil assinaturas numa semana. "
            "O novo elétrico de Vilamar vai ligar a estação e o porto a partir de setembro, segundo a câmara."
        ),
        reader=(
            "Se você espera o seu autocarro uma hora todas as manhãs debaixo de chuva, conhece bem o problema. "
            "A câmara de Vilamar aprovou na terça-feira um plano que duplica os autocarros das quatro linhas. "
            "O plano custa 18 milhões de euros e entra em vigor em abril."
        ),
        dateline=(
            "Vilamar, 03 mar 2026 (Lusa) - O parlamento regional aprovou na quinta-feira um orçamento de 3,2 mil "
            "milhões de euros para 2027. A votação terminou com 41 votos a favor e 30 contra após um longo debate."
        ),
        dateline_prefix="Vilamar, 03 mar 2026 (Lusa) - ",
        lookalike=(
            "Além de Vilamar, outras três cidades da região votam no domingo os novos orçamentos municipais. "
            "Esta semana a comissão eleitoral publicou a lista das assembleias de voto. "
            "A participação foi de 61 por cento na última votação."
        ),
    ),
)

# single sentences: what the rules must catch, and prose that only looks like it (language, text)
BACK_REFERENCES = (
    ("fr", "Il a ajouté que la ville paierait les travaux du pont."),
    ("fr", "Cependant, le préfet n'a pas encore signé l'arrêté."),
    ("fr", "Cette décision a surpris les élus de l'opposition."),
    ("fr", "Ce dernier a démissionné mardi soir."),
    ("de", "Er fügte hinzu, die Brücke sei sicher."),
    ("de", "Dies geschieht, nachdem der Rat im Mai abgestimmt hat."),
    ("de", "Das sagte der Bürgermeister am Montag vor Journalisten."),
    ("de", "Sie sagte, die Brücke werde im Mai eröffnet."),  # "she", opening the sentence: a pronoun
    ("de", "Außerdem sollen zwei neue Linien entstehen."),
    ("es", "Sin embargo, el alcalde no respondió a las preguntas."),
    ("es", "Además, el puente costará el doble de lo previsto."),
    ("es", "Añadió que las obras empezarán en mayo."),
    ("es", "Esta decisión sorprendió a la oposición."),
    ("it", "Tuttavia, il sindaco non ha risposto alle domande."),
    ("it", "Ha aggiunto che i lavori inizieranno a maggio."),
    ("it", "Quest'ultimo ha lasciato l'incarico martedì."),
    ("pt", "No entanto, o presidente não respondeu às perguntas."),
    ("pt", "Além disso, a ponte vai custar o dobro do previsto."),
    ("pt", "Acrescentou que as obras começam em maio."),
    ("pt", "Ele disse que a ponte abre em junho."),
)
NOT_BACK_REFERENCES = (
    ("fr", "Ainsi que le prévoit la loi, le conseil se réunira lundi."),
    ("fr", "Il y a dix ans, la ville comptait deux ponts."),
    ("fr", "Cette semaine, le conseil a voté le budget."),
    ("fr", "Ces derniers mois, les loyers ont augmenté de 8 %."),
    ("fr", "Alors que la ville dort, les trains de fret traversent le centre."),
    ("de", "Das Parlament stimmte am Montag zu."),
    ("de", "Das neue Gesetz gilt ab Mai in allen Gemeinden."),
    ("de", "Diese Woche tagt der Rat zweimal."),
    ("de", "Erst am Montag tagte der Rat zum ersten Mal."),
    ("es", "Además de Sierrablanca, otras ciudades votaron el domingo."),
    ("es", "Este lunes el consejo aprobó la ley de aguas."),
    ("es", "Tal y como anunció el alcalde, la obra empezará en mayo."),
    ("es", "Luego de la votación, el consejo levantó la sesión."),
    ("it", "Questa mattina il consiglio ha votato il bilancio."),
    ("it", "Quest'anno il bilancio cresce del 4 per cento."),
    ("it", "Entro marzo il ponte sarà pronto."),
    ("it", "Sui social la notizia è circolata in poche ore."),
    ("pt", "Além de Vilamar, outras cidades votaram no domingo."),
    ("pt", "Esta semana o conselho votou a lei das águas."),
    ("pt", "Assim como em 2020, a cidade votou contra o plano."),
)
TO_READER = (
    ("fr", "Imaginez que vous preniez le train de nuit pour Valmora."),
    ("fr", "Pensez-vous que le tram arrivera à l'heure ?"),
    ("fr", "Si vous habitez le centre, votre loyer va augmenter."),
    ("de", "Wenn Sie am Montag fahren, brauchen Sie ein neues Ticket."),
    ("de", "Haben Sie Ihren Antrag schon gestellt?"),
    ("de", "Stell dir vor, der Bus kommt pünktlich."),
    ("es", "Si usted viaja en mayo, necesitará un billete nuevo."),
    ("es", "Imagine que su tren llega con dos horas de retraso."),
    ("it", "Immaginate di prendere il treno alle sei del mattino."),
    ("it", "Se tu prendi il treno, paghi meno."),
    ("pt", "Se você viaja em maio, precisa de um bilhete novo."),
    ("pt", "Imagine que o seu comboio chega com duas horas de atraso."),
)
NOT_TO_READER = (
    ("fr", "Le maire a fixé un rendez-vous avec les syndicats lundi."),
    ("fr", "« Vous verrez la différence », a promis le maire aux habitants."),
    ("de", "Sie sagte, die Brücke werde im Mai eröffnet."),  # "she"
    ("de", "Am Montag kündigte sie an, dass sie zurücktritt."),
    ("de", "Die Ministerin sagte: Sie werde im Amt bleiben."),  # "she", after a colon
    ("de", "Ihr Mann sagte, sie sei in Talheim geblieben."),  # "her husband"
    ("de", "„Sie werden staunen“, sagte der Bürgermeister."),  # quoted
    ("es", "El alcalde dijo que su ciudad está lista para la feria."),
    ("es", "«Usted no sabe lo que dice», respondió la concejala."),
    ("it", "Il sindaco ha detto che vi sono nuovi fondi per le scuole."),
    ("pt", "O prefeito disse que os bilhetes sobem em maio."),
    ("pt", "\u201cVocê não entende\u201d, respondeu a vereadora ao deputado."),
)
DATELINES = (
    ("fr", "PARIS (AFP) - Le gouvernement a adopté le texte mardi.", "PARIS (AFP) - "),
    ("fr", "SAINT-ÉTIENNE, 3 mars (AFP) - La ville a voté le budget.", "SAINT-ÉTIENNE, 3 mars (AFP) - "),
    ("de", "BERLIN (dpa) - Der Senat hat das Gesetz beschlossen.", "BERLIN (dpa) - "),
    ("de", "Frankfurt am Main (dpa/lhe) - Die Stadt hat den Plan beschlossen.", "Frankfurt am Main (dpa/lhe) - "),
    ("es", "MADRID, 3 mar (EFE).- El Gobierno aprobó la ley el lunes.", "MADRID, 3 mar (EFE).- "),
    ("es", "MADRID, 3 (EUROPA PRESS) - El Gobierno aprobó la ley.", "MADRID, 3 (EUROPA PRESS) - "),
    ("it", "(ANSA) - ROMA, 3 MAR - Il governo ha approvato il decreto.", "(ANSA) - ROMA, 3 MAR - "),
    ("pt", "SÃO PAULO, 3 de março (Reuters) - O governo aprovou a lei.", "SÃO PAULO, 3 de março (Reuters) - "),
    ("pt", "Lisboa, 03 mar 2026 (Lusa) - O Governo aprovou hoje a lei.", "Lisboa, 03 mar 2026 (Lusa) - "),
)
NOT_DATELINES = (
    ("fr", "Paris - Le gouvernement a adopté le texte mardi."),  # no agency, not in capitals: as in English
    ("fr", "Le gouvernement a adopté le texte - enfin - mardi soir."),
    ("es", "El Gobierno aprobó la ley (por fin) - dijo el ministro."),
)
