"""Events told in two or three languages, and different events sharing a place or a person: our own invented text."""
# ruff: noqa: E501  (sample prose keeps one sentence per line)

from __future__ import annotations

from bot.models import Article
from tests.multilingual_samples import FERRY_DE_1, FERRY_FR_1, LIBRARY_DE, LIBRARY_FR, PENSIONS_DE, PENSIONS_FR, article

Pair = tuple[str, str]

FERRY_EN = ("Valmora to open a ferry line to Ostrelle in June", """The town of Valmora announced on Tuesday a new ferry line to the island of Ostrelle.
The first boats will leave the municipal port on 14 June, the town hall said.
The project will cost 12 million euros, partly paid for by the region.
Mayor Claire Dumarais promised a crossing every two hours during the summer.""")
# the same mayor and town, another event
MARKET_IT = ("Valmora, chiuso il mercato coperto dopo un'ispezione", """La sindaca di Valmora, Claire Dumarais, ha ordinato mercoledì la chiusura del mercato coperto della città.
Un'ispezione dei vigili del fuoco ha trovato crepe nel soffitto della sala principale.
I 40 commercianti del mercato venderanno per ora in piazza Garibaldi.
La riapertura non è prevista prima della fine dell'anno.""")

PENSIONS_ES = ("Valdoria quiere retrasar la jubilación de los funcionarios", """El Gobierno de Valdoria presentó el jueves un proyecto para reformar las pensiones de los funcionarios.
La edad de jubilación pasaría de 62 a 64 años hasta 2030, según el ministro de Trabajo, Hugo Ferrand.
Los sindicatos han convocado una huelga para principios de octubre.""")
# the same minister, another event
INSPECTORS_EN = ("Valdoria to hire hundreds of labour inspectors", """The government of Valdoria will hire 300 new labour inspectors next year, the labour minister, Hugo Ferrand, said on Friday.
The inspectors will check building sites and farms, where undeclared work is most common.
The plan will cost 18 million euros a year, according to the ministry.""")

FIRE_DE = ("Großbrand in Chemiewerk von Brennsdorf", """In einem Chemiewerk der Firma Korvex in Brennsdorf ist in der Nacht zum Samstag ein Großbrand ausgebrochen.
Rund 150 Feuerwehrleute kämpften stundenlang gegen die Flammen, zwei Arbeiter wurden leicht verletzt.
Die Behörden forderten die 8.000 Einwohner auf, Fenster und Türen geschlossen zu halten.
Werksleiter Jonas Pfeiler sagte, die Ursache sei noch unklar.""")
FIRE_EN = ("Large fire breaks out at Brennsdorf chemical plant", """A large fire broke out overnight at a chemical plant run by Korvex in the town of Brennsdorf.
About 150 firefighters fought the blaze for hours and two workers suffered minor injuries.
Officials told the 8,000 residents to keep their windows and doors shut.
Plant manager Jonas Pfeiler said the cause was not yet known.""")
FIRE_IT = ("Incendio in un impianto chimico a Brennsdorf", """Un vasto incendio è scoppiato nella notte in uno stabilimento chimico della Korvex a Brennsdorf.
Circa 150 vigili del fuoco hanno lottato per ore contro le fiamme; due operai sono rimasti feriti in modo lieve.
Le autorità hanno chiesto agli 8.000 abitanti di tenere chiuse porte e finestre.
Il direttore dello stabilimento, Jonas Pfeiler, ha detto che la causa non è ancora nota.""")
# the same town, another event
BYPASS_FR = ("Brennsdorf inaugure sa route de contournement", """La commune de Brennsdorf a inauguré dimanche une route de contournement attendue depuis vingt ans.
La nouvelle route de 6 kilomètres doit détourner les camions du centre historique.
Le maire, Anton Reisacher, a salué la fin des embouteillages devant l'école.""")

