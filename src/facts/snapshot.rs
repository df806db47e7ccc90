//! Snapshot files: every fact of a run, versioned, so a diagnosis can be replayed offline.

use serde::{Deserialize, Serialize};

use super::{FactError, FactKey, FactValue};
use crate::context::RunContext;

pub const SNAPSHOT_VERSION: u32 = 1;

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
        "snapshot {path} has version {found}; this vpce-doctor reads version {SNAPSHOT_VERSION}"
    )]
    Version { path: String, found: u32 },
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
        if probe.snapshot_version != SNAPSHOT_VERSION {
            return Err(SnapshotError::Version {
                path: path.to_string(),
                found: probe.snapshot_version,
            });
        }
        // serde quotes values from the file in its messages (`unknown variant …`).
        serde_json::from_str(text).map_err(|e| SnapshotError::Parse {
            path: path.to_string(),
            message: crate::sanitize::one_line(&e.to_string()),
        })
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

#[cfg(test)]
mod tests {
    use crate::facts::FactError;
    use crate::facts::model::DnsAnswer;

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
