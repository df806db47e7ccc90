//! The layering rules, checked against the source tree itself (a unit test that only reads
//! files: no second test binary linking the SDK). Run with `--nocapture` to see the graph:
//! `cargo test --lib architecture -- --nocapture`.
//!
//! The file needs nothing but std, so it also measures any other checkout (an older commit,
//! say) without building it:
//! `CARGO_MANIFEST_DIR=/path/to/checkout rustc --edition 2024 --test -o /tmp/arch src/architecture_tests.rs && /tmp/arch --nocapture`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One `crate::X` (or external crate) path found in a file.
#[derive(Debug, Clone)]
struct Import {
    file: String,
    line: usize,
    from: String,
    to: String,
    text: String,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to: `src/x.rs` and `src/x/**` are `x`; the crate
/// root files are not modules of their own.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    match first.strip_suffix(".rs") {
        Some("lib" | "main") => None,
        Some(name) => Some(name.to_string()),
        None => Some(first),
    }
}

/// The file's code without line comments and without `#[cfg(test)] mod … { … }` blocks:
/// tests may reach anywhere, only what ships is layered. (Braces are counted naively, which
/// holds for this code base: format strings balance theirs.)
fn shipped_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut skip_depth: Option<i64> = None;
    let mut test_attr = false;
    for (i, raw) in text.lines().enumerate() {
        let code = strip_line_comment(raw);
        let trimmed = code.trim();
        if let Some(depth) = skip_depth.as_mut() {
            *depth += brace_balance(code);
            if *depth <= 0 {
                skip_depth = None;
            }
            continue;
        }
        if test_attr && trimmed.starts_with("mod ") && trimmed.ends_with('{') {
            test_attr = false;
            let depth = brace_balance(code);
            if depth > 0 {
                skip_depth = Some(depth);
            }
            continue;
        }
        if trimmed == "#[cfg(test)]" {
            test_attr = true;
            continue;
        }
        if !trimmed.is_empty() {
            test_attr = false;
        }
        out.push((i + 1, code.to_string()));
    }
    out
}

fn brace_balance(code: &str) -> i64 {
    code.chars()
        .map(|c| match c {
            '{' => 1,
            '}' => -1,
            _ => 0,
        })
        .sum()
}

/// The line up to a `//` that is not inside a string literal.
fn strip_line_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut in_str = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_str => i += 1,
            b'"' => in_str = !in_str,
            b'/' if !in_str && bytes.get(i + 1) == Some(&b'/') => return &line[..i],
            _ => {}
        }
        i += 1;
    }
    line
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The top-level modules a line names through `crate::X` or `use crate::{X, …}`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let preceded_by_ident = rest[..at].chars().next_back().is_some_and(is_ident);
        let after = &rest[at + "crate::".len()..];
        if !preceded_by_ident {
            if let Some(group) = after.strip_prefix('{') {
                // The first identifier of each item at the group's own depth.
                let mut depth = 0;
                let mut at_item_start = true;
                let mut name = String::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => at_item_start = true,
                        c if at_item_start && depth == 0 && is_ident(c) => name.push(c),
                        _ if at_item_start && !name.is_empty() => {
                            found.push(std::mem::take(&mut name));
                            at_item_start = false;
                        }
                        _ => {}
                    }
                }
                if !name.is_empty() {
                    found.push(name);
                }
            } else {
                let name: String = after.chars().take_while(|c| is_ident(*c)).collect();
                if !name.is_empty() {
                    found.push(name);
                }
            }
        }
        rest = after;
    }
    found
}

/// Whether a line uses the external crate `name` (`use name…` or a `name::` path).
fn uses_external(code: &str, name: &str) -> bool {
    let pattern = format!("{name}::");
    let mut rest = code;
    while let Some(at) = rest.find(&pattern) {
        let before = rest[..at].chars().next_back();
        if !before.is_some_and(|c| is_ident(c) || c == ':') {
            return true;
        }
        rest = &rest[at + pattern.len()..];
    }
    let trimmed = code.trim_start();
    trimmed
        .strip_prefix("use ")
        .or_else(|| trimmed.strip_prefix("pub use "))
        .is_some_and(|u| u.trim_start().starts_with(name) && !u[name.len()..].starts_with(is_ident))
}

const EXTERNAL_FACES: &[&str] = &["clap", "ratatui", "crossterm"];

struct Tree {
    modules: BTreeSet<String>,
    imports: Vec<Import>,
}

