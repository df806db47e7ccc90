//! The one keymap: every binding with its description. The help overlay and the footer
//! hints are generated from it, so they cannot drift from what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Back,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    SwitchPane,
    Open,
    RerunAll,
    RerunSelected,
    ToggleWatch,
    Copy,
    Export,
    Filter,
    Help,
    NextStep,
    PreviousStep,
    Recheck,
    TogglePath,
    Left,
    Right,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Everywhere,
    Picker,
    Diagnosis,
    Runbook,
}

pub struct Binding {
    pub keys: &'static [KeyCode],
    pub label: &'static str,
    pub action: Action,
    pub scope: Scope,
    pub desc: &'static str,
    /// Shown in the footer as a hint.
    pub hint: bool,
}

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[KeyCode::Char('?')],
        label: "?",
        action: Action::Help,
        scope: Scope::Everywhere,
        desc: "show or hide this help",
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('q')],
        label: "q",
        action: Action::Quit,
        scope: Scope::Everywhere,
        desc: "quit",
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        scope: Scope::Everywhere,
        desc: "back (close help, leave filter, return to the picker) or quit",
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('k'), KeyCode::Up],
        label: "k/↑",
        action: Action::Up,
        scope: Scope::Everywhere,
        desc: "move up (scroll up in the detail pane)",
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('j'), KeyCode::Down],
        label: "j/↓",
        action: Action::Down,
        scope: Scope::Everywhere,
        desc: "move down (scroll down in the detail pane)",
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('g'), KeyCode::Home],
        label: "g/Home",
        action: Action::Top,
        scope: Scope::Everywhere,
        desc: "first item",
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('G'), KeyCode::End],
        label: "G/End",
        action: Action::Bottom,
        scope: Scope::Everywhere,
        desc: "last item",
        hint: false,
    },
    Binding {
        keys: &[KeyCode::PageUp],
        label: "PgUp",
        action: Action::PageUp,
        scope: Scope::Everywhere,
        desc: "scroll the detail pane up a page",
        hint: false,
    },
    Binding {
        keys: &[KeyCode::PageDown],
        label: "PgDn",
        action: Action::PageDown,
        scope: Scope::Everywhere,
        desc: "scroll the detail pane down a page",
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        scope: Scope::Picker,
        desc: "diagnose the selected endpoint",
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('/')],
        label: "/",
        action: Action::Filter,
        scope: Scope::Picker,
        desc: "filter the endpoints (type an id, a word or a DNS name — Tab completes the name — then Enter or Esc)",
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('/')],
        label: "/",
        action: Action::Filter,
        scope: Scope::Diagnosis,
        desc: "filter the checks (type, then Enter or Esc)",
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Tab],
        label: "Tab",
        action: Action::SwitchPane,
        scope: Scope::Diagnosis,
        desc: "switch between the check graph and the detail pane",
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('v')],
        label: "v",
        action: Action::TogglePath,
        scope: Scope::Diagnosis,
        desc: "switch between the check tree and the path view (the hops, zone by zone)",
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('h'), KeyCode::Left],
        label: "h/←",
        action: Action::Left,
        scope: Scope::Diagnosis,
        desc: "path view: the previous hop",
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('l'), KeyCode::Right],
        label: "l/→",
        action: Action::Right,
        scope: Scope::Diagnosis,
        desc: "path view: the next hop",
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        scope: Scope::Diagnosis,
        desc: "path view: go to the checks that judge the selected hop",
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('r')],
        label: "r",
        action: Action::RerunAll,
        scope: Scope::Diagnosis,
        desc: "rerun every check",
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('R')],
        label: "R",
        action: Action::RerunSelected,
        scope: Scope::Diagnosis,
        desc: "rerun the selected check and what depends on it",
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('w')],
        label: "w",
        action: Action::ToggleWatch,
        scope: Scope::Diagnosis,
        desc: "watch mode: rerun every N seconds and mark each status change with its time",
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('y')],
        label: "y",
        action: Action::Copy,
        scope: Scope::Diagnosis,
        desc: "copy the selected check's fix command (OSC 52: works over SSH)",
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('e')],
        label: "e",
        action: Action::Export,
        scope: Scope::Diagnosis,
        desc: "export this run as JSON, Markdown, HTML and JUnit",
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('n')],
        label: "n",
        action: Action::NextStep,
        scope: Scope::Runbook,
        desc: "runbook: next step (or where a failed step branches to)",
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('p')],
        label: "p",
        action: Action::PreviousStep,
        scope: Scope::Runbook,
        desc: "runbook: previous step",
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('r')],
        label: "r",
        action: Action::Recheck,
        scope: Scope::Runbook,
        desc: "runbook: re-check this step (after a fix was applied)",
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('y')],
        label: "y",
        action: Action::Copy,
        scope: Scope::Runbook,
        desc: "runbook: copy this step's fix command (OSC 52)",
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('e')],
        label: "e",
        action: Action::Export,
        scope: Scope::Runbook,
        desc: "runbook: export the transcript as Markdown and JSON",
        hint: true,
    },
];

impl Binding {
    pub fn applies(&self, scope: Scope) -> bool {
        self.scope == Scope::Everywhere || self.scope == scope
    }

