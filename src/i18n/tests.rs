//! The message files are complete and honest in both languages.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::*;

/// Every message id per file and language, with the variables its text uses.
fn messages(text: &str) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let resource = fluent_syntax::parser::parse(text.to_string()).expect("parses");
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            let mut words = String::new();
            if let Some(p) = &m.value {
                pattern_parts(p, &mut vars, &mut words);
            }
            out.insert(m.id.name.clone(), (words, vars));
        }
    }
    out
}

fn pattern_parts(p: &ast::Pattern<String>, vars: &mut BTreeSet<String>, words: &mut String) {
    for el in &p.elements {
        match el {
            ast::PatternElement::TextElement { value } => words.push_str(value),
            ast::PatternElement::Placeable { expression } => {
                expression_parts(expression, vars, words);
            }
        }
    }
}

fn expression_parts(e: &ast::Expression<String>, vars: &mut BTreeSet<String>, words: &mut String) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_parts(selector, vars, words);
            for v in variants {
                pattern_parts(&v.value, vars, words);
            }
        }
        ast::Expression::Inline(i) => inline_parts(i, vars, words),
    }
}

fn inline_parts(
    i: &ast::InlineExpression<String>,
    vars: &mut BTreeSet<String>,
    words: &mut String,
) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.clone());
        }
        ast::InlineExpression::Placeable { expression } => {
            expression_parts(expression, vars, words);
        }
        ast::InlineExpression::StringLiteral { value } => words.push_str(value),
        _ => {}
    }
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_arguments() {
    let mut problems = Vec::new();
    for (file, en, ko) in MESSAGE_FILES {
        let (en, ko) = (messages(en), messages(ko));
        for (id, (en_words, en_vars)) in &en {
            match ko.get(id) {
                None => problems.push(format!("{file}: {id} has no Korean text")),
                Some((ko_words, ko_vars)) => {
                    if ko_vars != en_vars {
                        problems.push(format!(
                            "{file}: {id} uses {ko_vars:?} in Korean but {en_vars:?} in English"
                        ));
                    }
                    let hangul = ko_words
                        .chars()
                        .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
                    if !en_words.trim().is_empty() && (ko_words == en_words || !hangul) {
                        problems.push(format!("{file}: {id} is not translated: {ko_words:?}"));
                    }
                }
            }
        }
        for id in ko.keys().filter(|id| !en.contains_key(*id)) {
            problems.push(format!("{file}: {id} is only in Korean"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_message_id_is_defined_once_across_the_files() {
    let mut seen = BTreeMap::new();
    for (file, en, _) in MESSAGE_FILES {
        for id in messages(en).into_keys() {
            if let Some(other) = seen.insert(id.clone(), *file) {
                panic!("{id} is in {other} and in {file}");
            }
        }
    }
}

/// Every message id a `t!` call in the code names exists (a typo would print the id).
#[test]
fn every_message_the_code_asks_for_exists() {
    let mut known = BTreeSet::new();
    for (_, en, _) in MESSAGE_FILES {
        known.extend(messages(en).into_keys());
    }
    let call = regex::Regex::new(r#"\bt!\(\s*"([^"]+)""#).unwrap();
    let mut missing = Vec::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n/mod.rs")
            {
                // (The macro's own documentation shows made-up ids.)
                let text = std::fs::read_to_string(&path).unwrap();
                for c in call.captures_iter(&text) {
                    if !known.contains(&c[1]) {
                        missing.push(format!("{}: {}", path.display(), &c[1]));
                    }
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "messages asked for but not defined:\n{}",
        missing.join("\n")
    );
}

#[test]
fn messages_take_arguments_and_plurals_and_korean_falls_back_per_message() {
    assert_eq!(message_in(Lang::En, "status-fail", &[]), "FAIL");
    assert_eq!(message_in(Lang::Ko, "status-fail", &[]), "실패");
    assert_eq!(
        message_in(Lang::Ko, "no-such-message", &[]),
        "no-such-message"
    );
    let _ko = scoped(Lang::Ko);
    assert_eq!(crate::t!("status-unknown"), "확인 불가");
    drop(_ko);
    assert_eq!(crate::t!("status-unknown"), "UNKNOWN");
}

#[test]
fn the_locale_asks_for_korean_only_when_its_deciding_variable_does() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(
        Lang::from_locale(&env(&[("LANG", "ko_KR.UTF-8")])),
        Lang::Ko
    );
    // LC_ALL outranks LANG, as setlocale reads them; an empty one does not count.
    assert_eq!(
        Lang::from_locale(&env(&[("LC_ALL", "C"), ("LANG", "ko_KR")])),
        Lang::En
    );
    assert_eq!(
        Lang::from_locale(&env(&[("LC_ALL", ""), ("LC_MESSAGES", "ko_KR.UTF-8")])),
        Lang::Ko
    );
    assert_eq!(Lang::from_locale(&env(&[("LANG", "kok_IN")])), Lang::En);
    assert_eq!(Lang::from_locale(&env(&[])), Lang::En);
}

fn hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// The `{placeholder}` names of a catalog text.
fn placeholders(s: &str) -> BTreeSet<String> {
    regex::Regex::new(r"\{([a-z_]+)\}")
        .unwrap()
        .captures_iter(s)
        .map(|c| c[1].to_string())
        .collect()
}

/// One text and its translation: translated, not copied, and with the same placeholders.
fn judge(problems: &mut Vec<String>, at: &str, en: &str, ko: &str) {
    if en.trim().is_empty() {
        return;
    }
    if ko == en || !hangul(ko) {
        problems.push(format!("{at}: no Korean text ({ko:?})"));
    } else if placeholders(en) != placeholders(ko) {
        problems.push(format!(
            "{at}: placeholders {:?} in English, {:?} in Korean",
            placeholders(en),
            placeholders(ko)
        ));
    }
}

#[test]
fn every_check_runbook_step_and_workload_has_a_korean_text() {
    use crate::engine::catalog::Catalog;
    let mut problems = Vec::new();
    let en = Catalog::embedded_in(Lang::En).unwrap();
    let ko = Catalog::embedded_in(Lang::Ko).unwrap();
    for e in en.checks() {
        let k = ko.get(&e.id).unwrap();
        judge(
            &mut problems,
            &format!("{} title", e.id),
            &e.title,
            &k.title,
        );
        judge(
            &mut problems,
            &format!("{} explanation", e.id),
            &e.explanation,
            &k.explanation,
        );
        for (key, fix) in &e.fix {
            judge(
                &mut problems,
                &format!("{} fix {key}", e.id),
                &fix.text,
                &k.fix[key].text,
            );
        }
    }
    let books_en = crate::runbook::shipped_in(&en, Lang::En).unwrap();
    let books_ko = crate::runbook::shipped_in(&en, Lang::Ko).unwrap();
    for (e, k) in books_en.iter().zip(&books_ko) {
        judge(
            &mut problems,
            &format!("runbook {} title", e.name),
            &e.title,
            &k.title,
        );
        judge(
            &mut problems,
            &format!("runbook {} description", e.name),
            &e.description,
            &k.description,
        );
        for (es, ks) in e.steps.iter().zip(&k.steps) {
            let at = |field: &str| format!("runbook {} step {} {field}", e.name, es.id);
            judge(&mut problems, &at("title"), &es.title, &ks.title);
            judge(&mut problems, &at("why"), &es.why, &ks.why);
            judge(&mut problems, &at("pass"), &es.pass, &ks.pass);
            judge(&mut problems, &at("fail"), &es.fail, &ks.fail);
            judge(&mut problems, &at("action"), &es.action, &ks.action);
        }
    }
    let profiles_en = crate::workload::profiles_in(Lang::En);
    let profiles_ko = crate::workload::profiles_in(Lang::Ko);
    for (e, k) in profiles_en.iter().zip(&profiles_ko) {
        judge(
            &mut problems,
            &format!("workload {} title", e.name),
            &e.title,
            &k.title,
        );
        if let (Some(en_note), Some(ko_note)) = (&e.note, &k.note) {
            judge(
                &mut problems,
                &format!("workload {} note", e.name),
                en_note,
                ko_note,
            );
        }
        for (es, ks) in e.service.iter().zip(&k.service) {
            judge(
                &mut problems,
                &format!("workload {} {}", e.name, es.name),
                &es.reason,
                &ks.reason,
            );
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_translation_naming_what_the_catalog_lacks_is_refused() {
    let mut catalog = crate::engine::catalog::Catalog::embedded_in(Lang::En).unwrap();
    let unknown = "[[check]]\nid = \"no.such\"\ntitle = \"가\"\nexplanation = \"나\"\n";
    let e = catalog
        .translate([("ko/x.toml".to_string(), unknown.to_string())])
        .unwrap_err();
    assert!(e.to_string().contains("no.such"), "{e}");
    let bad_fix = "[[check]]\nid = \"endpoint.found\"\ntitle = \"가\"\nexplanation = \"나\"\n[check.fix.nope]\ntext = \"다\"\n";
    let e = catalog
        .translate([("ko/x.toml".to_string(), bad_fix.to_string())])
        .unwrap_err();
    assert!(e.to_string().contains("nope"), "{e}");
}
