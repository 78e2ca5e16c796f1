//! `--format junit`: a JUnit XML test report, one test case per file and rule, for
//! GitLab, Jenkins and other CI test-report views.

use super::CheckRun;
use crate::check::rules::{RULES, SCHEMA, Scope, YAML};
use crate::present::Render;
use crate::present::version;
/// Text for XML: one function for every text and attribute, so a key or a file
/// name cannot make the report unreadable to the CI that parses it.
fn escape(text: impl AsRef<str>) -> String {
    crate::present::text::escape::xml(text.as_ref())
}

/// JUnit XML.
#[derive(Debug, Clone, Copy)]
pub struct Junit {
    /// Whether the run compared with a base revision (so change rules were checked).
    pub with_base: bool,
}

impl Render<CheckRun<'_>> for Junit {
    fn render(&self, run: &CheckRun<'_>) -> String {
        // A tracker is tested against the tracker rules, a catalog against the rules
        // a catalog can break: a test case passed by a rule that never looks at the
        // file would be a false report.
        let tracker_rules: Vec<_> = RULES
            .iter()
            .filter(|r| r.scope == Scope::File || (self.with_base && r.scope == Scope::Change))
            .collect();
        let catalog_rules: Vec<_> = RULES
            .iter()
            .filter(|r| r.scope == Scope::Catalog || [YAML.id, SCHEMA.id].contains(&r.id))
            .collect();
        // The version goes in every suite: JUnit's schema has properties on a test
        // suite, not on the <testsuites> root.
        let properties = format!(
            "    <properties>\n      <property name=\"rectrack.version\" value=\"{}\"/>\n    </properties>\n",
            escape(version::LONG)
        );
        let mut suites = String::new();
        let (mut tests, mut failures) = (0, 0);
        for file in &run.files {
            let rules = if file.catalog {
                &catalog_rules
            } else {
                &tracker_rules
            };
            let mut cases = String::new();
            let mut suite_failures = 0;
            for rule in rules {
                let found: Vec<_> = file.findings.iter().filter(|f| f.rule == rule.id).collect();
                let failing: Vec<_> = found.iter().filter(|f| run.fails(f)).collect();
                cases.push_str(&format!(
                    "    <testcase name=\"{}\" classname=\"{}\"",
                    escape(rule.id),
                    escape(file.path)
                ));
                if found.is_empty() {
                    cases.push_str("/>\n");
                    continue;
                }
                cases.push_str(">\n");
                let details: String = found
                    .iter()
                    .map(|f| {
                        // Each piece escaped apart: the line breaks between them are
                        // the report's own, any in the pieces become references.
                        format!(
                            "{}:{}:{}: {}: {}\nhelp: {}\n",
                            escape(file.path),
                            f.span.start.line,
                            f.span.start.col,
                            f.severity,
                            escape(&f.message),
                            escape(&f.help)
                        )
                    })
                    .collect();
                if failing.is_empty() {
                    cases.push_str(&format!("      <system-out>{details}</system-out>\n"));
                } else {
                    suite_failures += 1;
                    cases.push_str(&format!(
                        "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                        escape(format!(
                            "{} finding(s): {}",
                            found.len(),
                            failing[0].message
                        )),
                        escape(rule.id),
                        details
                    ));
                }
                cases.push_str("    </testcase>\n");
            }
            tests += rules.len();
            failures += suite_failures;
            suites.push_str(&format!(
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{suite_failures}\" errors=\"0\">\n{properties}{cases}  </testsuite>\n",
                escape(file.path),
                rules.len()
            ));
        }
        for u in run.unreadable {
            tests += 1;
            suites.push_str(&format!(
                "  <testsuite name=\"{path}\" tests=\"1\" failures=\"0\" errors=\"1\">\n{properties}    <testcase name=\"read\" classname=\"{path}\">\n      <error message=\"{msg}\" type=\"io\"/>\n    </testcase>\n  </testsuite>\n",
                path = escape(&u.path),
                msg = escape(&u.message)
            ));
        }
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"rectrack\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">\n{suites}</testsuites>\n",
            run.unreadable.len()
        )
    }
}
