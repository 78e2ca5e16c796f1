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

## Catalogue

rec-unify-ranks = Vaincre la méfiance envers le dialogue dans chaque camp
    .description = Avant les pourparlers, chaque partie rallie les sceptiques de son propre camp, et le gouvernement persuade ses partenaires étrangers réticents qu'il vaut la peine de s'engager avec le JNIM.
step-unify-ranks--government-consensus = Sceptiques de l'appareil d'État malien ralliés
    .description = Responsables, personnalités politiques et chefs religieux qui doutent de l'intérêt de parler aux djihadistes en viennent à accepter le dialogue comme option politique.
step-unify-ranks--jnim-consensus = Groupes membres du JNIM favorables aux pourparlers
    .description = Les groupes qui forment la coalition JNIM soutiennent leur direction lorsqu'elle cherche le dialogue avec le gouvernement.
step-unify-ranks--foreign-partners = Partenaires étrangers sceptiques convaincus, la France en tête
    .description = Par une diplomatie de navette, le gouvernement convainc les partenaires qui doutent de la démarche, la France avant tout, que dialoguer avec le JNIM en vaut la peine.
step-unify-ranks--security-assurances = Engagement sur les intérêts étrangers et les attaques hors du Mali
    .description = Le JNIM s'engage à ne pas viser les intérêts étrangers au Mali ni à se servir du territoire malien pour préparer des attaques à l'étranger, et à retenir autant qu'il le peut les autres militants d'en faire autant.
rec-appoint-teams = Nommer des équipes de négociation crédibles et inclusives
    .description = Chaque partie désigne qui la représentera à la table, signe qu'elle prend les pourparlers au sérieux ; les équipes préparent ensuite la négociation.
step-appoint-teams--government-team = Équipe de négociation du gouvernement nommée
    .description = Les autorités maliennes désignent une équipe crédible et inclusive pour les représenter dans les pourparlers avec le JNIM.
step-appoint-teams--jnim-team = Équipe de négociation du JNIM nommée
    .description = La direction du JNIM désigne les personnes qui représenteraient la coalition dans les pourparlers avec le gouvernement.
step-appoint-teams--agenda = Stratégies et ordre du jour des pourparlers arrêtés
    .description = Les équipes de négociation définissent leurs stratégies et s'entendent sur les sujets à aborder, avant de négocier dans un second temps.
rec-public-debate = Tenir un débat public sur la place de l'islam dans l'État et la société
    .description = Avant l'ouverture des pourparlers, un débat national sur la place de la religion dans l'État et dans la vie publique aide à repérer où un compromis entre les deux parties serait possible.
step-public-debate--debate-held = Débat public sur l'islam dans l'État et la société facilité
    .description = Les autorités ouvrent et accompagnent un débat public sur le rôle de l'islam dans l'État et la société maliens.
step-public-debate--positions-defined = Positions et compromis possibles définis
    .description = Chaque partie s'appuie sur les conclusions du débat pour arrêter ses positions et les concessions qu'elle pourrait accepter avant d'entrer en négociation.
rec-mediator = S'accorder sur un médiateur tiers de confiance
    .description = Les deux parties choisissent un tiers digne de confiance pour les aider à franchir les obstacles que rencontreront les pourparlers.
step-mediator--candidates-identified = Médiateurs potentiels identifiés
    .description = Des contacts préliminaires permettent de repérer des personnes ou des États susceptibles de jouer les médiateurs et de nouer des relations avec les parties.
step-mediator--mediator-agreed = Médiateur accepté par les deux parties
    .description = Les deux parties acceptent un tiers de confiance comme médiateur, idéalement un pays neutre rompu à la facilitation de négociations comparables.
rec-inclusivity = Étendre le dialogue au-delà des seuls dirigeants
    .description = Le dialogue s'adresse aux différents échelons des groupes armés et tient compte des griefs qui poussent des personnes à les rejoindre, au lieu de se limiter aux chefs.
step-inclusivity--multi-level-engagement = Combattants de base, cadres intermédiaires et hauts dirigeants associés
    .description = Le dialogue atteint les simples membres, l'encadrement intermédiaire et les hauts dirigeants, dont les raisons d'appartenir aux groupes diffèrent.
step-inclusivity--grievances = Griefs sur la justice, la sécurité et les services pris en compte
    .description = Le processus tient compte des frustrations de la population, comme les griefs envers la justice et les attentes en matière de sécurité et de services sociaux de base.
step-inclusivity--interlocutors-identified = Interlocuteurs et intermédiaires identifiés
    .description = Des échanges préliminaires permettent de repérer les interlocuteurs potentiels et les personnes capables de nouer des relations avec eux, pour que le processus se déroule sans heurts.
