"""Junk-laden articles in French, German, Spanish, Italian and Portuguese, written for these tests (invented places
and people, our own words): page furniture between the paragraphs, and prose that only looks like furniture."""
# ruff: noqa: E501  (sample prose keeps one paragraph per line)

from __future__ import annotations

# (language, title, raw page text, junk lines in it, look-alike prose sentences that must stay usable)
SAMPLES: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("fr", "Le pont de Merval fermé pour six semaines", """Par Jeanne Morel
Publié le 3 mars 2026 à 10h12
Mis à jour le 3 mars 2026 à 14h40
Le pont de Merval sera fermé à la circulation pendant six semaines à partir de lundi, a annoncé la préfecture.
Lire aussi : Les travaux du tramway de Merval prennent du retard
Les ingénieurs ont découvert des fissures dans deux piliers lors d'une inspection de routine en février.
Publicité
Les bus de la ligne 4 passeront par le boulevard du port pendant la durée des travaux, selon la mairie.
Crédit photo : Ville de Merval
Abonnez-vous à notre lettre d'information pour recevoir l'essentiel de l'actualité chaque matin.
Les commerçants du quartier craignent une baisse de leur chiffre d'affaires pendant la fermeture.
Partager sur Facebook
Rectificatif : une version précédente de cet article indiquait une fermeture de quatre semaines.
À lire aussi : Merval veut rénover ses quais d'ici à 2028""",
     ("Lire aussi : Les travaux du tramway", "Publicité", "Crédit photo", "Abonnez-vous", "Partager sur",
      "Rectificatif", "À lire aussi", "Publié le", "Mis à jour le", "Par Jeanne Morel"),
     ("Les habitants veulent partager les frais de la nouvelle passerelle, a indiqué le maire.",)),
    ("de", "Fähre nach Kortholm fällt bis Freitag aus", """Von Hans Berger
Aktualisiert am 4. März 2026, 09:15 Uhr
Die Fähre zwischen Lindenhafen und der Insel Kortholm fällt wegen eines Motorschadens bis Freitag aus, teilte die Reederei mit.
Lesen Sie auch: Neue Anleger für Lindenhafen geplant
Ein Ersatzschiff aus Norwegen soll am Samstag eintreffen und den Fahrplan übernehmen.
Anzeige
Pendler können bis dahin das Wassertaxi nutzen, das die Gemeinde Kortholm kostenlos anbietet.
Foto: Reederei Lindenhafen
Jetzt abonnieren und keine Nachricht aus der Region verpassen.
Die Schulen auf der Insel haben den Unterricht für die Kinder vom Festland online organisiert.
Artikel teilen
Berichtigung: In einer früheren Version dieses Artikels hieß es, die Fähre falle bis Montag aus.
Mehr zum Thema: Reederei Lindenhafen kauft zwei neue Schiffe""",
     ("Lesen Sie auch", "Anzeige", "Foto:", "Jetzt abonnieren", "Artikel teilen", "Berichtigung",
      "Mehr zum Thema", "Aktualisiert am", "Von Hans Berger"),
     ("Anzeige gegen den Kapitän wurde bisher nicht erstattet, sagte ein Sprecher der Polizei.",
      "Die Inselbewohner wollen sich die Kosten für das Wassertaxi teilen, sagte der Bürgermeister.")),
    ("es", "El puerto de Calvera cierra por un temporal", """Por Ana Ruiz
Publicado el 5 de marzo de 2026 a las 08:30
El puerto de Calvera permanecerá cerrado hasta el jueves por un fuerte temporal, informó la capitanía marítima.
Lee también: La lonja de Calvera bate su récord de ventas
Las olas superaron los seis metros durante la noche y dañaron parte del dique de abrigo.
Publicidad
Los pescadores han amarrado más de cuarenta barcos en el puerto interior hasta que mejore el tiempo.
Foto: Capitanía de Calvera
Suscríbete a nuestro boletín y recibe cada mañana las noticias de la costa.
El ayuntamiento ha pedido a los vecinos que no se acerquen al paseo marítimo.
Compartir en Twitter
Fe de erratas: una versión anterior de este artículo situaba el cierre hasta el martes.""",
     ("Lee también", "Publicidad", "Foto:", "Suscríbete", "Compartir en", "Fe de erratas", "Publicado el",
      "Por Ana Ruiz"),
     ("Los vecinos pueden ver también el faro desde el nuevo mirador del paseo, dijo la alcaldesa.",)),
    ("it", "Il traghetto per Sorana sospeso per sciopero", """Di Marco Bassi
Pubblicato il 6 marzo 2026 alle 11:05
Il traghetto tra Porto Alvo e l'isola di Sorana resterà fermo fino a domenica per uno sciopero del personale, ha comunicato la compagnia.
Leggi anche: Porto Alvo, al via i lavori sul molo nord
I sindacati chiedono un nuovo contratto e più marinai a bordo durante l'estate.
Pubblicità
Gli abbonati al servizio riceveranno un rimborso per i giorni di fermo, ha promesso la compagnia.
Foto: Compagnia di navigazione
Iscriviti alla newsletter per ricevere ogni giorno le notizie del territorio.
Il sindaco di Sorana ha chiesto alla regione di garantire almeno una corsa al giorno per i residenti.
Condividi su Facebook
Correzione: una versione precedente di questo articolo indicava lo sciopero fino a sabato.""",
     ("Leggi anche", "Pubblicità", "Foto:", "Iscriviti", "Condividi su", "Correzione", "Pubblicato il",
      "Di Marco Bassi"),
     ("Gli abbonati al servizio riceveranno un rimborso per i giorni di fermo, ha promesso la compagnia.",)),
    ("pt", "Ponte de Alvarinha fecha para obras", """Por Rita Sousa
Publicado em 7 de março de 2026 às 16:20
A ponte de Alvarinha vai fechar ao trânsito durante dois meses a partir de segunda-feira, anunciou a câmara municipal.
Leia também: Alvarinha recebe novo terminal de autocarros
Os técnicos encontraram corrosão nos cabos de suspensão durante uma inspeção em janeiro.
Publicidade
Os autocarros da carreira 12 vão passar pela estrada nacional enquanto durarem as obras.
Foto: Câmara Municipal de Alvarinha
Assine já a nossa newsletter e receba as notícias da região todas as manhãs.
Os comerciantes da zona ribeirinha temem perder clientes durante o encerramento.
Partilhar
Correção: uma versão anterior deste artigo indicava um encerramento de três meses.""",
     ("Leia também", "Publicidade", "Foto:", "Assine já", "Partilhar", "Correção", "Publicado em",
      "Por Rita Sousa"),
     ("Os moradores vão partilhar as despesas da limpeza do rio, disse o presidente da junta.",)),
)
