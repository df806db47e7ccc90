//! The check catalog: data in `checks/*.toml`, embedded at build time, validated at load.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use super::outcome::Account;

/// The catalog files, embedded so the binary needs nothing beside it.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("endpoint.toml", include_str!("../../checks/endpoint.toml")),
    ("vpc.toml", include_str!("../../checks/vpc.toml")),
    ("service.toml", include_str!("../../checks/service.toml")),
    ("nlb.toml", include_str!("../../checks/nlb.toml")),
    ("gateway.toml", include_str!("../../checks/gateway.toml")),
    ("client.toml", include_str!("../../checks/client.toml")),
    ("dns.toml", include_str!("../../checks/dns.toml")),
    ("expert.toml", include_str!("../../checks/expert.toml")),
    ("gwlb.toml", include_str!("../../checks/gwlb.toml")),
    ("lattice.toml", include_str!("../../checks/lattice.toml")),
    ("target.toml", include_str!("../../checks/target.toml")),
    ("traffic.toml", include_str!("../../checks/traffic.toml")),
    ("flowlogs.toml", include_str!("../../checks/flowlogs.toml")),
];

/// The catalog's Korean texts, one file per English file (`checks/ko/`): titles,
/// explanations and fix texts only; everything else is shared with the English entry.
pub const EMBEDDED_KO: &[(&str, &str)] = &[
    (
        "endpoint.toml",
        include_str!("../../checks/ko/endpoint.toml"),
    ),
    ("vpc.toml", include_str!("../../checks/ko/vpc.toml")),
    ("service.toml", include_str!("../../checks/ko/service.toml")),
    ("nlb.toml", include_str!("../../checks/ko/nlb.toml")),
    ("gateway.toml", include_str!("../../checks/ko/gateway.toml")),
    ("client.toml", include_str!("../../checks/ko/client.toml")),
    ("dns.toml", include_str!("../../checks/ko/dns.toml")),
    ("expert.toml", include_str!("../../checks/ko/expert.toml")),
    ("gwlb.toml", include_str!("../../checks/ko/gwlb.toml")),
    ("lattice.toml", include_str!("../../checks/ko/lattice.toml")),
    ("target.toml", include_str!("../../checks/ko/target.toml")),
    ("traffic.toml", include_str!("../../checks/ko/traffic.toml")),
    (
        "flowlogs.toml",
        include_str!("../../checks/ko/flowlogs.toml"),
    ),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixTemplate {
    pub account: Account,
    pub text: String,
    #[serde(default)]
    pub command: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSpec {
    pub id: String,
    pub title: String,
    pub account: Account,
    #[serde(default)]
    pub needs: Vec<String>,
    /// Checks whose failure explains this one's: when one of them fails and this one fails
    /// too, this one is a symptom, not a root cause.
    #[serde(default)]
    pub consequence_of: Vec<String>,
    /// Measured checks that outrank this inference: when one of them passes and this one
    /// fails, the rules are read wrong somewhere and this one drops to `warn`.
    #[serde(default)]
    pub overruled_by: Vec<String>,
    pub docs: String,
    /// The AWS CLI (or dig) command that shows what the check looked at.
    #[serde(default)]
    pub reproduce: Option<String>,
    pub explanation: String,
    #[serde(default)]
    pub fix: BTreeMap<String, FixTemplate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    #[serde(default)]
    check: Vec<CheckSpec>,
}

/// A check's texts in another language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslatedCheck {
    id: String,
    title: String,
    explanation: String,
    #[serde(default)]
    fix: BTreeMap<String, TranslatedFix>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslatedFix {
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslationFile {
    #[serde(default)]
    check: Vec<TranslatedCheck>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CatalogError {
    #[error("{file}: translates check {id:?}, which is not in the catalog")]
    UnknownTranslation { file: String, id: String },
    #[error("{file}: translates fix {key:?} of check {id:?}, which has no such fix")]
    UnknownFixTranslation {
        file: String,
        id: String,
        key: String,
    },
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    #[error("check id {0:?} is defined twice")]
    Duplicate(String),
    #[error("check {check:?} needs {missing:?}, which is not in the catalog")]
    DanglingNeed { check: String, missing: String },
    #[error("the checks' needs form a cycle: {}", .0.join(" -> "))]
    Cycle(Vec<String>),
    #[error("check {check:?} names {missing:?} in {relation}, which is not in the catalog")]
    DanglingRelation {
        check: String,
        relation: &'static str,
        missing: String,
    },
    #[error("the checks' {relation} relations form a cycle: {}", .path.join(" -> "))]
    RelationCycle {
        relation: &'static str,
        path: Vec<String>,
    },
    #[error(
        "check {check:?} names {other:?} both as a cause and as a measurement that overrules it"
    )]
    Contradiction { check: String, other: String },
}

/// The validated catalog, in a dependency order (every check after what it needs).
#[derive(Debug, Clone)]
pub struct Catalog {
    checks: Vec<CheckSpec>,
    index: HashMap<String, usize>,
}

impl Catalog {
    /// The embedded catalog in the language of this run ([`crate::i18n::current`]).
    pub fn embedded() -> Result<Catalog, CatalogError> {
        Self::embedded_in(crate::i18n::current())
    }

    /// The embedded catalog with its texts in `lang`.
    pub fn embedded_in(lang: crate::i18n::Lang) -> Result<Catalog, CatalogError> {
        let mut catalog =
            Self::from_sources(EMBEDDED.iter().map(|(f, t)| (f.to_string(), t.to_string())))?;
        if lang == crate::i18n::Lang::Ko {
            catalog.translate(
                EMBEDDED_KO
                    .iter()
                    .map(|(f, t)| (f.to_string(), t.to_string())),
            )?;
        }
        Ok(catalog)
    }

    /// Replace the texts of the checks the sources translate (title, explanation, fix texts);
    /// ids, commands, accounts and relations stay the catalog's. A text the sources leave out
    /// stays English: a test holds the embedded translations complete.
    pub fn translate(
        &mut self,
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<(), CatalogError> {
        for (file, text) in sources {
            let parsed: TranslationFile =
                toml::from_str(&text).map_err(|e| CatalogError::Parse {
                    file: file.clone(),
                    message: crate::sanitize::one_line(e.message()),
                })?;
            for t in parsed.check {
                let Some(&i) = self.index.get(&t.id) else {
                    return Err(CatalogError::UnknownTranslation { file, id: t.id });
                };
                let spec = &mut self.checks[i];
                spec.title = t.title;
                spec.explanation = t.explanation;
                for (key, fix) in t.fix {
                    let Some(template) = spec.fix.get_mut(&key) else {
                        return Err(CatalogError::UnknownFixTranslation {
                            file,
                            id: t.id,
                            key,
                        });
                    };
                    template.text = fix.text;
                }
            }
        }
        Ok(())
    }

    pub fn from_sources(
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Catalog, CatalogError> {
        let mut checks = Vec::new();
        for (file, text) in sources {
            // toml's own rendering spans several lines (a source excerpt): one line instead.
            let parsed: CatalogFile = toml::from_str(&text).map_err(|e| CatalogError::Parse {
                file: file.clone(),
                message: crate::sanitize::one_line(&match e.span() {
                    Some(span) => format!(
                        "line {}: {}",
                        text[..span.start.min(text.len())].matches('\n').count() + 1,
                        e.message()
                    ),
                    None => e.message().to_string(),
                }),
            })?;
            checks.extend(parsed.check);
        }
        Self::validate(checks)
    }

    fn validate(checks: Vec<CheckSpec>) -> Result<Catalog, CatalogError> {
        let mut by_id: BTreeMap<String, CheckSpec> = BTreeMap::new();
        let mut declared_order = Vec::new();
        for c in checks {
            if by_id.contains_key(&c.id) {
                return Err(CatalogError::Duplicate(c.id));
            }
            declared_order.push(c.id.clone());
            by_id.insert(c.id.clone(), c);
        }
        for c in by_id.values() {
            for n in &c.needs {
                if !by_id.contains_key(n) {
                    return Err(CatalogError::DanglingNeed {
                        check: c.id.clone(),
                        missing: n.clone(),
                    });
                }
            }
        }
        Self::validate_relations(&by_id)?;
        // Depth-first with an explicit path so a cycle is reported whole, not as one node.
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            OnPath,
            Done,
        }
        let mut marks: HashMap<String, Mark> =
            by_id.keys().map(|k| (k.clone(), Mark::New)).collect();
        let mut ordered = Vec::new();
        fn visit(
            id: &str,
            by_id: &BTreeMap<String, CheckSpec>,
            marks: &mut HashMap<String, Mark>,
            path: &mut Vec<String>,
            ordered: &mut Vec<String>,
        ) -> Result<(), CatalogError> {
            match marks[id] {
                Mark::Done => return Ok(()),
                Mark::OnPath => {
                    let start = path.iter().position(|p| p == id).unwrap_or(0);
                    let mut cycle: Vec<String> = path[start..].to_vec();
                    cycle.push(id.to_string());
                    return Err(CatalogError::Cycle(cycle));
                }
                Mark::New => {}
            }
            marks.insert(id.to_string(), Mark::OnPath);
            path.push(id.to_string());
            for n in &by_id[id].needs {
                visit(n, by_id, marks, path, ordered)?;
            }
            path.pop();
            marks.insert(id.to_string(), Mark::Done);
            ordered.push(id.to_string());
            Ok(())
        }
        for id in &declared_order {
            visit(id, &by_id, &mut marks, &mut Vec::new(), &mut ordered)?;
        }
        let checks: Vec<CheckSpec> = ordered
            .iter()
            .map(|id| by_id.remove(id).expect("visited ids exist"))
            .collect();
        let index = checks
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Ok(Catalog { checks, index })
    }

    /// `consequence_of` and `overruled_by` name real checks, never the check itself or the same
    /// check in both, and neither relation loops: a loop of causes would leave a failure with
    /// no root at all.
    fn validate_relations(by_id: &BTreeMap<String, CheckSpec>) -> Result<(), CatalogError> {
        type Pick = fn(&CheckSpec) -> &Vec<String>;
        let relations: [(&'static str, Pick); 2] = [
            ("consequence_of", |c| &c.consequence_of),
            ("overruled_by", |c| &c.overruled_by),
        ];
        for c in by_id.values() {
            for (relation, pick) in relations {
                for other in pick(c) {
                    if !by_id.contains_key(other) {
                        return Err(CatalogError::DanglingRelation {
                            check: c.id.clone(),
                            relation,
                            missing: other.clone(),
                        });
                    }
                }
            }
            if let Some(other) = c.consequence_of.iter().find(|o| c.overruled_by.contains(o)) {
                return Err(CatalogError::Contradiction {
                    check: c.id.clone(),
                    other: other.clone(),
                });
            }
        }
        for (relation, pick) in relations {
            if let Some(path) = find_cycle(by_id, pick) {
                return Err(CatalogError::RelationCycle { relation, path });
            }
        }
        Ok(())
    }

    /// All checks, each after the checks it needs.
    pub fn checks(&self) -> &[CheckSpec] {
        &self.checks
    }

    pub fn get(&self, id: &str) -> Option<&CheckSpec> {
        self.index.get(id).map(|&i| &self.checks[i])
    }

    /// `id` and everything that depends on it, directly or not: what needs it, and what
    /// reads it as a cause or as an overruling measurement (their verdicts are judged
    /// against its result, so they are judged again with it).
    pub fn with_dependents(&self, id: &str) -> HashSet<String> {
        let mut out: HashSet<String> = HashSet::from([id.to_string()]);
        // Relations run against the dependency order, so repeat until nothing is added.
        loop {
            let before = out.len();
            for c in &self.checks {
                if c.needs
                    .iter()
                    .chain(&c.consequence_of)
                    .chain(&c.overruled_by)
                    .any(|n| out.contains(n))
                {
                    out.insert(c.id.clone());
                }
            }
            if out.len() == before {
                return out;
            }
        }
    }

    pub fn ids(&self) -> HashSet<&str> {
        self.checks.iter().map(|c| c.id.as_str()).collect()
    }
}

/// A loop in the graph `pick` draws over the checks, as a path from a check back to itself.
fn find_cycle(
    by_id: &BTreeMap<String, CheckSpec>,
    pick: fn(&CheckSpec) -> &Vec<String>,
) -> Option<Vec<String>> {
    fn walk<'a>(
        id: &'a str,
        by_id: &'a BTreeMap<String, CheckSpec>,
        pick: fn(&CheckSpec) -> &Vec<String>,
        done: &mut HashSet<&'a str>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(pos) = path.iter().position(|p| *p == id) {
            let mut cycle: Vec<String> = path[pos..].iter().map(ToString::to_string).collect();
            cycle.push(id.to_string());
            return Some(cycle);
        }
        if done.contains(id) {
            return None;
        }
        path.push(id);
        for next in pick(&by_id[id]) {
            if let Some(c) = walk(next, by_id, pick, done, path) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(id);
        None
    }
    let mut done = HashSet::new();
    by_id
        .keys()
        .find_map(|id| walk(id, by_id, pick, &mut done, &mut Vec::new()))
}

/// One line of the dependency tree: each check sits under the first check it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeRow {
    /// Index into the items given to [`tree`].
    pub index: usize,
    pub depth: usize,
    /// Guides drawn before the id ("├─ ", "│  └─ " …).
    pub prefix: String,
}

/// Lay `items` (id, first need) out as a tree, children in the given order.
pub fn tree(items: &[(&str, Option<&str>)]) -> Vec<TreeRow> {
    let mut children: HashMap<Option<&str>, Vec<usize>> = HashMap::new();
    for (i, (_, parent)) in items.iter().enumerate() {
        // A parent that is not among the items makes its child a root.
        let parent = parent.filter(|p| items.iter().any(|(id, _)| id == p));
        children.entry(parent).or_default().push(i);
    }
    fn walk(
        i: usize,
        depth: usize,
        guides: &str,
        last: bool,
        items: &[(&str, Option<&str>)],
        children: &HashMap<Option<&str>, Vec<usize>>,
        out: &mut Vec<TreeRow>,
    ) {
        let prefix = if depth == 0 {
            String::new()
        } else {
            format!("{guides}{}", if last { "└─ " } else { "├─ " })
        };
        out.push(TreeRow {
            index: i,
            depth,
            prefix,
        });
        let next = if depth == 0 {
            String::new()
        } else {
            format!("{guides}{}", if last { "   " } else { "│  " })
        };
        if let Some(kids) = children.get(&Some(items[i].0)) {
            for (n, k) in kids.iter().enumerate() {
                walk(
                    *k,
                    depth + 1,
                    &next,
                    n + 1 == kids.len(),
                    items,
                    children,
                    out,
                );
            }
        }
    }
    let mut out = Vec::new();
    for root in children.get(&None).cloned().unwrap_or_default() {
        walk(root, 0, "", true, items, &children, &mut out);
    }
    out
}

/// Fill `{name}` placeholders from `vars`; an unknown placeholder is left visible so a gap in
/// the code shows up in review and tests instead of silently vanishing.
pub fn render_template(template: &str, vars: &[(String, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end)
                if after[..end]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_')
                    && end > 0 =>
            {
                let name = &after[..end];
                match vars.iter().find(|(k, _)| k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether every placeholder was filled (a command with a `{hole}` is not worth showing).
pub fn fully_rendered(text: &str) -> bool {
    !text.split('{').skip(1).any(|rest| {
        rest.find('}')
            .map(|end| {
                end > 0
                    && rest[..end]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_')
            })
            .unwrap_or(false)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> Vec<(String, String)> {
        vec![("t.toml".to_string(), text.to_string())]
    }

    const HEAD: &str = "account = \"consumer\"\ndocs = \"d\"\nexplanation = \"e\"\n";

    #[test]
    fn embedded_catalog_is_valid_and_ordered() {
        let cat = Catalog::embedded().expect("embedded catalog loads");
        let pos: HashMap<&str, usize> = cat
            .checks()
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        for c in cat.checks() {
            for n in &c.needs {
                assert!(
                    pos[n.as_str()] < pos[c.id.as_str()],
                    "{} before {}",
                    n,
                    c.id
                );
            }
        }
    }

    #[test]
    fn cycle_is_reported_with_its_path() {
        let text = format!(
            "[[check]]\nid=\"a\"\ntitle=\"a\"\nneeds=[\"b\"]\n{HEAD}\n[[check]]\nid=\"b\"\ntitle=\"b\"\nneeds=[\"c\"]\n{HEAD}\n[[check]]\nid=\"c\"\ntitle=\"c\"\nneeds=[\"a\"]\n{HEAD}"
        );
        let err = Catalog::from_sources(src(&text)).unwrap_err();
        assert_eq!(
            err,
            CatalogError::Cycle(vec!["a".into(), "b".into(), "c".into(), "a".into()])
        );
        assert_eq!(
            err.to_string(),
            "the checks' needs form a cycle: a -> b -> c -> a"
        );
    }

    #[test]
    fn dangling_need_and_duplicates_are_errors() {
        let text = format!("[[check]]\nid=\"a\"\ntitle=\"a\"\nneeds=[\"zzz\"]\n{HEAD}");
        assert_eq!(
            Catalog::from_sources(src(&text)).unwrap_err(),
            CatalogError::DanglingNeed {
                check: "a".into(),
                missing: "zzz".into()
            }
        );
        let text = format!(
            "[[check]]\nid=\"a\"\ntitle=\"a\"\n{HEAD}\n[[check]]\nid=\"a\"\ntitle=\"x\"\n{HEAD}"
        );
        assert_eq!(
            Catalog::from_sources(src(&text)).unwrap_err(),
            CatalogError::Duplicate("a".into())
        );
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let text = format!("[[check]]\nid=\"a\"\ntitle=\"a\"\nneedz=[]\n{HEAD}");
        assert!(matches!(
            Catalog::from_sources(src(&text)),
            Err(CatalogError::Parse { .. })
        ));
    }

    #[test]
    fn tree_places_each_check_under_its_first_need() {
        let items = [
            ("a", None),
            ("b", Some("a")),
            ("c", Some("b")),
            ("d", Some("a")),
            ("e", None),
        ];
        let rows = tree(&items);
        let shape: Vec<(&str, usize, &str)> = rows
            .iter()
            .map(|r| (items[r.index].0, r.depth, r.prefix.as_str()))
            .collect();
        assert_eq!(
            shape,
            vec![
                ("a", 0, ""),
                ("b", 1, "├─ "),
                ("c", 2, "│  └─ "),
                ("d", 1, "└─ "),
                ("e", 0, "")
            ]
        );
    }

    #[test]
    fn templates_fill_known_and_keep_unknown_placeholders() {
        let vars = vec![("endpoint_id".to_string(), "vpce-1".to_string())];
        assert_eq!(
            render_template("a {endpoint_id} {nope} '{\"Value\":true}'", &vars),
            "a vpce-1 {nope} '{\"Value\":true}'"
        );
        assert!(!fully_rendered("a {nope}"));
        assert!(fully_rendered("--enable-dns-support '{\"Value\":true}'"));
    }

    #[test]
    fn relations_name_real_checks_and_never_loop() {
        let text = format!("[[check]]\nid=\"a\"\ntitle=\"a\"\nconsequence_of=[\"zzz\"]\n{HEAD}");
        assert_eq!(
            Catalog::from_sources(src(&text)).unwrap_err(),
            CatalogError::DanglingRelation {
                check: "a".into(),
                relation: "consequence_of",
                missing: "zzz".into()
            }
        );
        let text = format!(
            "[[check]]\nid=\"a\"\ntitle=\"a\"\nconsequence_of=[\"b\"]\n{HEAD}\n[[check]]\nid=\"b\"\ntitle=\"b\"\nconsequence_of=[\"a\"]\n{HEAD}"
        );
        let err = Catalog::from_sources(src(&text)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the checks' consequence_of relations form a cycle: a -> b -> a"
        );
        let text = format!("[[check]]\nid=\"a\"\ntitle=\"a\"\noverruled_by=[\"a\"]\n{HEAD}");
        assert!(matches!(
            Catalog::from_sources(src(&text)),
            Err(CatalogError::RelationCycle {
                relation: "overruled_by",
                ..
            })
        ));
        let text = format!(
            "[[check]]\nid=\"a\"\ntitle=\"a\"\nconsequence_of=[\"b\"]\noverruled_by=[\"b\"]\n{HEAD}\n[[check]]\nid=\"b\"\ntitle=\"b\"\n{HEAD}"
        );
        assert_eq!(
            Catalog::from_sources(src(&text)).unwrap_err(),
            CatalogError::Contradiction {
                check: "a".into(),
                other: "b".into()
            }
        );
        // A measurement explained by a rule reading that it also overrules: allowed, the two
        // cannot both apply (one needs the measurement failing, the other passing).
        let text = format!(
            "[[check]]\nid=\"rule\"\ntitle=\"r\"\noverruled_by=[\"probe\"]\n{HEAD}\n[[check]]\nid=\"probe\"\ntitle=\"p\"\nconsequence_of=[\"rule\"]\n{HEAD}"
        );
        assert!(Catalog::from_sources(src(&text)).is_ok());
    }

    #[test]
    fn dependents_include_what_reads_a_check_as_cause_or_measurement() {
        let cat = Catalog::embedded().unwrap();
        let d = cat.with_dependents("endpoint.tcp_connect");
        assert!(d.contains("endpoint.security_groups") && d.contains("endpoint.nacls"));
        let d = cat.with_dependents("service.private_dns_txt");
        assert!(d.contains("service.private_dns_verified") && d.contains("private_dns.resolves"));
    }
}
