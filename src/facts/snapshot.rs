//! Snapshot files: every fact of a run, versioned, so a diagnosis can be replayed offline.

use serde::{Deserialize, Serialize};

use super::{FactError, FactKey, FactValue};
use crate::context::RunContext;

/// The version this build writes. Raise it whenever the serialized shape of a snapshot
/// changes (a field renamed or removed, a fact's value shaped differently; an optional field
/// that older files lack and `#[serde(default)]` fills does not need it), and add the step
/// from the previous version to [`MIGRATIONS`]: every snapshot any release wrote keeps
/// replaying. `tests/fixtures/snapshots/v<N>/` holds files written by each version.
pub const SNAPSHOT_VERSION: u32 = 1;

/// One step of the migration chain: rewrites a snapshot document of one version into the
/// next version's shape (the version field itself is set by [`migrate`]).
pub type Migration = fn(serde_json::Value) -> Result<serde_json::Value, String>;

/// `MIGRATIONS[i]` turns a version `i + 1` document into a version `i + 2` one. Version 1
/// is the first released format, so the chain is empty until the format changes.
pub const MIGRATIONS: &[Migration] = &[];

const _: () = assert!(
    MIGRATIONS.len() as u32 + 1 == SNAPSHOT_VERSION,
    "one migration per version after the first"
);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    pub snapshot_version: u32,
    pub tool: String,
    pub created_at: String,
    pub context: RunContext,
    /// Where DNS answers came from when recorded.
    pub dns_source: String,
    /// Whether provider facts were read with provider credentials.
    pub provider_credentials: bool,
    pub facts: Vec<RecordedFact>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordedFact {
    pub key: FactKey,
    #[serde(flatten)]
    pub result: RecordedResult,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordedResult {
    Value(Box<FactValue>),
    Error(FactError),
}

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("cannot read snapshot {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("snapshot {path} is not a vpce-doctor snapshot: {message}")]
    Parse { path: String, message: String },
    #[error(
        "snapshot {path} has version {found}, newer than this vpce-doctor reads (versions 1 to {SNAPSHOT_VERSION}): replay it with a newer vpce-doctor"
    )]
    Newer { path: String, found: u32 },
    #[error("snapshot {path} cannot be read as version {SNAPSHOT_VERSION}: {message}")]
    Migrate { path: String, message: String },
    #[error("cannot write snapshot {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

impl Snapshot {
    pub fn load(path: &str) -> Result<Snapshot, SnapshotError> {
        let text = std::fs::read_to_string(path).map_err(|source| SnapshotError::Read {
            path: path.to_string(),
            source,
        })?;
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, path: &str) -> Result<Snapshot, SnapshotError> {
        #[derive(Deserialize)]
        struct Probe {
            snapshot_version: u32,
        }
        let probe: Probe = serde_json::from_str(text).map_err(|e| SnapshotError::Parse {
            path: path.to_string(),
            message: crate::sanitize::one_line(&e.to_string()),
        })?;
        let parse_error = |e: serde_json::Error| SnapshotError::Parse {
            path: path.to_string(),
            // serde quotes values from the file in its messages (`unknown variant …`).
            message: crate::sanitize::one_line(&e.to_string()),
        };
        let found = probe.snapshot_version;
        if found > SNAPSHOT_VERSION {
            return Err(SnapshotError::Newer {
                path: path.to_string(),
                found,
            });
        }
        if found == SNAPSHOT_VERSION {
            // Straight from the text, so a malformed file's message says where.
            return serde_json::from_str(text).map_err(parse_error);
        }
        let document = serde_json::from_str(text).map_err(parse_error)?;
        let migrated =
            migrate(document, found, MIGRATIONS).map_err(|message| SnapshotError::Migrate {
                path: path.to_string(),
                message: crate::sanitize::one_line(&message),
            })?;
        serde_json::from_value(migrated).map_err(parse_error)
    }

    pub fn save(&self, path: &str) -> Result<(), SnapshotError> {
        let text = serde_json::to_string_pretty(self).expect("snapshot serialises");
        std::fs::write(path, text + "\n").map_err(|source| SnapshotError::Write {
            path: path.to_string(),
            source,
        })
    }

    pub fn into_facts(self) -> Vec<(FactKey, Result<FactValue, FactError>)> {
        self.facts
            .into_iter()
            .map(|f| {
                (
                    f.key,
                    match f.result {
                        RecordedResult::Value(v) => Ok(*v),
                        RecordedResult::Error(e) => Err(e),
                    },
                )
            })
            .collect()
    }

