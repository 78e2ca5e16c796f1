# Les mots de rectrack en français. Mêmes identifiants que en.ftl (un test y veille).
# Les textes du catalogue (titres, descriptions) sont dans le catalogue lui-même.
# Espaces insécables avant « : », « ; » et « % », selon l'usage français.

## Typographie

decimal-separator = ,
percent = { $value } %
colon =  :

## Statuts, parties, signalements

status-unknown = inconnu
status-not-started = non commencé
status-in-progress = en cours
status-stalled = au point mort
status-achieved = réalisé
status-reversed = annulé

# Une étape confiée à plusieurs parties : toutes (deux, ou plus), ou leurs noms liés par « et ».
parties-both = Les deux parties
parties-all = Toutes les parties
parties-and = et

flag-stale = sans nouvelles
flag-review-overdue = réexamen en retard
flag-contested = contesté

trend-improved = en progrès
trend-deteriorated = en recul
trend-unchanged = stable

## Nombre d'étapes par statut (dans les phrases ; accord avec « étape », féminin)

count-unknown = { $count ->
    [one] { $count } inconnue
   *[other] { $count } inconnues
  }
count-not-started = { $count ->
    [one] { $count } non commencée
   *[other] { $count } non commencées
  }
count-in-progress = { $count } en cours
count-stalled = { $count } au point mort
count-achieved = { $count ->
    [one] { $count } réalisée
   *[other] { $count } réalisées
  }
count-reversed = { $count ->
    [one] { $count } annulée
   *[other] { $count } annulées
  }

## Titres et libellés

report-title = Rapport de suivi : { $title }
report-title-many = Rapport de suivi : { $count } fichiers de suivi
label-period = Période
label-as-of = Suivi à jour au
label-file = Fichier
provenance = Produit par rectrack { $version } avec le catalogue { $catalog }{ $catalog_version ->
    [0] {""}
   *[other] {" "}version { $catalog_version }
  } (sources : { $sources }).
warning-past-as-of = Le suivi consigne les faits jusqu'au { $as_of } : { $days ->
    [one] le dernier jour
   *[other] les { $days } derniers jours
  } de la période ne sont pas couverts, et les statuts sont ceux connus au { $as_of }.
warning-after-as-of = Toute la période est postérieure à la date du suivi ({ $as_of }) : il ne dit rien de ces jours, et les statuts sont ceux connus au { $as_of }.

matrix-heading = Synthèse
matrix-intro = Dans chaque case : étapes réalisées sur le nombre d'étapes, puis le score moyen (0 à 3) et son évolution sur la période.
col-period = période
col-tracker = suivi
col-recommendation = recommandation
col-step = étape
col-title = intitulé
col-party = partie
col-status = statut
col-since = depuis
col-last-evidence = dernière source
col-flags = signalements
col-date = date
col-change = évolution
col-note = note
col-sources = sources
col-steps = étapes
col-score = score
col-trend = tendance
col-period-from = début de période
col-period-to = fin de période
all-steps = Ensemble des étapes
steps-count = { $count ->
    [one] { $count } étape
   *[other] { $count } étapes
  }

## Sections

status-page-title = Situation des suivis
catalog-heading = Catalogue { $id } : { $title }
col-catalog = catalogue
interface-fallback = Note : rectrack n'a pas de traduction en « { $lang } » ; ses propres mots (titres, libellés, phrases) sont en anglais, et le texte des catalogues est en « { $lang } » là où ils l'ont.
status-heading = Situation au { $date }
status-title = { $title } ({ $id }) — situation au { $date }
status-tracker-as-of = (suivi à jour au { $as_of })
label-warning = Attention
status-past-as-of = Le suivi consigne les faits jusqu'au { $as_of }, { $days ->
    [one] un jour
   *[other] { $days } jours
  } avant le { $date } : ce sont les statuts connus au { $as_of }.
changes-heading = Évolutions au cours de la période
changes-intro = { $count ->
    [one] Une entrée est datée de la période.
   *[other] { $count } entrées sont datées de la période.
  }
no-changes = Aucune entrée de l'historique n'est datée de la période ({ $period }).
no-change-for = Aucune évolution consignée pour
first-record = premier relevé : { $status }
same-status = { $status } (inchangé)
disputes = conteste l'entrée
corrected-on = (Entrée corrigée le { $date }.)

progress-heading = Avancement
by-recommendation = Par recommandation
by-party = Par partie
score-scale = Score : moyenne, sur une échelle de 0 à 3, des étapes dont le statut est connu (non commencé 0, en cours 1, au point mort 1, réalisé 3, annulé 0). Les étapes au statut inconnu sont comptées à part : l'absence d'information ne veut pas dire que rien n'a été fait.
trend-rule = Tendance : comparaison avec le { $date }, veille de la période, sur les étapes dont le statut était connu aux deux dates (↑ en progrès, ↓ en recul, → stable).
unknown-apart = { $count ->
    [one] Une étape est sans information (statut inconnu)
   *[other] { $count } étapes sont sans information (statut inconnu)
  }

attention-heading = Points d'attention
attention-none = Rien à signaler : aucune étape n'a reculé au cours de la période, et aucune n'est sans nouvelles, en attente de réexamen ou contestée à son terme.
concern-label-regressed = Recul
concern-label-contested = Contesté
concern-label-stale = Sans nouvelles
concern-label-review-overdue = Réexamen en retard
concern-regressed = passé de « { $from } » à « { $to } » le { $date }.
concern-contested = une source conteste la dernière entrée.
concern-stale = aucune nouvelle depuis le { $date }, plus de { $days } jours avant la fin de la période.
concern-review-overdue = le réexamen prévu le { $date } n'a pas été consigné.

sources-heading = Sources citées sur la période

## Chronologie

timeline-section = Chronologie
timeline-heading = { $title } : statut de chaque étape dans le temps
timeline-period = période du rapport
timeline-legend = Légende
timeline-alt = Chronologie de « { $title } » du { $from } au { $to } : une ligne par étape, colorée selon son statut.
timeline-caption = Chaque ligne est une étape, colorée et hachurée selon son statut dans le temps ; la bande grisée est la période du rapport. Survolez une ligne pour voir ses dates.

## La commande catalog

col-what = ce qui est suivi
col-source = source
label-source = Source
catalog-summary = { $recs } recommandations, { $steps } étapes. Sources :
left-out-heading = Suggestions non suivies
left-out-intro = { $count ->
    [one] { $count } suggestion des documents sources n'est suivie par aucune étape, pour la raison indiquée :
   *[other] { $count } suggestions des documents sources ne sont suivies par aucune étape, pour les raisons indiquées :
  }
col-suggestion = suggestion
col-why-not = pourquoi elle n'est pas suivie