QUAKE_ES = ("Un terremoto de magnitud 5,4 sacude la región de Costarena", """Un terremoto de magnitud 5,4 sacudió el lunes por la mañana la región de Costarena, en el sur del país.
Según el servicio de emergencias, 3 personas murieron y 27 resultaron heridas en el pueblo de Villabruna.
La gobernadora Inés Montalvo pidió a los vecinos que no vuelvan a las casas dañadas.""")
QUAKE_EN = ("Magnitude 5.4 earthquake hits Costarena region", """An earthquake of magnitude 5.4 struck the Costarena region in the south of the country on Monday morning.
Emergency services said 3 people were killed and 27 injured in the village of Villabruna.
Governor Inés Montalvo urged residents not to return to damaged houses.""")
QUAKE_FR = ("Un séisme de magnitude 5,4 frappe la région de Costarena", """Un séisme de magnitude 5,4 a frappé lundi matin la région de Costarena, dans le sud du pays.
Selon les secours, 3 personnes sont mortes et 27 ont été blessées dans le village de Villabruna.
La gouverneure Inès Montalvo a demandé aux habitants de ne pas regagner les maisons endommagées.""")
# the same region, another event
WINE_DE = ("Weinfest in Costarena erwartet Rekordbesuch", """Das Weinfest der Region Costarena erwartet in diesem Jahr mehr als 40.000 Besucher.
Die Winzer stellen vom Freitag an auf dem Marktplatz von Villabruna ihre neuen Jahrgänge vor.
Die Veranstalter haben wegen des Andrangs zusätzliche Busse bestellt.""")

CYCLING_IT = ("Ricaldi vince la tappa regina del Giro di Sarna", """Matteo Ricaldi ha vinto sabato la tappa regina del Giro di Sarna, con arrivo in salita a Monte Corvo.
Il corridore della squadra Aurelia ha staccato tutti negli ultimi 4 chilometri e ora guida la classifica con 38 secondi di vantaggio.
Domenica si corre l'ultima tappa, una cronometro di 22 chilometri.""")
CYCLING_ES = ("Ricaldi gana la etapa reina del Giro di Sarna", """El italiano Matteo Ricaldi ganó el sábado la etapa reina del Giro di Sarna, con final en alto en Monte Corvo.
El corredor del equipo Aurelia atacó a 4 kilómetros de la meta y ya lidera la general con 38 segundos de ventaja.
El domingo se disputa la última etapa, una contrarreloj de 22 kilómetros.""")
# the same rider, another event
TRANSFER_DE = ("Ricaldi wechselt im nächsten Jahr zu Team Nordlicht", """Der italienische Radprofi Matteo Ricaldi fährt von der kommenden Saison an für das Team Nordlicht.
Er unterschreibt einen Vertrag über drei Jahre, wie der Rennstall am Montag mitteilte.
Über die Höhe des Gehalts wurde nichts bekannt.""")

RATES_DE = ("Norvalische Zentralbank erhöht Leitzins auf 4,25 Prozent", """Die Zentralbank von Norvalien hat ihren Leitzins am Mittwoch um 0,25 Punkte auf 4,25 Prozent angehoben.
Notenbankchefin Elsa Kovanen begründete den Schritt mit einer Inflation von 3,1 Prozent im Oktober.
Es ist die dritte Erhöhung in diesem Jahr.""")
RATES_FR = ("La banque centrale de Norvalie relève son taux à 4,25 %", """La banque centrale de Norvalie a relevé mercredi son taux directeur de 0,25 point, à 4,25 %.
Sa gouverneure, Elsa Kovanen, a justifié cette hausse par une inflation de 3,1 % en octobre.
C'est la troisième hausse depuis janvier.""")
RATES_ES = ("El banco central de Norvalia sube los tipos al 4,25 %", """El banco central de Norvalia subió el miércoles su tipo de interés en 0,25 puntos, hasta el 4,25 %.
La gobernadora, Elsa Kovanen, lo justificó por una inflación del 3,1 % en octubre.
Es la tercera subida del año.""")

