# Les mots de rectrack en français. Mêmes identifiants que en.ftl (un test y veille).
# Les titres et descriptions du catalogue sont rédigés pour le projet, pas traduits mot
# à mot. Espaces insécables avant « : », « ; » et « % », selon l'usage français.

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

party-government = Autorités maliennes
party-jnim = JNIM
party-both = Les deux parties

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
provenance = Produit par rectrack { $version } avec le catalogue version { $catalog } (sources : { $sources }).
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

## Catalogue

# `.locator` dit où trouver le passage dans le document source (en anglais) : le
# résumé analytique est l'« Executive Summary » de l'ICG, ses mesures sont les quatre
# puces, dans l'ordre.

rec-unify-ranks = Vaincre la méfiance envers le dialogue dans chaque camp
    .description = Avant les pourparlers, chaque partie s'efforce de vaincre la méfiance envers le dialogue dans ses propres rangs, et le gouvernement persuade ses partenaires étrangers réticents que dialoguer avec le JNIM en vaut la peine.
    .locator = résumé analytique, première mesure
step-unify-ranks--government-consensus = Sceptiques maliens ralliés au dialogue
    .description = Des responsables de l'État, des personnalités politiques, des représentants de la société civile et des chefs religieux qui doutent de l'intérêt de parler aux djihadistes en viennent à accepter le dialogue comme option politique.
    .locator = résumé analytique, première mesure et paragraphe 4
step-unify-ranks--jnim-consensus = Méfiance envers le dialogue surmontée dans les rangs du JNIM
    .description = La direction du JNIM surmonte la méfiance que suscitent les pourparlers dans les rangs de la coalition, comme l'ICG le demande à chaque partie.
    .locator = résumé analytique, première mesure
step-unify-ranks--foreign-partners = Partenaires étrangers sceptiques convaincus, la France en tête
    .description = En multipliant les visites diplomatiques auprès d'eux, le gouvernement convainc les partenaires sceptiques, la France avant tout, que le dialogue avec le JNIM en vaut la peine.
    .locator = résumé analytique, première mesure
step-unify-ranks--security-assurances = Partenaires étrangers rassurés sur les engagements du JNIM dans un accord
    .description = Le gouvernement assure aux partenaires étrangers que tout accord engagera le JNIM à ne pas s'en prendre aux intérêts étrangers au Mali ni à préparer depuis le sol malien des attaques à l'étranger, et obtient des insurgés qu'ils empêchent autant que possible d'autres combattants de commettre de telles attaques.
    .locator = résumé analytique, première mesure
rec-appoint-teams = Nommer des équipes de négociation crédibles et inclusives
    .description = Chaque partie désigne qui la représentera dans les pourparlers, signe qu'elle les prend au sérieux ; les équipes préparent ensuite la négociation.
    .locator = résumé analytique, deuxième mesure
step-appoint-teams--government-team = Équipe de négociation du gouvernement nommée
    .description = Les autorités maliennes désignent une équipe crédible et inclusive pour les représenter dans les pourparlers avec le JNIM.
    .locator = résumé analytique, deuxième mesure
step-appoint-teams--jnim-team = Équipe de négociation du JNIM nommée
    .description = La direction du JNIM désigne les personnes qui représenteraient la coalition dans les pourparlers avec le gouvernement.
    .locator = résumé analytique, deuxième mesure
step-appoint-teams--agenda = Stratégies et ordre du jour des pourparlers arrêtés
    .description = Les équipes de négociation définissent leurs stratégies et s'entendent sur les sujets à aborder, avant de négocier dans un second temps.
    .locator = résumé analytique, deuxième mesure
rec-public-debate = Tenir un débat public sur la place de l'islam dans l'État et la société
    .description = Avant l'ouverture des pourparlers, un débat national sur la place de la religion dans l'État et dans la vie publique aide à repérer où un compromis entre les deux parties serait possible.
    .locator = résumé analytique, troisième mesure
step-public-debate--debate-held = Débat public sur l'islam dans l'État et la société tenu avec l'appui des autorités
    .description = Les autorités ouvrent et accompagnent un débat public sur la place de l'islam dans l'État et la société maliens.
    .locator = résumé analytique, troisième mesure
step-public-debate--positions-defined = Positions et compromis possibles définis
    .description = Chaque partie s'appuie sur les conclusions du débat pour arrêter ses positions et les concessions qu'elle pourrait accepter avant d'entrer en négociation.
    .locator = résumé analytique, troisième mesure
rec-mediator = S'accorder sur un médiateur tiers de confiance
    .description = Les deux parties choisissent un tiers digne de confiance pour les aider à franchir les obstacles que rencontreront les pourparlers.
    .locator = résumé analytique, quatrième mesure
