//! `--redact`: account ids and IP addresses replaced by placeholders, the same value by the
//! same placeholder throughout a report, so it can go to a third party. Nothing else changes.

use std::collections::HashMap;
use std::net::Ipv6Addr;
use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

use super::Report;

#[derive(Default)]
struct Redactor {
    seen: HashMap<String, String>,
    accounts: usize,
    ips: usize,
}

fn regexes() -> &'static (Regex, Regex, Regex) {
    static RE: OnceLock<(Regex, Regex, Regex)> = OnceLock::new();
    RE.get_or_init(|| {
        (
            // Candidates only; each is confirmed by parsing, so times like 03:14:07 survive.
            Regex::new(r"(?i)[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:%\w+)?").expect("ipv6 regex"),
            Regex::new(r"\b(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\b").expect("ipv4 regex"),
            Regex::new(r"\b\d{12}\b").expect("account regex"),
        )
    })
}

impl Redactor {
    fn placeholder(&mut self, value: &str, kind: &str) -> String {
        if let Some(p) = self.seen.get(value) {
            return p.clone();
        }
        let n = if kind == "ACCOUNT" {
            self.accounts += 1;
            self.accounts
        } else {
            self.ips += 1;
            self.ips
        };
        let p = format!("{kind}-{n}");
        self.seen.insert(value.to_string(), p.clone());
        p
    }

    fn text(&mut self, s: &str) -> String {
        let (v6, v4, account) = regexes();
        let mut step1 = String::with_capacity(s.len());
        let mut last = 0;
        for m in v6.find_iter(s) {
            let before = s[..m.start()].chars().next_back();
            let after = s[m.end()..].chars().next();
            let standalone = !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric);
            let text = m.as_str();
            if standalone
                && text.chars().any(|c| c.is_ascii_hexdigit())
                && text.parse::<Ipv6Addr>().is_ok()
            {
                step1.push_str(&s[last..m.start()]);
                step1.push_str(&self.placeholder(text, "IP"));
                last = m.end();
            }
        }
        step1.push_str(&s[last..]);
        let step2 = v4
            .replace_all(&step1, |c: &regex::Captures| self.placeholder(&c[0], "IP"))
            .to_string();
        account
            .replace_all(&step2, |c: &regex::Captures| {
                self.placeholder(&c[0], "ACCOUNT")
            })
            .to_string()
    }

    fn walk(&mut self, v: &mut Value) {
        match v {
            Value::String(s) => *s = self.text(s),
            Value::Array(items) => items.iter_mut().for_each(|i| self.walk(i)),
            Value::Object(map) => map.values_mut().for_each(|i| self.walk(i)),
            _ => {}
        }
    }
}

pub fn redact(report: &Report) -> Report {
    let mut value = serde_json::to_value(report).expect("a report serialises");
    Redactor::default().walk(&mut value);
    let mut out: Report =
        serde_json::from_value(value).expect("redaction keeps the report's shape");
    out.redacted = true;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_value_same_placeholder_and_nothing_else_changes() {
        let mut r = Redactor::default();
        assert_eq!(
            r.text("arn:aws:iam::111122223333:root and 111122223333, 10.40.1.87 in 10.40.0.0/16"),
            "arn:aws:iam::ACCOUNT-1:root and ACCOUNT-1, IP-1 in IP-2/16"
        );
        assert_eq!(
            r.text("444455556666 then 111122223333"),
            "ACCOUNT-2 then ACCOUNT-1"
        );
        assert_eq!(r.text("fd00:ec2::23 at 03:14:07"), "IP-3 at 03:14:07");
        assert_eq!(
            r.text("vpce-0a1b2c3d4e5f60718 sg-0b7e6d5c4f3a2b190 port 443"),
            "vpce-0a1b2c3d4e5f60718 sg-0b7e6d5c4f3a2b190 port 443"
        );
        assert_eq!(r.text("2026-11-27T03:12:44Z"), "2026-11-27T03:12:44Z");
    }
}