THEFT_IT = ("Rubato un dipinto dal Museo Civico di Ardenza", """Ignoti hanno rubato nella notte un dipinto del Settecento dal Museo Civico di Ardenza.
Il quadro, un ritratto attribuito a Lorenzo Vasari Bellini, è valutato 2,5 milioni di euro.
La direttrice del museo, Giulia Santangelo, ha detto che l'allarme non è scattato.""")
THEFT_EN = ("Painting stolen from Ardenza's civic museum", """Thieves stole an eighteenth-century painting from the Civic Museum of Ardenza overnight.
The portrait, attributed to Lorenzo Vasari Bellini, is valued at 2.5 million euros.
The museum's director, Giulia Santangelo, said the alarm did not go off.""")
# the same town, another event
HOSPITAL_ES = ("Ardenza abre una nueva ala de su hospital", """El hospital de Ardenza abrió el martes una nueva ala con 120 camas para pacientes mayores.
La obra costó 14 millones de euros y duró dos años, según la región.
El alcalde, Paolo Ferretti, asistió a la inauguración.""")

# (event, pair, language, outlet, hours after T0): in the order they arrive; singleton events are the hard negatives
SAMPLES: tuple[tuple[str, Pair, str, str, float], ...] = (
    ("ferry", FERRY_FR_1, "fr", "gazette", 0), ("ferry", FERRY_DE_1, "de", "kurier", 2),
    ("ferry", FERRY_EN, "en", "herald", 5), ("market", MARKET_IT, "it", "corriere", 6),
    ("library-fr", LIBRARY_FR, "fr", "depeche", 7), ("library-de", LIBRARY_DE, "de", "anzeiger", 8),
    ("pensions", PENSIONS_FR, "fr", "gazette", 10), ("pensions", PENSIONS_DE, "de", "kurier", 12),
    ("pensions", PENSIONS_ES, "es", "diario", 13), ("inspectors", INSPECTORS_EN, "en", "herald", 14),
    ("fire", FIRE_DE, "de", "anzeiger", 20), ("fire", FIRE_EN, "en", "tribune", 21),
    ("fire", FIRE_IT, "it", "corriere", 23), ("bypass", BYPASS_FR, "fr", "depeche", 24),
    ("quake", QUAKE_ES, "es", "diario", 30), ("quake", QUAKE_EN, "en", "tribune", 31),
    ("quake", QUAKE_FR, "fr", "gazette", 33), ("wine", WINE_DE, "de", "kurier", 34),
    ("cycling", CYCLING_IT, "it", "corriere", 40), ("cycling", CYCLING_ES, "es", "diario", 41),
    ("transfer", TRANSFER_DE, "de", "anzeiger", 44),
    ("rates", RATES_DE, "de", "kurier", 50), ("rates", RATES_FR, "fr", "depeche", 51),
    ("rates", RATES_ES, "es", "diario", 52),
    ("theft", THEFT_IT, "it", "corriere", 60), ("theft", THEFT_EN, "en", "herald", 61),
    ("hospital", HOSPITAL_ES, "es", "diario", 62),
)