/// The names of the modules a file declares under `#[cfg(test)]` (`#[cfg(test)] mod x;`).
fn test_only_children(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut test_attr = false;
    for line in text.lines().map(str::trim) {
        if line == "#[cfg(test)]" {
            test_attr = true;
            continue;
        }
        if test_attr
            && let Some(name) = line
                .strip_prefix("pub(crate) mod ")
                .or_else(|| line.strip_prefix("mod "))
            && let Some(name) = name.strip_suffix(';')
        {
            out.push(name.trim().to_string());
        }
        test_attr = false;
    }
    out
}

/// Files (and directories) that are compiled only for tests: tests may reach anywhere,
/// only what ships is layered.
fn test_only_paths(src: &Path, files: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let dir = match stem {
            "lib" | "main" | "mod" => file.parent().unwrap_or(src).to_path_buf(),
            _ => file.with_extension(""),
        };
        for child in test_only_children(&text) {
            out.push(dir.join(format!("{child}.rs")));
            out.push(dir.join(child));
        }
    }
    out
}

fn scan_tree() -> Tree {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let test_only = test_only_paths(&src, &files);
    files.retain(|f| !test_only.iter().any(|t| f.starts_with(t)));
    let mut modules = BTreeSet::new();
    let mut imports = Vec::new();
    for file in &files {
        let Some(from) = top_module(&src, file) else {
            continue;
        };
        modules.insert(from.clone());
        let text = std::fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let name = format!("src/{}", file.strip_prefix(&src).unwrap_or(file).display());
        for (line, code) in shipped_lines(&text) {
            let mut targets = crate_paths(&code);
            targets.extend(
                EXTERNAL_FACES
                    .iter()
                    .filter(|ext| uses_external(&code, ext))
                    .map(ToString::to_string),
            );
            for to in targets {
                if to == from {
                    continue;
                }
                imports.push(Import {
                    file: name.clone(),
                    line,
                    from: from.clone(),
                    to,
                    text: code.trim().to_string(),
                });
            }
        }
    }
    // Only edges to modules of this crate (and the external faces) count.
    imports.retain(|i| modules.contains(&i.to) || EXTERNAL_FACES.contains(&i.to.as_str()));
    Tree { modules, imports }
}

fn graph(tree: &Tree) -> BTreeMap<String, BTreeSet<String>> {
    let mut g: BTreeMap<String, BTreeSet<String>> = tree
        .modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for i in &tree.imports {
        if tree.modules.contains(&i.to) {
            g.entry(i.from.clone()).or_default().insert(i.to.clone());
        }
    }
    g
}

/// Every elementary cycle's strongly connected component (Tarjan), each as a path that
/// closes on its first module.
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Tarjan<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    impl<'a> Tarjan<'a> {
        fn visit(&mut self, v: &'a str) {
            self.index.insert(v, self.next);
            self.low.insert(v, self.next);
            self.next += 1;
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.g.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.out.push(component);
                }
            }
        }
    }
    let mut t = Tarjan {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            t.visit(v);
        }
    }
    t.out
}

/// One concrete circle through a component, for the message: follow edges inside it
/// until a module repeats.
fn circle(g: &BTreeMap<String, BTreeSet<String>>, component: &[String]) -> Vec<String> {
    let inside: BTreeSet<&String> = component.iter().collect();
    let mut path = vec![component[0].clone()];
    loop {
        let last = path.last().expect("non-empty");
        let next = g[last]
            .iter()
            .find(|n| inside.contains(n))
            .expect("a strongly connected component has an edge inside");
        if let Some(pos) = path.iter().position(|p| p == next) {
            let mut c = path[pos..].to_vec();
            c.push(next.clone());
            return c;
        }
        path.push(next.clone());
    }
}

fn print_graph(g: &BTreeMap<String, BTreeSet<String>>) {
    println!("import graph of src/ (top-level module -> modules it imports):");
    for (m, to) in g {
        println!(
            "  {m} -> {}",
            to.iter().cloned().collect::<Vec<_>>().join(", ")
        );
    }
}

