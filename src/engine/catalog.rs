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
    ("dns.toml", include_str!("../../checks/dns.toml")),
    ("expert.toml", include_str!("../../checks/expert.toml")),
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

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CatalogError {
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    #[error("check id {0:?} is defined twice")]
    Duplicate(String),
    #[error("check {check:?} needs {missing:?}, which is not in the catalog")]
    DanglingNeed { check: String, missing: String },
    #[error("the checks' needs form a cycle: {}", .0.join(" -> "))]
    Cycle(Vec<String>),
}

/// The validated catalog, in a dependency order (every check after what it needs).
#[derive(Debug, Clone)]
pub struct Catalog {
    checks: Vec<CheckSpec>,
    index: HashMap<String, usize>,
}

impl Catalog {
    pub fn embedded() -> Result<Catalog, CatalogError> {
        Self::from_sources(EMBEDDED.iter().map(|(f, t)| (f.to_string(), t.to_string())))
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

    /// All checks, each after the checks it needs.
    pub fn checks(&self) -> &[CheckSpec] {
        &self.checks
    }

    pub fn get(&self, id: &str) -> Option<&CheckSpec> {
        self.index.get(id).map(|&i| &self.checks[i])
    }

    /// `id` and everything that depends on it, directly or not.
    pub fn with_dependents(&self, id: &str) -> HashSet<String> {
        let mut out: HashSet<String> = HashSet::from([id.to_string()]);
        // The order is a dependency order, so one pass reaches the whole closure.
        for c in &self.checks {
            if c.needs.iter().any(|n| out.contains(n)) {
                out.insert(c.id.clone());
            }
        }
        out
    }

    pub fn ids(&self) -> HashSet<&str> {
        self.checks.iter().map(|c| c.id.as_str()).collect()
    }
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
}