# Written after the threshold was set and not used to set anything: a check on text the clusterer was not fitted to.
STRIKE_IT = ("Sciopero dei piloti Skyvela, cancellati 220 voli", """I piloti della compagnia aerea Skyvela hanno iniziato giovedì uno sciopero di 48 ore per chiedere aumenti di stipendio.
Secondo la compagnia, 220 voli sono stati cancellati, soprattutto da e per l'aeroporto di Pontealto.
La sindacalista Marta Ostini ha detto che i piloti sono pronti a trattare.""")
STRIKE_EN = ("Skyvela pilots walk out, 220 flights cancelled", """Pilots at the airline Skyvela began a 48-hour strike on Thursday over pay.
The company said 220 flights had been cancelled, most of them to or from Pontealto airport.
Union official Marta Ostini said the pilots were ready to negotiate.""")
STRIKE_DE = ("Pilotenstreik bei Skyvela: 220 Flüge gestrichen", """Die Piloten der Fluggesellschaft Skyvela haben am Donnerstag einen 48-stündigen Streik für höhere Gehälter begonnen.
Nach Angaben des Unternehmens fielen 220 Flüge aus, vor allem am Flughafen Pontealto.
Gewerkschafterin Marta Ostini sagte, die Piloten seien zu Gesprächen bereit.""")
ROUTE_FR = ("Skyvela ouvrira une ligne vers Lisbonne", """La compagnie Skyvela desservira Lisbonne trois fois par semaine à partir du mois de mars.
Les vols partiront de l'aéroport de Pontealto, a indiqué la direction.
Les billets sont en vente depuis vendredi.""")
FLOOD_FR = ("La Lessa déborde, 1 200 habitants évacués à Moravel", """La rivière Lessa est sortie de son lit dans la nuit de dimanche à lundi et a inondé le centre de Moravel.
Les pompiers ont évacué 1.200 habitants, selon la préfecture.
Le préfet, Olivier Brassac, a annoncé l'ouverture de trois gymnases pour les sinistrés.""")
FLOOD_ES = ("El río Lessa inunda Moravel y obliga a evacuar a 1.200 vecinos", """El río Lessa se desbordó en la madrugada del lunes e inundó el centro de Moravel.
Los bomberos evacuaron a 1.200 vecinos, según la prefectura.
El prefecto, Olivier Brassac, anunció que tres polideportivos acogerán a los afectados.""")
RECALL_EN = ("Lumora recalls 40,000 e-bikes over battery fires", """The bike maker Lumora is recalling 40,000 electric bikes sold since 2024 after several battery fires.
Owners of the Lumora City 3 model should stop charging their bikes, the company said on Wednesday.
Chief executive Daniel Achterberg apologised to customers.""")
RECALL_DE = ("Lumora ruft 40.000 E-Bikes zurück", """Der Fahrradhersteller Lumora ruft wegen mehrerer Akkubrände 40.000 seit 2024 verkaufte E-Bikes zurück.
Besitzer des Modells City 3 sollen ihre Räder nicht mehr laden, teilte Lumora am Mittwoch mit.
Vorstandschef Daniel Achterberg entschuldigte sich bei den Kunden.""")
RECALL_ES = ("Lumora retira 40.000 bicicletas eléctricas por incendios de batería", """El fabricante Lumora retira 40.000 bicicletas eléctricas vendidas desde 2024 tras varios incendios de batería.
Los propietarios del modelo City 3 no deben cargar sus bicicletas, informó la empresa el miércoles.
El consejero delegado, Daniel Achterberg, pidió disculpas a los clientes.""")
FACTORY_IT = ("Lumora apre una fabbrica a Ravenna", """Il produttore di biciclette Lumora aprirà una fabbrica a Ravenna che darà lavoro a 350 persone.
L'amministratore delegato Daniel Achterberg ha firmato l'accordo con la regione martedì.
La produzione dovrebbe iniziare nel 2027.""")

HELD_OUT: tuple[tuple[str, Pair, str, str, float], ...] = (
    ("strike", STRIKE_IT, "it", "corriere", 70), ("strike", STRIKE_EN, "en", "herald", 71),
    ("strike", STRIKE_DE, "de", "kurier", 72), ("route", ROUTE_FR, "fr", "gazette", 73),
    ("flood", FLOOD_FR, "fr", "depeche", 74), ("flood", FLOOD_ES, "es", "diario", 75),
    ("recall", RECALL_EN, "en", "tribune", 76), ("recall", RECALL_DE, "de", "anzeiger", 77),
    ("recall", RECALL_ES, "es", "diario", 78), ("factory", FACTORY_IT, "it", "corriere", 79),
)


def samples(rows: tuple[tuple[str, Pair, str, str, float], ...] = SAMPLES) -> list[tuple[str, Article]]:
    """(event, article) of every sample (or of ``rows``), in arrival order."""
    return [(event, article(pair, language, outlet=outlet, hours=hours)) for event, pair, language, outlet, hours in rows]
