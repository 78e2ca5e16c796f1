# rectrack's words in English: the reference language. Every other locales/<code>.ftl
# file has the same message ids (a test keeps them in step); a language missing a
# message falls back to this file. English catalog titles come from the catalog
# itself (schema/recommendations.yaml), so they are not repeated here.
#
# Syntax: Project Fluent (https://projectfluent.org). { $name } inserts an argument;
# { $count -> ... } chooses a plural form by the language's rules.

## Typography

decimal-separator = .
percent = { $value }%
colon = :

## Statuses, parties, flags

status-unknown = unknown
status-not-started = not started
status-in-progress = in progress
status-stalled = stalled
status-achieved = achieved
status-reversed = reversed

# A step several parties share: all of them (two, or more), or their names joined by "and".
parties-both = Both sides
parties-all = All parties
parties-and = and

flag-stale = stale
flag-review-overdue = review overdue
flag-contested = contested

trend-improved = improved
trend-deteriorated = deteriorated
trend-unchanged = unchanged

## Counts of steps by status (in sentences)

count-unknown = { $count } unknown
count-not-started = { $count } not started
count-in-progress = { $count } in progress
count-stalled = { $count } stalled
count-achieved = { $count } achieved
count-reversed = { $count } reversed

## Headings and labels

report-title = Status report: { $title }
report-title-many = Status report: { $count } trackers
label-period = Period
label-as-of = Tracker as of
label-file = File
provenance = Produced by rectrack { $version } with catalog { $catalog }{ $catalog_version ->
    [0] {""}
   *[other] {" "}version { $catalog_version }
  } (sources: { $sources }).
warning-past-as-of = The tracker records events up to { $as_of }: the last { $days ->
    [one] day
   *[other] { $days } days
  } of the period are not covered, and statuses are those known on { $as_of }.
warning-after-as-of = The whole period falls after the tracker's date ({ $as_of }): it records nothing about these days, and statuses are those known on { $as_of }.

matrix-heading = Summary
matrix-intro = Each cell: steps achieved out of steps, then the mean score (0–3) and its trend over the period.
col-period = period
col-tracker = tracker
col-recommendation = recommendation
col-step = step
col-title = title
col-party = party
col-status = status
col-since = since
col-last-evidence = last evidence
col-flags = flags
col-date = date
col-change = change
col-note = note
col-sources = sources
col-steps = steps
col-score = score
col-trend = trend
col-period-from = period start
col-period-to = period end
all-steps = All steps
steps-count = { $count ->
    [one] { $count } step
   *[other] { $count } steps
  }

## Sections

status-page-title = Status of the trackers
catalog-heading = Catalog { $id }: { $title }
col-catalog = catalog
interface-fallback = Note: rectrack has no translation into “{ $lang }”, so its own words (headings, labels, sentences) are in English; the catalogs' text is in “{ $lang }” wherever they have it.
status-heading = Status on { $date }
status-title = { $title } ({ $id }) — status on { $date }
status-tracker-as-of = (tracker as of { $as_of })
label-warning = Warning
status-past-as-of = The tracker records events up to { $as_of }, { $days ->
    [one] a day
   *[other] { $days } days
  } before { $date }: these are the statuses known on { $as_of }.
changes-heading = What changed in the period
changes-intro = { $count ->
    [one] One entry is dated inside the period.
   *[other] { $count } entries are dated inside the period.
  }
no-changes = No history entry is dated inside the period ({ $period }).
no-change-for = No change recorded for
first-record = first record: { $status }
same-status = { $status } (unchanged)
disputes = disputes the entry
corrected-on = (Entry corrected on { $date }.)

progress-heading = Progress
by-recommendation = By recommendation
by-party = By party
score-scale = Score: the mean, on a 0–3 scale, of the steps whose status is known (not started 0, in progress 1, stalled 1, achieved 3, reversed 0). Steps whose status is unknown are counted apart, since no information is not the same as nothing done.
trend-rule = Trend: compared with { $date }, the day before the period, over the steps whose status was known on both dates (↑ improved, ↓ deteriorated, → unchanged).
unknown-apart = { $count ->
    [one] One step has no information (unknown)
   *[other] { $count } steps have no information (unknown)
  }

attention-heading = Needs attention
attention-none = Nothing needs attention: no step regressed in the period, and none is stale, overdue for review or contested at its end.
concern-label-regressed = Regressed
concern-label-contested = Contested
concern-label-stale = Stale
concern-label-review-overdue = Review overdue
concern-regressed = went from { $from } to { $to } on { $date }.
concern-contested = a source disputes the latest entry.
concern-stale = no news since { $date }, more than { $days } days before the end of the period.
concern-review-overdue = the review planned for { $date } has not been recorded.

sources-heading = Sources cited in the period

## Timeline

timeline-section = Timeline
timeline-heading = { $title }: status of each step over time
timeline-period = report period
timeline-legend = Legend
timeline-alt = Timeline of { $title } from { $from } to { $to }: one lane per step, coloured by status.
timeline-caption = Each lane is one step, coloured and patterned by its status over time; the shaded band is the report period. Hover over a lane for its dates.

## The catalog command

col-what = what is tracked
col-source = source
label-source = Source
catalog-summary = { $recs } recommendations, { $steps } steps. Sources:
left-out-heading = Not tracked
left-out-intro = { $count ->
    [one] One suggestion of the source documents is followed by no step, and why:
   *[other] { $count } suggestions of the source documents are followed by no step, and why:
  }
col-suggestion = suggestion
col-why-not = why not tracked