fn where_(tree: &Tree, from: &str, to: &str) -> String {
    tree.imports
        .iter()
        .filter(|i| i.from == from && i.to == to)
        .take(3)
        .map(|i| format!("    {}:{}: {}", i.file, i.line, i.text))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn top_level_modules_form_no_cycle() {
    let tree = scan_tree();
    let g = graph(&tree);
    print_graph(&g);
    let found = cycles(&g);
    println!("cycles: {}", found.len());
    let mut message = String::new();
    for component in &found {
        let c = circle(&g, component);
        message.push_str(&format!(
            "import cycle among {{{}}}: {}\n",
            component.join(", "),
            c.join(" -> ")
        ));
        for pair in c.windows(2) {
            message.push_str(&format!(
                "  {} -> {}:\n{}\n",
                pair[0],
                pair[1],
                where_(&tree, &pair[0], &pair[1])
            ));
        }
    }
    assert!(found.is_empty(), "{message}");
}

/// What the inner layers may not reach: the faces, the composition, and the UI/CLI crates.
const FACES: &[&str] = &[
    "tui",
    "report",
    "cli",
    "session",
    "headless",
    "app",
    "scan",
    "demo",
    "runbook",
    "clap",
    "clap_complete",
    "clap_mangen",
    "ratatui",
    "crossterm",
];

fn layering_violations(tree: &Tree) -> Vec<String> {
    let rules: &[(&str, &[&str], &str)] = &[
        ("engine", FACES, "the engine is below every face"),
        ("checks", FACES, "checks are below every face"),
        ("facts", FACES, "facts are below every face"),
        (
            "engine",
            &["checks", "facts"],
            "the engine knows no checks and no I/O",
        ),
        ("facts", &["checks"], "facts are observed, not judged"),
        ("context", FACES, "the run's settings are below every face"),
    ];
    let mut broken = Vec::new();
    for (from, forbidden, why) in rules {
        for i in &tree.imports {
            if &i.from == from && forbidden.contains(&i.to.as_str()) {
                broken.push(format!(
                    "{}:{}: {} imports {} ({why}): {}",
                    i.file, i.line, i.from, i.to, i.text
                ));
            }
        }
    }
    // The run-state model is what faces read; the facts neither build nor read it.
    for i in &tree.imports {
        if i.from == "facts"
            && i.to == "engine"
            && ["engine::state", "engine::Engine", "engine::EngineEvent"]
                .iter()
                .any(|p| i.text.contains(p))
        {
            broken.push(format!(
                "{}:{}: facts import the engine's run state: {}",
                i.file, i.line, i.text
            ));
        }
    }
    broken
}

#[test]
fn inner_layers_import_no_face() {
    let broken = layering_violations(&scan_tree());
    assert!(broken.is_empty(), "layering broken:\n{}", broken.join("\n"));
}

#[test]
fn a_face_imported_by_an_inner_layer_is_named() {
    let import = |from: &str, to: &str, text: &str| Import {
        file: format!("src/{from}/x.rs"),
        line: 7,
        from: from.into(),
        to: to.into(),
        text: text.into(),
    };
    let tree = Tree {
        modules: ["checks", "facts", "engine", "tui"]
            .map(String::from)
            .into(),
        imports: vec![
            import("checks", "tui", "use crate::tui::state::App;"),
            import("facts", "clap", "use clap::Parser;"),
            import("facts", "engine", "use crate::engine::state::RunState;"),
            import("facts", "engine", "use crate::engine::outcome::Account;"),
        ],
    };
    let broken = layering_violations(&tree);
    assert_eq!(broken.len(), 3, "{broken:#?}");
    assert!(broken[0].starts_with("src/checks/x.rs:7: checks imports tui"));
    assert!(broken[1].contains("facts imports clap"));
    assert!(broken[2].contains("facts import the engine's run state"));
}

#[test]
fn the_checker_sees_what_it_checks() {
    // The parser itself: a grouped import, a path in an expression, a comment, a test block.
    assert_eq!(
        crate_paths("use crate::{engine::x, facts::{a, b}};"),
        vec!["engine", "facts"]
    );
    assert_eq!(
        crate_paths("let s = crate::session::Session::new();"),
        vec!["session"]
    );
    assert!(crate_paths(strip_line_comment("x(); // see crate::tui")).is_empty());
    assert!(uses_external("use clap::Parser;", "clap"));
    assert!(uses_external("#[derive(clap::ValueEnum)]", "clap"));
    assert!(!uses_external("use clapper::X;", "clap"));
    let text =
        "use crate::a::X;\n#[cfg(test)]\nmod tests {\n    use crate::b::Y;\n}\nuse crate::c::Z;\n";
    let kept: Vec<String> = shipped_lines(text)
        .iter()
        .flat_map(|(_, l)| crate_paths(l))
        .collect();
    assert_eq!(kept, vec!["a", "c"]);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        g.entry(a.into()).or_default().insert(b.into());
        g.entry(b.into()).or_default();
    }
    let found = cycles(&g);
    assert_eq!(found, vec![vec!["a", "b", "c"]]);
    assert_eq!(circle(&g, &found[0]), vec!["a", "b", "c", "a"]);
}
