"""Hand-written paragraphs (Valmorin again) for the as-clause ("wie X sagte", "comme l'a indiqué X"), Konjunktiv I
and institution-and-person rules of bot/nlp/reported_forms.py, in the shape of tests/quotes/reported_samples.py.

Both sets were written after those rules were done and run once before any change (docs/QUALITY.md); the content a
reader gives is as reported_samples.py says. No news text copied."""

from __future__ import annotations

from tests.quotes.reported_samples import Paragraph, Said

# Written after the as-clause, Konjunktiv I and joint-speaker rules were done and before they were run on it (a new
# story: the lighthouse is restored, the ferry strike ends), measured once (docs/QUALITY.md), gaps fixed after.
FRESH_FORMS: tuple[Paragraph, ...] = (
    Paragraph("de-forms-lighthouse", "de",
              "Der Leuchtturm von Valmorin soll bis zum Herbst saniert werden. Die Arbeiten hätten sich verzögert, "
              "sagte Bauleiterin Petra Lindner am Mittwoch. Das Gerüst stehe erst seit Montag. Man rechne nun mit "
              "Kosten von zwei Millionen Euro.",
              (Said("Petra Lindner", "sagte", "Die Arbeiten hätten sich verzögert", role="Bauleiterin"),
               Said("Petra Lindner", "stehe", "Das Gerüst stehe erst seit Montag", role="Bauleiterin"),
               Said("Petra Lindner", "rechne", "Man rechne nun mit Kosten von zwei Millionen Euro",
                    role="Bauleiterin"))),
    Paragraph("de-forms-museum", "de",
              "Wie das Kulturamt mitteilte, zieht das Schifffahrtsmuseum vorübergehend in die alte Markthalle. Die "
              "Stadt und der Förderverein wollen die Kosten teilen. Museumsdirektor Karl Brandt sagte, er sei "
              "erleichtert. Der Umzug habe lange gedauert.",
              (Said("Kulturamt", "mitteilte", "zieht das Schifffahrtsmuseum vorübergehend in die alte Markthalle"),
               Said("Karl Brandt", "sagte", "er sei erleichtert", role="Museumsdirektor"),
               Said("Karl Brandt", "habe", "Der Umzug habe lange gedauert", role="Museumsdirektor"))),
    Paragraph("de-forms-negatives", "de",
              "Der Turm wurde 1887 gebaut. Wie der Name sagt, steht er auf einem Felsen. Die Führung dauert eine "
              "Stunde und kostet fünf Euro."),
    Paragraph("fr-forms-lighthouse", "fr",
              "Le phare de Valmorin sera restauré d'ici l'automne. Les travaux ont pris du retard, a reconnu mercredi "
              "la cheffe de chantier, Pauline Leduc. Comme l'a rappelé la mairie, l'échafaudage n'a été monté que "
              "lundi.",
              (Said("Pauline Leduc", "a reconnu", "Les travaux ont pris du retard", role="cheffe de chantier"),
               Said("mairie", "a rappelé", "l'échafaudage n'a été monté que lundi"))),
    Paragraph("fr-forms-strike", "fr",
              "La direction du port et Marc Aubert, délégué des marins, ont annoncé jeudi qu'un accord avait été "
              "trouvé. Selon le délégué, les ferries reprendront dimanche.",
              (Said("direction du port and Marc Aubert", "ont annoncé", "qu'un accord avait été trouvé"),
               Said("Marc Aubert", "Selon", "les ferries reprendront dimanche", role="délégué des marins"))),
    Paragraph("fr-forms-negatives", "fr",
              "Le phare est aussi haut que l'église. Comme chaque année, la fête du phare aura lieu en août."),
    Paragraph("es-forms-lighthouse", "es",
              "El faro de Valmorin será restaurado antes del otoño. Las obras se han retrasado, según reconoció el "
              "miércoles la jefa de obra, Paula Ledesma. Como recordó el ayuntamiento, el andamio no se montó hasta "
              "el lunes.",
              (Said("Paula Ledesma", "reconoció", "Las obras se han retrasado", role="jefa de obra"),
               Said("ayuntamiento", "recordó", "el andamio no se montó hasta el lunes"))),
    Paragraph("es-forms-strike", "es",
              "La empresa y Marcos Aguirre, delegado de los marineros, anunciaron el jueves que se ha alcanzado un "
              "acuerdo. Tal y como explicó Aguirre, los transbordadores volverán a zarpar el domingo.",
              (Said("empresa and Marcos Aguirre", "anunciaron", "que se ha alcanzado un acuerdo"),
               Said("Marcos Aguirre", "explicó", "los transbordadores volverán a zarpar el domingo",
                    role="delegado de los marineros"))),
    Paragraph("it-forms-lighthouse", "it",
              "Il faro di Valmorin sarà restaurato entro l'autunno. I lavori sono in ritardo, ha ammesso mercoledì la "
              "direttrice dei lavori Paola Lenzi. Come ricordato dal Comune, il ponteggio è stato montato solo "
              "lunedì.",
              (Said("Paola Lenzi", "ha ammesso", "I lavori sono in ritardo", role="direttrice dei lavori"),
               Said("Comune", "ricordato", "il ponteggio è stato montato solo lunedì"))),
    Paragraph("it-forms-strike", "it",
              "L'azienda e Marco Bassi, delegato dei marittimi, hanno annunciato giovedì che è stato trovato un "
              "accordo. Secondo Bassi, i traghetti ripartiranno domenica.",
              (Said("azienda and Marco Bassi", "hanno annunciato", "che è stato trovato un accordo"),
               Said("Marco Bassi", "Secondo", "i traghetti ripartiranno domenica", role="delegato dei marittimi"))),
    Paragraph("pt-forms-lighthouse", "pt",
              "O farol de Valmorin vai ser restaurado até ao outono. As obras estão atrasadas, admitiu na quarta-feira "
              "a diretora da obra, Paula Leal. Como lembrou a autarquia, o andaime só foi montado na segunda-feira.",
              (Said("Paula Leal", "admitiu", "As obras estão atrasadas", role="diretora da obra"),
               Said("autarquia", "lembrou", "o andaime só foi montado na segunda-feira"))),
    Paragraph("pt-forms-strike", "pt",
              "A empresa e Marco Bastos, delegado dos marítimos, anunciaram na quinta-feira que foi alcançado um "
              "acordo. Conforme explicou Bastos, os ferries voltam a navegar no domingo.",
              (Said("empresa and Marco Bastos", "anunciaram", "que foi alcançado um acordo"),
               Said("Marco Bastos", "explicou", "os ferries voltam a navegar no domingo",
                    role="delegado dos marítimos"))),
)

