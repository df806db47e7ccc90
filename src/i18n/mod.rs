//! The language a person reads: English or Korean (`--lang`, the config file's `lang`, the
//! locale). Words live as data: the catalog's texts per language in `checks/` and
//! `checks/ko/`, and every other message in Fluent files under `locales/LANG/`, looked up by
//! [`t!`](crate::t). Ids, JSON keys, enum values and commands never change with the language:
//! machines read them.
//!
//! The choice is made once per process ([`set`]) before anything is written, like `--color`.
//! Tests that render in Korean beside English ones take a thread-local [`scoped`] choice, so
//! parallel tests never see each other's language.

use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

#[cfg(test)]
mod tests;

/// A language the tool speaks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The code on the command line, in the config file, in JSON and in HTML's `lang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// `en` or `ko` (any case); nothing else.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "ko" => Some(Lang::Ko),
            _ => None,
        }
    }

    /// The language a POSIX locale asks for (see [`locale_variable`]): only the language
    /// `ko` (`ko`, `ko_KR.UTF-8`, `ko.UTF-8`) means Korean.
    pub fn from_locale(var: &dyn Fn(&str) -> Option<String>) -> Lang {
        match locale_variable(var) {
            Some((_, v)) if v.split(['_', '.', '@']).next() == Some("ko") => Lang::Ko,
            _ => Lang::En,
        }
    }

    fn index(self) -> u8 {
        match self {
            Lang::En => 0,
            Lang::Ko => 1,
        }
    }

    fn from_index(i: u8) -> Lang {
        if i == 1 { Lang::Ko } else { Lang::En }
    }
}

/// The variable that decides the locale's language and its value: the first of `LC_ALL`,
/// `LC_MESSAGES`, `LANG` that is set and not empty, as setlocale reads them.
pub fn locale_variable(var: &dyn Fn(&str) -> Option<String>) -> Option<(&'static str, String)> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(|name| var(name).filter(|v| !v.is_empty()).map(|v| (name, v)))
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

static PROCESS: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static SCOPED: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Set the process's language (the command line does, once, before any output).
pub fn set(lang: Lang) {
    PROCESS.store(lang.index(), Ordering::Relaxed);
}

/// The language text is written in now: this thread's [`scoped`] choice, else the process's.
pub fn current() -> Lang {
    SCOPED
        .with(Cell::get)
        .unwrap_or_else(|| Lang::from_index(PROCESS.load(Ordering::Relaxed)))
}

/// This thread writes in `lang` until the guard drops (tests, and renderers that must write a
/// given language whatever the process's is).
pub fn scoped(lang: Lang) -> ScopedLang {
    let previous = SCOPED.with(|s| s.replace(Some(lang)));
    ScopedLang { previous }
}

/// Restores the thread's previous language when dropped.
#[must_use = "the language applies only while the guard lives"]
pub struct ScopedLang {
    previous: Option<Lang>,
}

impl Drop for ScopedLang {
    fn drop(&mut self) {
        SCOPED.with(|s| s.set(self.previous));
    }
}

/// Every message file, per language: the same file names in `locales/en` and `locales/ko`.
pub const MESSAGE_FILES: &[(&str, &str, &str)] = &[
    (
        "common.ftl",
        include_str!("../../locales/en/common.ftl"),
        include_str!("../../locales/ko/common.ftl"),
    ),
    (
        "checks-a.ftl",
        include_str!("../../locales/en/checks-a.ftl"),
        include_str!("../../locales/ko/checks-a.ftl"),
    ),
    (
        "checks-b.ftl",
        include_str!("../../locales/en/checks-b.ftl"),
        include_str!("../../locales/ko/checks-b.ftl"),
    ),
    (
        "checks-c.ftl",
        include_str!("../../locales/en/checks-c.ftl"),
        include_str!("../../locales/ko/checks-c.ftl"),
    ),
    (
        "tui.ftl",
        include_str!("../../locales/en/tui.ftl"),
        include_str!("../../locales/ko/tui.ftl"),
    ),
    (
        "report.ftl",
        include_str!("../../locales/en/report.ftl"),
        include_str!("../../locales/ko/report.ftl"),
    ),
    (
        "cli.ftl",
        include_str!("../../locales/en/cli.ftl"),
        include_str!("../../locales/ko/cli.ftl"),
    ),
];

type Bundle = FluentBundle<FluentResource>;

fn build(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier =
        lang.code().parse().expect("en and ko are language ids");
    let mut bundle = Bundle::new_concurrent(vec![id]);
    // Isolation marks (U+2068/U+2069) around every value would reach terminals and reports
    // as invisible characters; neither language here is written right to left.
    bundle.set_use_isolating(false);
    for (file, en, ko) in MESSAGE_FILES {
        let text = match lang {
            Lang::En => en,
            Lang::Ko => ko,
        };
        let resource = FluentResource::try_new((*text).to_string())
            .unwrap_or_else(|(_, errors)| panic!("locales/{lang}/{file}: {errors:?}"));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("locales/{lang}/{file}: {errors:?}"));
    }
    bundle
}

/// The language's messages, parsed the first time one is asked for: an English run never
/// parses the Korean files (a Korean run parses English only if an id is missing).
fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: [OnceLock<Bundle>; 2] = [OnceLock::new(), OnceLock::new()];
    BUNDLES[lang.index() as usize].get_or_init(|| build(lang))
}

/// One argument of a message.
pub struct Arg(FluentValue<'static>);

macro_rules! text_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg(FluentValue::from(v.to_string()))
            }
        }
    )*};
}
text_args!(&str, String, &String, char, &std::borrow::Cow<'_, str>);

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg(FluentValue::from(v))
            }
        }
        impl From<&$t> for Arg {
            fn from(v: &$t) -> Arg {
                Arg(FluentValue::from(*v))
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64, f64);

/// The message `key` in the current language with its arguments. A key missing in Korean
/// falls back to English, and a key missing everywhere comes back as itself (a test keeps
/// every key used in the code present in both languages).
pub fn message(key: &str, args: &[(&str, Arg)]) -> String {
    message_in(current(), key, args)
}

/// [`message`] in a given language.
pub fn message_in(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, Arg(value)) in args {
        fluent_args.set(*name, value.clone());
    }
    for lang in [lang, Lang::En] {
        let bundle = bundle(lang);
        if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            return text.into_owned();
        }
    }
    key.to_string()
}

/// A message in the current language: `t!("key")` or `t!("key", name = value, …)`, where a
/// value is text or a number (numbers choose plural forms: `{ $n -> [one] … *[other] … }`).
#[macro_export]
macro_rules! t {
    ($key:literal $(,)?) => {
        $crate::i18n::message($key, &[])
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::message(
            $key,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}