    pub fn record(facts: Vec<(FactKey, Result<FactValue, FactError>)>) -> Vec<RecordedFact> {
        facts
            .into_iter()
            .map(|(key, r)| RecordedFact {
                key,
                result: match r {
                    Ok(v) => RecordedResult::Value(Box::new(v)),
                    Err(e) => RecordedResult::Error(e),
                },
            })
            .collect()
    }
}

/// Bring a snapshot document of version `found` up to the last version of `chain` (whose
/// step `i` turns version `i + 1` into `i + 2`), one step at a time.
pub fn migrate(
    mut document: serde_json::Value,
    found: u32,
    chain: &[Migration],
) -> Result<serde_json::Value, String> {
    if found == 0 {
        return Err("version 0 was never written (versions start at 1)".into());
    }
    for (step, version) in chain.iter().zip(1u32..).skip(found as usize - 1) {
        document = step(document).map_err(|e| format!("version {version}: {e}"))?;
        match document.as_object_mut() {
            Some(object) => object.insert("snapshot_version".into(), (version + 1).into()),
            None => return Err(format!("version {version}: not a JSON object")),
        };
    }
    Ok(document)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::facts::FactError;
    use crate::facts::model::DnsAnswer;

    fn rename_ports(mut doc: Value) -> Result<Value, String> {
        let ports = doc["context"]
            .as_object_mut()
            .ok_or("no context")?
            .remove("ports")
            .ok_or("no ports")?;
        doc["context"]["service_ports"] = ports;
        Ok(doc)
    }

    fn add_note(mut doc: Value) -> Result<Value, String> {
        doc["note"] = json!("migrated");
        Ok(doc)
    }

    #[test]
    fn older_versions_walk_the_whole_chain_and_each_step_runs_once() {
        let chain: &[Migration] = &[rename_ports, add_note];
        let v1 = json!({"snapshot_version": 1, "context": {"ports": [443]}});
        assert_eq!(
            migrate(v1, 1, chain).unwrap(),
            json!({"snapshot_version": 3, "context": {"service_ports": [443]}, "note": "migrated"})
        );
        let v2 = json!({"snapshot_version": 2, "context": {"service_ports": [80]}});
        assert_eq!(
            migrate(v2, 2, chain).unwrap(),
            json!({"snapshot_version": 3, "context": {"service_ports": [80]}, "note": "migrated"})
        );
        let v3 = json!({"snapshot_version": 3, "x": 1});
        assert_eq!(migrate(v3.clone(), 3, chain).unwrap(), v3);
        let broken = json!({"snapshot_version": 1});
        assert_eq!(
            migrate(broken, 1, chain).unwrap_err(),
            "version 1: no context"
        );
        assert!(
            migrate(json!({}), 0, chain)
                .unwrap_err()
                .contains("never written")
        );
    }

    #[test]
    fn a_newer_snapshot_is_refused_in_one_line_naming_both_versions() {
        let text = format!(r#"{{"snapshot_version": {}}}"#, SNAPSHOT_VERSION + 1);
        let err = Snapshot::parse(&text, "later.json")
            .unwrap_err()
            .to_string();
        assert!(!err.contains('\n'), "{err}");
        assert!(
            err.contains(&format!("version {}", SNAPSHOT_VERSION + 1))
                && err.contains(&format!("to {SNAPSHOT_VERSION}"))
                && err.contains("later.json"),
            "{err}"
        );
        let err = Snapshot::parse(r#"{"snapshot_version": 0}"#, "zero.json")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("never written") && !err.contains('\n'),
            "{err}"
        );
    }

    #[test]
    fn older_snapshots_still_read_and_new_kinds_round_trip() {
        // Recorded before timeouts said how long they waited.
        let old: FactError =
            serde_json::from_str(r#"{"kind":"timeout","operation":"DescribeTargetHealth"}"#)
                .unwrap();
        assert_eq!(old.to_string(), "DescribeTargetHealth timed out");
        let new = FactError::Timeout {
            operation: "DescribeTargetHealth".into(),
            after_secs: Some(6),
        };
        let text = serde_json::to_string(&new).unwrap();
        assert_eq!(serde_json::from_str::<FactError>(&text).unwrap(), new);
        assert_eq!(new.to_string(), "DescribeTargetHealth timed out after 6s");
        for answer in [
            DnsAnswer::ServFail,
            DnsAnswer::Truncated,
            DnsAnswer::Timeout,
        ] {
            let text = serde_json::to_string(&answer).unwrap();
            assert_eq!(serde_json::from_str::<DnsAnswer>(&text).unwrap(), answer);
        }
        assert_eq!(
            serde_json::to_string(&DnsAnswer::ServFail).unwrap(),
            r#"{"kind":"serv_fail"}"#
        );
    }
}
