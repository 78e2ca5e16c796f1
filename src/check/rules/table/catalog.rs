//! The catalog rules' entries in the rule table: what a catalog file must hold
//! beyond its shape (their detection is in `check::rules::catalog`).

use super::{Rule, Scope, Severity};

rule!(CATALOG_UNKNOWN_PARTY, "catalog-unknown-party", Error, Catalog,
    "in a catalog, a step's `party` names parties listed under `parties`",
    "A step names who carries it out by party id, one or a list of those acting \
together; each id must be a key of the catalog's `parties`, which gives its name. An \
unknown id is usually a typo (the diagnostic suggests the closest id) or a party not \
yet listed: add it under `parties` with its name.",
    bad: "parties:\n  government: Government\n  commission: Basin Commission\n...\n      data-published:\n        party: [government, comission]\n",
    good: "parties:\n  government: Government\n  commission: Basin Commission\n...\n      data-published:\n        party: [government, commission]\n");

rule!(CATALOG_UNKNOWN_DOCUMENT, "catalog-unknown-document", Error, Catalog,
    "in a catalog, every `document` cited is listed under `documents`",
    "A citation (`from`) and a `not_tracked` entry name their document by id; each id \
must be a key of the catalog's `documents`, which say what the document is and where \
to read it. Add the document, or correct the id (the diagnostic suggests the closest).",
    bad: "documents:\n  panel-report: {title: Report of the review panel}\n...\n        from:\n          - {document: panel-reprot, locator: Recommendation 1(b)}\n",
    good: "documents:\n  panel-report: {title: Report of the review panel}\n...\n        from:\n          - {document: panel-report, locator: Recommendation 1(b)}\n");

rule!(CATALOG_MISSING_LANGUAGE, "catalog-missing-language", Error, Catalog,
    "in a catalog, a text written per language has every language of `languages`",
    "A text is one string for every language, or a map with one string per language. A \
map must have every language the catalog declares in `languages`, so that a report in \
any of them never shows a stray sentence in another. Add the missing translation, or \
write one string if the text is the same in every language (a name, a number).",
    bad: "languages: [en, fr]\n...\n    title:\n      en: Share the river's flow data\n",
    good: "languages: [en, fr]\n...\n    title:\n      en: Share the river's flow data\n      fr: Partager les données de débit du fleuve\n");

rule!(CATALOG_UNKNOWN_LANGUAGE, "catalog-unknown-language", Error, Catalog,
    "in a catalog, a text written per language has no language outside `languages`",
    "Every language of a text map must be declared in the catalog's `languages`: a \
translation in an undeclared language would never be shown, and is usually a typo \
(`fr` written `fn`) or a language to declare. Declare it in `languages` (and then give \
every text in it), or remove it.",
    bad: "languages: [en, fr]\n...\n    title:\n      en: Share the river's flow data\n      fr: Partager les données de débit du fleuve\n      de: Die Abflussdaten des Flusses teilen\n",
    good: "languages: [en, fr]\n...\n    title:\n      en: Share the river's flow data\n      fr: Partager les données de débit du fleuve\n");

rule!(CATALOG_DUPLICATE_ID, "catalog-duplicate-id", Error, Catalog,
    "in a catalog, no language, party or old id is listed twice in one list",
    "`languages` lists each code once, a step's `party` list each party once and its \
`renamed_from` each old id once: a repeat is a slip that would show a name twice or \
hide a missing one. Remove the repeat. (The same key twice in one mapping, two \
recommendations with one id say, is a `yaml` error.)",
    bad: "languages: [en, fr, en]\n",
    good: "languages: [en, fr]\n");

rule!(CATALOG_RENAMED_COLLISION, "catalog-renamed-collision", Error, Catalog,
    "in a catalog, a `renamed_from` id is no current step id and is claimed by one step",
    "`renamed_from` lists the ids a step had in earlier versions of the catalog, so \
`rectrack sync` renames them in trackers and `check --base` keeps their history. An \
old id that is also a current step of the same recommendation, or that two steps \
claim, makes the rename ambiguous: a tracker's history would go to one of two steps. \
Never reuse an old id for a new step; give each old id to the one step it became.",
    bad: "    steps:\n      gauges-installed:\n        renamed_from: [stations-built]\n      gauges-read:\n        renamed_from: [stations-built]\n",
    good: "    steps:\n      gauges-installed:\n        renamed_from: [stations-built]\n      gauges-read:\n        party: upland\n");
