"""Hand-written paragraphs (a fictional port town, Valmorin) with the direct quotations a reader finds in them.

Written for these tests, in French, German, Spanish, Italian and Portuguese; no news text copied. ``DEV`` was written
alongside the rules; ``FRESH`` was written after them and measured once before any change (docs/QUALITY.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Expect:
    """One attribution a reader finds: canonical speaker, cue as written, the quotation with its marks, role."""

    speaker: str
    cue: str
    content: str
    role: str | None = None
    left_out: str = ""  # why the rules do not find it (out of their scope), when they do not


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    language: str
    text: str
    expected: tuple[Expect, ...] = ()  # empty: nothing may be found


DEV: tuple[Case, ...] = (
    # French
    Case("fr-inverted-and-pronoun", "fr",
         "Le pont de Valmorin a rouvert lundi après six semaines de travaux. « Nous avons tenu nos délais », a "
         "déclaré la maire Claire Morel devant les habitants. « Les camions devront attendre encore un mois », "
         "a-t-elle ajouté.",
         (Expect("Claire Morel", "a déclaré", "« Nous avons tenu nos délais »", "maire"),
          Expect("Claire Morel", "a-t-elle ajouté", "« Les camions devront attendre encore un mois »", "maire"))),
    Case("fr-cue-first-multi-sentence", "fr",
         "Le ministre des Transports, Paul Girard, a affirmé mardi à Valmorin : « L'État paiera la moitié du "
         "chantier. Le reste viendra de la région. »",
         (Expect("Paul Girard", "a affirmé",
                 "« L'État paiera la moitié du chantier. Le reste viendra de la région. »",
                 "ministre des Transports"),)),
    Case("fr-selon-outlet-and-organisation", "fr",
         "« Le trafic a baissé de moitié », selon la Chambre de commerce. D'après le quotidien Le Courrier, « trois "
         "entreprises ont déjà fermé ».",
         (Expect("Chambre de commerce", "selon", "« Le trafic a baissé de moitié »"),
          Expect("Le Courrier", "D'après", "« trois entreprises ont déjà fermé »", "quotidien"))),
    Case("fr-nested-and-apposition", "fr",
         "« Quand le préfet m'a dit “pas avant l'été”, j'ai cru à une blague », raconte Luc Bernard, patron d'une "
         "boulangerie du port.",
         (Expect("Luc Bernard", "raconte", "« Quand le préfet m'a dit “pas avant l'été”, j'ai cru à une blague »",
                 "patron d'une boulangerie du port"),)),
    Case("fr-incise-inside-guillemets", "fr",
         "« Ce pont, explique l'ingénieure Sophie Lambert, a été conçu pour durer un siècle. »",
         (Expect("Sophie Lambert", "explique",
                 "« Ce pont, explique l'ingénieure Sophie Lambert, a été conçu pour durer un siècle. »",
                 "ingénieure"),)),
    Case("fr-quotation-resumes", "fr",
         "« Nous ne lâcherons rien », a déclaré Paul Girard. « Le port vivra. »",
         (Expect("Paul Girard", "a déclaré",
                 "« Nous ne lâcherons rien », a déclaré Paul Girard. « Le port vivra. »"),)),
    Case("fr-pronoun-with-a-rival-name", "fr",
         "« Nous ne lâcherons rien », a déclaré Paul Girard. Le député Marc Vidal a quitté la salle peu après. "
         "« C'est une erreur », a-t-il lancé.",
         (Expect("Paul Girard", "a déclaré", "« Nous ne lâcherons rien »"),)),
    Case("fr-pronoun-after-someone-else-is-mentioned", "fr",
         "« Nous ne lâcherons rien », a déclaré Paul Girard. Le député a quitté la salle. « C'est une erreur », "
         "a-t-il lancé. « Pourquoi pas ? », a demandé un habitant. Il a déclaré : « Je pars. »",
         (Expect("Paul Girard", "a déclaré", "« Nous ne lâcherons rien »"),)),
    Case("fr-surname-takes-the-full-name", "fr",
         "Le président Émile Fournier est arrivé à Valmorin en fin de matinée. Il a salué les ouvriers. "
         "Fournier a déclaré : « Ce chantier est une fierté pour tout le pays. »",
         (Expect("Émile Fournier", "a déclaré", "« Ce chantier est une fierté pour tout le pays. »", "président"),)),
    Case("fr-no-cue-scare-quotes-titles-indirect", "fr",
         "Le « grand débat » sur le pont s'est terminé sans accord. Au cinéma, « Les Enfants du port » fait salle "
         "comble. Sur les murs de la mairie, on pouvait lire « Rendez-nous notre pont ». Le maire a déclaré que la "
         "ville porterait plainte. Paul Girard a dit « non » à la réforme."),
    # German
    Case("de-inverted-and-pronoun", "de",
         "Die Fähre nach Valmorin fährt seit Montag wieder. „Wir sind erleichtert“, sagte der Hafenmeister Jens "
         "Albrecht am Morgen. „Die letzten Wochen waren hart“, fügte er hinzu.",
         (Expect("Jens Albrecht", "sagte", "„Wir sind erleichtert“", "Hafenmeister"),
          Expect("Jens Albrecht", "fügte", "„Die letzten Wochen waren hart“", "Hafenmeister"))),
    Case("de-cue-first-speaker-after-verb", "de",
         "Dazu erklärte die Verkehrsministerin Katrin Weber am Dienstag in Valmorin: „Der Bund übernimmt die Hälfte "
         "der Kosten. Den Rest zahlt das Land.“",
         (Expect("Katrin Weber", "erklärte", "„Der Bund übernimmt die Hälfte der Kosten. Den Rest zahlt das Land.“",
                 "Verkehrsministerin"),)),
    Case("de-so-laut-and-guillemets", "de",
         "»Der Umsatz ist um die Hälfte eingebrochen«, so der Händlerverband. Laut Hafenbehörde: »Die Fahrrinne ist "
         "wieder frei.«",
         (Expect("Händlerverband", "so", "»Der Umsatz ist um die Hälfte eingebrochen«"),
          Expect("Hafenbehörde", "Laut", "»Die Fahrrinne ist wieder frei.«"))),
    Case("de-nested-and-role-noun", "de",
         "„Als der Minister ‚nächste Woche‘ sagte, haben wir gelacht“, erzählte die Fischerin Marta Hansen.",
         (Expect("Marta Hansen", "erzählte", "„Als der Minister ‚nächste Woche‘ sagte, haben wir gelacht“",
                 "Fischerin"),)),
    Case("de-pronoun-gender-does-not-fit", "de",
         "„Wir bleiben“, sagte der Hafenmeister Jens Albrecht. „Ich auch“, sagte sie.",
         (Expect("Jens Albrecht", "sagte", "„Wir bleiben“", "Hafenmeister"),)),
    Case("de-pronoun-after-the-verb-and-a-separable-verb", "de",
         "„Wir bleiben hier“, stellte der Hafenmeister Jens Albrecht klar. Später sagte er: „Der Kai gehört uns.“",
         (Expect("Jens Albrecht", "stellte", "„Wir bleiben hier“", "Hafenmeister"),
          Expect("Jens Albrecht", "sagte", "„Der Kai gehört uns.“", "Hafenmeister"))),
    Case("de-no-cue-scare-quotes-titles-indirect", "de",
         "Die „Zeitenwende“ im Hafen lässt auf sich warten. Im Kino läuft „Der letzte Fischer“. Auf einem Plakat "
         "stand „Unsere Brücke, unser Geld“. Der Bürgermeister sagte, die Stadt werde klagen."),
    # Spanish
    Case("es-inverted-and-no-subject", "es",
         "El puerto de Valmorin reabrió el lunes tras seis semanas de obras. «Hemos cumplido los plazos», dijo la "
         "alcaldesa Elena Ruiz a los vecinos. «Los camiones tendrán que esperar un mes más», añadió.",
         (Expect("Elena Ruiz", "dijo", "«Hemos cumplido los plazos»", "alcaldesa"),
          Expect("Elena Ruiz", "añadió", "«Los camiones tendrán que esperar un mes más»", "alcaldesa"))),
    Case("es-cue-first-multi-sentence", "es",
         "El ministro de Transportes, Andrés Vidal, aseguró el martes en Valmorin: «El Estado pagará la mitad de la "
         "obra. El resto lo pondrá la región».",
         (Expect("Andrés Vidal", "aseguró", "«El Estado pagará la mitad de la obra. El resto lo pondrá la región»",
                 "ministro de Transportes"),)),
    Case("es-segun-outlet-and-organisation", "es",
         "«Las ventas han caído a la mitad», según la Cámara de Comercio. Según el diario El Faro, «tres empresas ya "
         "han cerrado».",
         (Expect("Cámara de Comercio", "según", "«Las ventas han caído a la mitad»"),
          Expect("El Faro", "Según", "«tres empresas ya han cerrado»", "diario"))),
    Case("es-dialogue-dash", "es",
         "—No vamos a rendirnos —dijo el portavoz de la cofradía, Tomás Gil—. El mar es nuestra vida.",
         (Expect("Tomás Gil", "dijo", "No vamos a rendirnos —dijo el portavoz de la cofradía, Tomás Gil—. El mar es "
                 "nuestra vida.", "portavoz de la cofradía"),)),
    Case("es-nested-and-dash-incise", "es",
         "«Cuando el delegado dijo \"después del verano\", pensamos que era broma —contó la vecina Rosa Díaz—, pero "
         "no lo era».",
         (Expect("Rosa Díaz", "contó", "«Cuando el delegado dijo \"después del verano\", pensamos que era broma "
                 "—contó la vecina Rosa Díaz—, pero no lo era»", "vecina"),)),
    Case("es-role-refers-back-to-the-named-minister", "es",
         "La ministra de Hacienda, María Gómez, visitó el puerto. «No hay margen», ha señalado la ministra. «Lo "
         "siento», ha añadido.",
         (Expect("María Gómez", "ha señalado", "«No hay margen»", "ministra de Hacienda"),
          Expect("María Gómez", "ha añadido", "«Lo siento»", "ministra de Hacienda"))),
    Case("es-no-cue-scare-quotes-titles-indirect", "es",
         "El «gran debate» sobre el puerto terminó sin acuerdo. En el cine se estrena «El último pescador». En una "
         "pancarta se leía «Devolvednos el puente». El alcalde dijo que la ciudad irá a los tribunales. «Cien años "
         "de soledad» dice en su prólogo mucho de su autor."),
    # Italian
    Case("it-inverted-and-no-subject", "it",
         "Il porto di Valmorin ha riaperto lunedì dopo sei settimane di lavori. «Abbiamo rispettato i tempi», ha "
         "detto la sindaca Chiara Conti ai residenti. «I camion dovranno aspettare ancora un mese», ha aggiunto.",
         (Expect("Chiara Conti", "ha detto", "«Abbiamo rispettato i tempi»", "sindaca"),
          Expect("Chiara Conti", "ha aggiunto", "«I camion dovranno aspettare ancora un mese»", "sindaca"))),
    Case("it-cue-first-multi-sentence", "it",
         "Il ministro dei Trasporti Marco Ferri ha dichiarato martedì a Valmorin: «Lo Stato pagherà metà dell'opera. "
         "Il resto lo metterà la regione».",
         (Expect("Marco Ferri", "ha dichiarato", "«Lo Stato pagherà metà dell'opera. Il resto lo metterà la regione»",
                 "ministro dei Trasporti"),)),
    Case("it-secondo-outlet-and-organisation", "it",
         "«Le vendite sono crollate della metà», secondo la Camera di commercio. Secondo il quotidiano Il Faro, «tre "
         "aziende hanno già chiuso».",
         (Expect("Camera di commercio", "secondo", "«Le vendite sono crollate della metà»"),
          Expect("Il Faro", "Secondo", "«tre aziende hanno già chiuso»", "quotidiano"))),
    Case("it-nested", "it",
         "«Quando il prefetto ci ha detto “dopo l'estate”, abbiamo riso», racconta il pescatore Luca Neri.",
         (Expect("Luca Neri", "racconta", "«Quando il prefetto ci ha detto “dopo l'estate”, abbiamo riso»",
                 "pescatore"),)),
    Case("it-no-cue-scare-quotes-titles-indirect", "it",
         "Il «grande dibattito» sul porto si è chiuso senza accordo. Al cinema esce «L'ultimo pescatore». Su uno "
         "striscione si leggeva «Ridateci il ponte». Il sindaco ha detto che il comune farà ricorso."),
    # Portuguese
    Case("pt-inverted-and-pronoun", "pt",
         "O porto de Valmorin reabriu na segunda-feira após seis semanas de obras. \"Cumprimos os prazos\", disse a "
         "presidente da câmara, Inês Rocha, aos moradores. \"Os camiões terão de esperar mais um mês\", acrescentou "
         "ela.",
         (Expect("Inês Rocha", "disse", "\"Cumprimos os prazos\"", "presidente da câmara"),
          Expect("Inês Rocha", "acrescentou", "\"Os camiões terão de esperar mais um mês\"", "presidente da câmara"))),
    Case("pt-cue-first-multi-sentence", "pt",
         "O ministro das Infraestruturas, Rui Matos, afirmou na terça-feira em Valmorin: \"O Estado pagará metade da "
         "obra. O resto virá da região.\"",
         (Expect("Rui Matos", "afirmou", "\"O Estado pagará metade da obra. O resto virá da região.\"",
                 "ministro das Infraestruturas"),)),
    Case("pt-segundo-outlet-and-organisation", "pt",
         "\"As vendas caíram para metade\", segundo a Associação Comercial. De acordo com o jornal O Farol, \"três "
         "empresas já fecharam\".",
         (Expect("Associação Comercial", "segundo", "\"As vendas caíram para metade\""),
          Expect("O Farol", "De acordo com", "\"três empresas já fecharam\"", "jornal"))),
    Case("pt-nested-guillemets", "pt",
         "«Quando o delegado disse “depois do verão”, pensámos que era piada», contou o pescador Rui Lopes.",
         (Expect("Rui Lopes", "contou", "«Quando o delegado disse “depois do verão”, pensámos que era piada»",
                 "pescador"),)),
    Case("pt-no-cue-scare-quotes-titles-indirect", "pt",
         "O \"grande debate\" sobre o porto terminou sem acordo. No cinema estreia \"O Último Pescador\". Numa faixa "
         "lia-se \"Devolvam-nos a ponte\". O presidente disse que a câmara vai recorrer."),
)

NO_VERB = "no verb of saying before the colon (\"a été claire :\", \"fue tajante:\"): left to the reader"
NO_SPEAKER_BEFORE = "the pronoun (or missing subject) refers to a person named but not quoted before"

# Written after the rules, measured once before any change (docs/QUALITY.md): what a reader attributes, including
# forms the rules leave out on purpose (no verb of saying, a reflexive verb, an adjective before the role).
FRESH: tuple[Case, ...] = (
    Case("fr-fresh-strike", "fr",
         "La grève des dockers de Valmorin entre dans sa deuxième semaine. « Nous ne reprendrons pas le travail sans "
         "un accord écrit », prévient Karim Haddad, délégué syndical. La direction du port, elle, se dit ouverte au "
         "dialogue. « Notre porte reste ouverte », assure son directeur, Olivier Lemaire.",
         (Expect("Karim Haddad", "prévient", "« Nous ne reprendrons pas le travail sans un accord écrit »",
                 "délégué syndical"),
          Expect("Olivier Lemaire", "assure", "« Notre porte reste ouverte »", "directeur"))),
    Case("fr-fresh-prefect", "fr",
         "Interrogée mardi sur Radio Valmorin, la préfète Nathalie Brun a été claire : « L'État ne cédera pas au "
         "chantage. » Elle a ensuite ajouté : « Mais personne ne sera sanctionné. »",
         (Expect("Nathalie Brun", "a été claire", "« L'État ne cédera pas au chantage. »", "préfète", NO_VERB),
          Expect("Nathalie Brun", "a ensuite ajouté", "« Mais personne ne sera sanctionné. »", "préfète",
                 NO_SPEAKER_BEFORE))),
    Case("fr-fresh-cafe", "fr",
         "« On nous a promis des aides en juin, on attend toujours », s'agace Martine Leroy, qui tient un café sur "
         "le quai.",
         (Expect("Martine Leroy", "s'agace", "« On nous a promis des aides en juin, on attend toujours »"),)),
    Case("fr-fresh-negatives", "fr",
         "Le film « La Mer à boire » sera projeté samedi sur le port. Les habitants parlent déjà d'un « été noir ». "
         "Dans sa lettre, intitulée « Pour Valmorin », le maire ne cite aucun chiffre. Un porte-parole a indiqué "
         "que toutes les options restaient sur la table."),
    Case("fr-fresh-engineer", "fr",
         "« Le chantier a pris du retard à cause des pluies », a reconnu l'ingénieur en chef, Bruno Faure. « Nous "
         "rattraperons ce retard d'ici Noël. »\n« Et le budget ? », lui a-t-on demandé. « Il sera tenu », a-t-il "
         "répondu.",
         (Expect("Bruno Faure", "a reconnu", "« Le chantier a pris du retard à cause des pluies », a reconnu "
                 "l'ingénieur en chef, Bruno Faure. « Nous rattraperons ce retard d'ici Noël. »", "ingénieur en chef"),
          Expect("Bruno Faure", "a-t-il répondu", "« Il sera tenu »", "ingénieur en chef"))),
    Case("de-fresh-strike", "de",
         "Der Streik der Hafenarbeiter in Valmorin geht in die zweite Woche. „Ohne schriftliche Zusage arbeiten wir "
         "nicht weiter“, warnte Gewerkschaftssekretär Karim Haddad. Die Hafenleitung gibt sich gesprächsbereit. "
         "„Unsere Tür steht offen“, versicherte ihr Direktor Oliver Lehmann.",
         (Expect("Karim Haddad", "warnte", "„Ohne schriftliche Zusage arbeiten wir nicht weiter“",
                 "Gewerkschaftssekretär"),
          Expect("Oliver Lehmann", "versicherte", "„Unsere Tür steht offen“", "Direktor"))),
    Case("de-fresh-prefect", "de",
         "Die Präfektin Nathalie Braun sagte am Dienstag im Radio: „Der Staat lässt sich nicht erpressen.“ Später "
         "fügte sie hinzu: „Bestraft wird aber niemand.“",
         (Expect("Nathalie Braun", "sagte", "„Der Staat lässt sich nicht erpressen.“", "Präfektin"),
          Expect("Nathalie Braun", "fügte", "„Bestraft wird aber niemand.“", "Präfektin"))),
    Case("de-fresh-cafe", "de",
         "„Man hat uns Hilfen für Juni versprochen, wir warten immer noch“, ärgert sich Martina Lorenz, die ein Café "
         "am Kai betreibt.",
         (Expect("Martina Lorenz", "ärgert sich", "„Man hat uns Hilfen für Juni versprochen, wir warten immer "
                 "noch“"),)),
    Case("de-fresh-negatives", "de",
         "Der Film „Das Meer trinken“ läuft am Samstag am Hafen. Anwohner sprechen schon von einem „schwarzen "
         "Sommer“. In seinem Brief mit dem Titel „Für Valmorin“ nennt der Bürgermeister keine Zahlen. Ein Sprecher "
         "sagte, man prüfe alle Optionen."),
    Case("de-fresh-engineer", "de",
         "„Die Baustelle hat sich wegen des Regens verzögert“, räumte der leitende Ingenieur Bruno Faber ein. „Bis "
         "Weihnachten holen wir das auf.“ Auf die Frage nach den Kosten sagte er: „Das Budget wird eingehalten.“",
         (Expect("Bruno Faber", "räumte", "„Die Baustelle hat sich wegen des Regens verzögert“, räumte der leitende "
                 "Ingenieur Bruno Faber ein. „Bis Weihnachten holen wir das auf.“", "leitende Ingenieur"),
          Expect("Bruno Faber", "sagte", "„Das Budget wird eingehalten.“", "leitende Ingenieur"))),
    Case("es-fresh-strike", "es",
         "La huelga de los estibadores de Valmorin cumple su segunda semana. «No volveremos al trabajo sin un acuerdo "
         "por escrito», advirtió Karim Haddad, delegado sindical. La dirección del puerto se muestra abierta al "
         "diálogo. «Nuestra puerta sigue abierta», aseguró su director, Óscar Lemus.",
         (Expect("Karim Haddad", "advirtió", "«No volveremos al trabajo sin un acuerdo por escrito»",
                 "delegado sindical"),
          Expect("Óscar Lemus", "aseguró", "«Nuestra puerta sigue abierta»", "director"))),
    Case("es-fresh-delegate", "es",
         "La delegada del Gobierno, Natalia Bravo, fue tajante en la radio: «El Estado no cederá al chantaje». "
         "Después añadió: «Pero nadie será sancionado».",
         (Expect("Natalia Bravo", "fue tajante", "«El Estado no cederá al chantaje»", "delegada del Gobierno",
                 NO_VERB),
          Expect("Natalia Bravo", "añadió", "«Pero nadie será sancionado»", "delegada del Gobierno",
                 NO_SPEAKER_BEFORE))),
    Case("es-fresh-cafe", "es",
         "—Nos prometieron ayudas en junio y seguimos esperando —se queja Marta León, que regenta un café en el "
         "muelle—. Nadie nos llama.",
         (Expect("Marta León", "se queja", "Nos prometieron ayudas en junio y seguimos esperando —se queja Marta "
                 "León, que regenta un café en el muelle—. Nadie nos llama."),)),
    Case("es-fresh-negatives", "es",
         "La película «Beber el mar» se proyectará el sábado en el puerto. Los vecinos ya hablan de un «verano "
         "negro». En su carta, titulada «Por Valmorin», el alcalde no da cifras. Un portavoz dijo que estudian "
         "todas las opciones."),
    Case("es-fresh-engineer", "es",
         "«La obra se ha retrasado por las lluvias», reconoció el ingeniero jefe, Bruno Ferrer. «Recuperaremos el "
         "retraso antes de Navidad». Preguntado por el presupuesto, respondió: «Se cumplirá».",
         (Expect("Bruno Ferrer", "reconoció", "«La obra se ha retrasado por las lluvias», reconoció el ingeniero "
                 "jefe, Bruno Ferrer. «Recuperaremos el retraso antes de Navidad»", "ingeniero jefe"),
          Expect("Bruno Ferrer", "respondió", "«Se cumplirá»", "ingeniero jefe"))),
    Case("it-fresh-strike", "it",
         "Lo sciopero dei portuali di Valmorin entra nella seconda settimana. «Non torneremo al lavoro senza un "
         "accordo scritto», avverte Karim Haddad, delegato sindacale. La direzione del porto si dice aperta al "
         "dialogo. «La nostra porta resta aperta», assicura il direttore Oscar Lemmi.",
         (Expect("Karim Haddad", "avverte", "«Non torneremo al lavoro senza un accordo scritto»",
                 "delegato sindacale"),
          Expect("Oscar Lemmi", "assicura", "«La nostra porta resta aperta»", "direttore"))),
    Case("it-fresh-prefect", "it",
         "La prefetta Natalia Bruni è stata netta in radio: «Lo Stato non cederà al ricatto». Poi ha aggiunto: «Ma "
         "nessuno sarà punito».",
         (Expect("Natalia Bruni", "è stata netta", "«Lo Stato non cederà al ricatto»", "prefetta", NO_VERB),
          Expect("Natalia Bruni", "ha aggiunto", "«Ma nessuno sarà punito»", "prefetta", NO_SPEAKER_BEFORE))),
    Case("it-fresh-cafe", "it",
         "«Ci avevano promesso aiuti a giugno e stiamo ancora aspettando», si lamenta Marta Leoni, che gestisce un "
         "bar sul molo.",
         (Expect("Marta Leoni", "si lamenta", "«Ci avevano promesso aiuti a giugno e stiamo ancora aspettando»"),)),
    Case("it-fresh-negatives", "it",
         "Il film «Bere il mare» sarà proiettato sabato al porto. I residenti parlano già di un'«estate nera». Nella "
         "sua lettera, intitolata «Per Valmorin», il sindaco non dà cifre. Un portavoce ha detto che si valutano "
         "tutte le opzioni."),
    Case("it-fresh-engineer", "it",
         "«Il cantiere ha accumulato ritardo per le piogge», ha ammesso l'ingegnere capo Bruno Ferri. «Recupereremo "
         "entro Natale». Alla domanda sui costi, ha risposto: «Il budget sarà rispettato».",
         (Expect("Bruno Ferri", "ha ammesso", "«Il cantiere ha accumulato ritardo per le piogge», ha ammesso "
                 "l'ingegnere capo Bruno Ferri. «Recupereremo entro Natale»", "ingegnere capo"),
          Expect("Bruno Ferri", "ha risposto", "«Il budget sarà rispettato»", "ingegnere capo"))),
    Case("pt-fresh-strike", "pt",
         "A greve dos estivadores de Valmorin entra na segunda semana. \"Não voltaremos ao trabalho sem um acordo "
         "escrito\", avisou Karim Haddad, dirigente sindical. A administração do porto diz-se aberta ao diálogo. "
         "\"A nossa porta continua aberta\", garantiu o seu diretor, Óscar Lemos.",
         (Expect("Karim Haddad", "avisou", "\"Não voltaremos ao trabalho sem um acordo escrito\"",
                 "dirigente sindical"),
          Expect("Óscar Lemos", "garantiu", "\"A nossa porta continua aberta\"", "diretor"))),
    Case("pt-fresh-prefect", "pt",
         "A prefeita Natália Brito foi clara na rádio: \"O Estado não cederá à chantagem.\" Depois acrescentou: "
         "\"Mas ninguém será punido.\"",
         (Expect("Natália Brito", "foi clara", "\"O Estado não cederá à chantagem.\"", "prefeita", NO_VERB),
          Expect("Natália Brito", "acrescentou", "\"Mas ninguém será punido.\"", "prefeita", NO_SPEAKER_BEFORE))),
    Case("pt-fresh-cafe", "pt",
         "«Prometeram-nos apoios em junho e continuamos à espera», queixa-se Marta Leão, que gere um café no cais.",
         (Expect("Marta Leão", "queixa-se", "«Prometeram-nos apoios em junho e continuamos à espera»"),)),
    Case("pt-fresh-negatives", "pt",
         "O filme \"Beber o Mar\" será exibido no sábado no porto. Os moradores já falam de um \"verão negro\". Na "
         "sua carta, intitulada \"Por Valmorin\", o presidente da câmara não apresenta números. Um porta-voz disse "
         "que estão a estudar todas as opções."),
    Case("pt-fresh-engineer", "pt",
         "\"A obra atrasou por causa das chuvas\", admitiu o engenheiro-chefe, Bruno Faria. \"Vamos recuperar até "
         "ao Natal.\" Questionado sobre os custos, respondeu: \"O orçamento será cumprido.\"",
         (Expect("Bruno Faria", "admitiu", "\"A obra atrasou por causa das chuvas\", admitiu o engenheiro-chefe, "
                 "Bruno Faria. \"Vamos recuperar até ao Natal.\"", "engenheiro-chefe"),
          Expect("Bruno Faria", "respondeu", "\"O orçamento será cumprido.\"", "engenheiro-chefe"))),
)