step-mediator--candidates-identified = Médiateurs potentiels identifiés
    .description = Des échanges préliminaires permettent de repérer des médiateurs potentiels capables de nouer des relations avec les interlocuteurs ; les interlocuteurs eux-mêmes, l'autre moitié de la même phrase de l'ISS, relèvent de l'étape inclusivity/interlocutors-identified.
    .locator = paragraphe 15 (après le chapeau ; exergues non comptés)
step-mediator--mediator-agreed = Médiateur accepté par les deux parties
    .description = Les deux parties acceptent un tiers de confiance comme médiateur, idéalement un pays neutre qui a déjà aidé à mener des négociations comparables.
    .locator = résumé analytique, quatrième mesure
rec-inclusivity = Étendre le dialogue au-delà des seuls dirigeants
    .description = Le dialogue s'adresse aux différents échelons des groupes extrémistes violents et tient compte des griefs qui poussent des personnes à les rejoindre, au lieu de se limiter aux chefs.
    .locator = paragraphes 13 à 16 (après le chapeau ; exergues non comptés)
step-inclusivity--multi-level-engagement = Dialogue engagé avec les combattants, les cadres intermédiaires et les hauts dirigeants
    .description = Le dialogue atteint les simples membres, l'encadrement intermédiaire et les hauts dirigeants, dont les raisons d'appartenir aux groupes diffèrent.
    .locator = paragraphe 14 (après le chapeau ; exergues non comptés)
step-inclusivity--grievances = Griefs sur la justice, la sécurité et les services pris en compte
    .description = Le dialogue tient compte des frustrations de la population, comme les griefs envers la justice et les attentes en matière de sécurité et de services sociaux de base.
    .locator = paragraphe 15 (après le chapeau ; exergues non comptés)
step-inclusivity--interlocutors-identified = Interlocuteurs potentiels identifiés
    .description = Des échanges préliminaires permettent de repérer des interlocuteurs potentiels pour le dialogue ; les médiateurs capables de nouer des relations avec eux, l'autre moitié de la même phrase de l'ISS, relèvent de l'étape mediator/candidates-identified.
    .locator = paragraphe 15 (après le chapeau ; exergues non comptés)

## Suggestions des documents que le catalogue ne suit pas

not-tracked-ownership = Les autorités maliennes s'approprient l'initiative du dialogue, ce qui leur permet d'en fixer le format et les résultats attendus.
    .why = Cela dit qui conduit le processus, sans décrire un acte datable ; les étapes donnent déjà leur part aux autorités.
    .locator = paragraphe 12 (après le chapeau ; exergues non comptés)
not-tracked-policymakers-recipients = La démarche inclusive garde en vue ce qui sépare ceux qui font les politiques publiques de ceux à qui elles s'adressent.
    .why = Un point de vue à garder à l'esprit, sans rien d'observable qui marquerait qu'il est acquis.
    .locator = paragraphe 15 (après le chapeau ; exergues non comptés)
not-tracked-demobilisation = Le dialogue avec chaque échelon des groupes aide à démobiliser leurs membres en tenant compte des dynamiques locales.
    .why = Un effet attendu du dialogue une fois engagé, au-delà des étapes préparatoires que suit le catalogue.
    .locator = paragraphe 16 (après le chapeau ; exergues non comptés)
not-tracked-social-contract = Le dialogue offre à l'État et aux communautés l'occasion de négocier un nouveau contrat social qui reflète la diversité des communautés maliennes.
    .why = Un objectif de long terme du processus entier, qu'aucun acte isolé ne suffirait à atteindre.
    .locator = paragraphe 17 (après le chapeau ; exergues non comptés)
not-tracked-regional-responses = Le dialogue doit tenir compte de la dimension transfrontalière des groupes ; les réponses régionales autour du Liptako-Gourma sont à renforcer ou à repenser.
    .why = Cela concerne des dispositifs de sécurité régionaux qui dépassent les deux parties dont un suivi consigne les étapes.
    .locator = paragraphe 18 (après le chapeau ; exergues non comptés)
not-tracked-alongside-other-responses = Le dialogue n'est pas une fin en soi mais un effort continu, mené de pair avec les réponses sécuritaires, de développement, de justice et de gouvernance.
    .why = Cela situe le dialogue parmi d'autres politiques, sans demander d'étape qui lui soit propre.
    .locator = paragraphe 19 (après le chapeau ; exergues non comptés)
not-tracked-authorities-lead = Les autorités maliennes saisissent la lassitude envers la guerre pour prendre la tête des efforts vers un règlement politique.
    .why = L'appel général que les quatre mesures rendent concret ; il est suivi à travers leurs étapes.
    .locator = résumé analytique, paragraphe 5