KONJUNKTIV_II = ("a sentence in Konjunktiv II (\"würden\") is as often the writer's own conditional, so it does not go "
                 "on with a statement, and the Konjunktiv I sentence after it is no longer right after one")
TWO_BODIES = "a joint speaker needs one named member; two institutions (one of them not listed) are left"

# Written after the fixes that followed FRESH_FORMS' one run and run once (the harbour festival is called off);
# general gaps fixed after that run (docs/QUALITY.md), so it is no longer held out either.
FRESH_FORMS_2: tuple[Paragraph, ...] = (
    Paragraph("de-forms2-festival", "de",
              "Das Hafenfest von Valmorin fällt wegen des Sturms aus. Die Sicherheit gehe vor, sagte Festleiter Jonas "
              "Hartmann am Freitag. Die Stände würden nicht aufgebaut. Ein Ersatztermin werde im Herbst gesucht. Wie "
              "der Wetterdienst mitteilte, erreicht der Sturm am Samstag die Küste.",
              (Said("Jonas Hartmann", "sagte", "Die Sicherheit gehe vor", role="Festleiter"),
               Said("Jonas Hartmann", "würden", "Die Stände würden nicht aufgebaut", role="Festleiter",
                    left_out=KONJUNKTIV_II),
               Said("Jonas Hartmann", "werde", "Ein Ersatztermin werde im Herbst gesucht", role="Festleiter",
                    left_out=KONJUNKTIV_II),
               Said("Wetterdienst", "mitteilte", "erreicht der Sturm am Samstag die Küste"))),
    Paragraph("fr-forms2-festival", "fr",
              "La fête du port de Valmorin est annulée à cause de la tempête. La sécurité passe avant tout, a "
              "expliqué vendredi l'organisateur, Jonas Hartel. Comme l'a précisé Météo Littoral, les rafales "
              "atteindront 120 km/h samedi. Le comité des fêtes et la mairie ont promis qu'une nouvelle date serait "
              "fixée.",
              (Said("Jonas Hartel", "a expliqué", "La sécurité passe avant tout", role="organisateur"),
               Said("Météo Littoral", "a précisé", "les rafales atteindront 120 km/h samedi"),
               Said("comité des fêtes and mairie", "ont promis", "qu'une nouvelle date serait fixée",
                    left_out=TWO_BODIES))),
    Paragraph("es-forms2-festival", "es",
              "La fiesta del puerto de Valmorin se suspende por el temporal. Según explicó el organizador, Jonás "
              "Hernández, la seguridad es lo primero. Las casetas no se montarán, añadió.",
              (Said("Jonás Hernández", "explicó", "la seguridad es lo primero", role="organizador"),
               Said("Jonás Hernández", "añadió", "Las casetas no se montarán", role="organizador"))),
    Paragraph("it-forms2-festival", "it",
              "La festa del porto di Valmorin è annullata per la tempesta. La sicurezza viene prima di tutto, ha "
              "detto venerdì l'organizzatore Giona Ercoli. Come spiegato dalla protezione civile, le raffiche "
              "arriveranno a 120 chilometri orari.",
              (Said("Giona Ercoli", "ha detto", "La sicurezza viene prima di tutto", role="organizzatore"),
               Said("protezione civile", "spiegato", "le raffiche arriveranno a 120 chilometri orari",
                    left_out="\"protezione civile\" is no listed institution"))),
    Paragraph("pt-forms2-festival", "pt",
              "A festa do porto de Valmorin foi cancelada por causa da tempestade. A segurança está em primeiro "
              "lugar, disse na sexta-feira o organizador, Jonas Henriques. O sindicato e a câmara garantiram que "
              "haverá uma nova data.",
              (Said("Jonas Henriques", "disse", "A segurança está em primeiro lugar", role="organizador"),
               Said("sindicato and câmara", "garantiram", "que haverá uma nova data", left_out=TWO_BODIES))),
)