    /// The description in the current language (English: `desc`).
    pub fn text(&self) -> String {
        match (self.action, self.scope) {
            (Action::Help, Scope::Everywhere) => crate::t!("tui-key-help"),
            (Action::Quit, Scope::Everywhere) => crate::t!("tui-key-quit"),
            (Action::Back, Scope::Everywhere) => crate::t!("tui-key-back"),
            (Action::Up, Scope::Everywhere) => crate::t!("tui-key-up"),
            (Action::Down, Scope::Everywhere) => crate::t!("tui-key-down"),
            (Action::Top, Scope::Everywhere) => crate::t!("tui-key-top"),
            (Action::Bottom, Scope::Everywhere) => crate::t!("tui-key-bottom"),
            (Action::PageUp, Scope::Everywhere) => crate::t!("tui-key-page-up"),
            (Action::PageDown, Scope::Everywhere) => crate::t!("tui-key-page-down"),
            (Action::Open, Scope::Picker) => crate::t!("tui-key-open-picker"),
            (Action::Filter, Scope::Picker) => crate::t!("tui-key-filter-picker"),
            (Action::Filter, Scope::Diagnosis) => crate::t!("tui-key-filter-diagnosis"),
            (Action::SwitchPane, Scope::Diagnosis) => crate::t!("tui-key-switch-pane-diagnosis"),
            (Action::RerunAll, Scope::Diagnosis) => crate::t!("tui-key-rerun-all-diagnosis"),
            (Action::RerunSelected, Scope::Diagnosis) => {
                crate::t!("tui-key-rerun-selected-diagnosis")
            }
            (Action::ToggleWatch, Scope::Diagnosis) => crate::t!("tui-key-toggle-watch-diagnosis"),
            (Action::Copy, Scope::Diagnosis) => crate::t!("tui-key-copy-diagnosis"),
            (Action::Export, Scope::Diagnosis) => crate::t!("tui-key-export-diagnosis"),
            (Action::TogglePath, Scope::Diagnosis) => crate::t!("tui-key-toggle-path-diagnosis"),
            (Action::Left, Scope::Diagnosis) => crate::t!("tui-key-left-diagnosis"),
            (Action::Right, Scope::Diagnosis) => crate::t!("tui-key-right-diagnosis"),
            (Action::Open, Scope::Diagnosis) => crate::t!("tui-key-open-diagnosis"),
            (Action::NextStep, Scope::Runbook) => crate::t!("tui-key-next-step-runbook"),
            (Action::PreviousStep, Scope::Runbook) => crate::t!("tui-key-previous-step-runbook"),
            (Action::Recheck, Scope::Runbook) => crate::t!("tui-key-recheck-runbook"),
            (Action::Copy, Scope::Runbook) => crate::t!("tui-key-copy-runbook"),
            (Action::Export, Scope::Runbook) => crate::t!("tui-key-export-runbook"),
            _ => self.desc.to_string(),
        }
    }
}

/// The action bound to `key` on this screen, if any.
pub fn action_for(key: &KeyEvent, scope: Scope) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    BINDINGS
        .iter()
        .filter(|b| b.applies(scope))
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.action)
}

/// Footer hints for one screen, generated from the bindings.
pub fn hints(scope: Scope) -> Vec<(&'static str, String)> {
    BINDINGS
        .iter()
        .filter(|b| b.hint && b.applies(scope))
        .map(|b| (b.label, short(b.action)))
        .collect()
}

fn short(a: Action) -> String {
    match a {
        Action::Help => crate::t!("tui-hint-help"),
        Action::Quit => crate::t!("tui-hint-quit"),
        Action::Open => crate::t!("tui-hint-diagnose"),
        Action::Filter => crate::t!("tui-hint-filter"),
        Action::SwitchPane => crate::t!("tui-hint-pane"),
        Action::RerunAll => crate::t!("tui-hint-rerun"),
        Action::ToggleWatch => crate::t!("tui-hint-watch"),
        Action::Copy => crate::t!("tui-hint-copy-fix"),
        Action::Export => crate::t!("tui-hint-export"),
        Action::NextStep => crate::t!("tui-hint-next"),
        Action::PreviousStep => crate::t!("tui-hint-prev"),
        Action::Recheck => crate::t!("tui-hint-recheck"),
        Action::TogglePath => crate::t!("tui-hint-path"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readme_key_table_matches_the_keymap() {
        let readme = include_str!("../../README.md");
        for b in BINDINGS {
            let row = format!("| `{}` | {} |", b.label, b.desc);
            assert!(readme.contains(&row), "README lacks the key row {row:?}");
        }
    }

    #[test]
    fn every_binding_has_its_message_and_the_english_is_the_desc() {
        for b in BINDINGS {
            assert_eq!(b.text(), b.desc, "{:?} {:?}", b.action, b.scope);
            let ko = {
                let _ko = crate::i18n::scoped(crate::i18n::Lang::Ko);
                b.text()
            };
            assert!(
                ko.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)),
                "{ko}"
            );
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let overlap = a.scope == b.scope
                    || a.scope == Scope::Everywhere
                    || b.scope == Scope::Everywhere;
                if overlap {
                    for k in a.keys {
                        assert!(
                            !b.keys.contains(k),
                            "{k:?} bound to {:?} and {:?}",
                            a.action,
                            b.action
                        );
                    }
                }
            }
        }
    }
}
