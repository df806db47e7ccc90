//! The fleet JSON without every endpoint's report in memory: each diagnosis, as it finishes,
//! is written to an unnamed temporary file in the form it takes in the report, and only its
//! table share (the row, its root causes and advice) is kept. The report is then written
//! entry by entry from that file, in the report's order: byte for byte what
//! `FleetReport::to_json` gives for the full entries (1,000 endpoints make about 35 MB of
//! JSON, several times that as values in memory).

use std::collections::{HashMap, VecDeque};
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use super::fleet::{FleetEntry, FleetReport};

/// Where finished diagnoses go; shared by the regions' scans.
pub struct Spool {
    /// `None`: no JSON face was asked, the entries are only slimmed.
    file: Option<Mutex<Spooled>>,
}

struct Spooled {
    file: File,
    /// Still named: removing it at once failed (an open file on Windows); removed on drop.
    path: Option<PathBuf>,
    len: u64,
    /// (region, endpoint) → where each of its entries lies (one, unless an id repeats).
    index: HashMap<(String, String), VecDeque<(u64, usize)>>,
    error: Option<io::Error>,
}

impl Spool {
    /// A spool; `json`: the JSON face is asked, so the full entries are kept on disk.
    pub fn new(json: bool) -> io::Result<Spool> {
        let file = if json {
            let (file, path) = unnamed_file()?;
            Some(Mutex::new(Spooled {
                file,
                path,
                len: 0,
                index: HashMap::new(),
                error: None,
            }))
        } else {
            None
        };
        Ok(Spool { file })
    }

    /// Write `entry` to the spool (when JSON is asked) and return what the tables read of
    /// it: the entry without its checks.
    pub fn keep(&self, mut entry: FleetEntry) -> FleetEntry {
        if let Some(spooled) = &self.file {
            let text = entry_json(&entry);
            let mut s = spooled.lock().expect("spool lock");
            if s.error.is_none() {
                match s.file.write_all(text.as_bytes()) {
                    Ok(()) => {
                        let at = s.len;
                        s.len += text.len() as u64;
                        s.index
                            .entry((entry.region.clone(), entry.endpoint.clone()))
                            .or_default()
                            .push_back((at, text.len()));
                    }
                    Err(e) => s.error = Some(e),
                }
            }
        }
        entry.report.checks = Vec::new();
        entry
    }

    /// The JSON report of `report`, whose entries are the ones [`Spool::keep`] returned,
    /// each written from the spool in the report's order.
    pub fn write_json(&self, report: &FleetReport, out: &mut dyn Write) -> io::Result<()> {
        let spooled = self
            .file
            .as_ref()
            .ok_or_else(|| io::Error::other("the scan kept no JSON"))?;
        let mut s = spooled.lock().expect("spool lock");
        if let Some(e) = s.error.take() {
            return Err(e);
        }
        // Everything but the entries (whatever fields the report gains): the entries here are
        // the slim ones, a few KB each.
        let shell = FleetReport {
            endpoints: Vec::new(),
            ..report.clone()
        };
        let text = shell.to_json();
        let head = match text.strip_suffix("[]\n}") {
            Some(head) if !report.endpoints.is_empty() => head,
            _ => return writeln!(out, "{text}"),
        };
        writeln!(out, "{head}[")?;
        let mut buf = Vec::new();
        // A copy: the report may be written again (another face, another file).
        let mut spots = s.index.clone();
        for (i, e) in report.endpoints.iter().enumerate() {
            let (at, len) = spots
                .get_mut(&(e.region.clone(), e.endpoint.clone()))
                .and_then(VecDeque::pop_front)
                .ok_or_else(|| io::Error::other("an endpoint's diagnosis was not spooled"))?;
            buf.resize(len, 0);
            s.file.seek(SeekFrom::Start(at))?;
            s.file.read_exact(&mut buf)?;
            if i > 0 {
                out.write_all(b",\n")?;
            }
            out.write_all(&buf)?;
        }
        s.file.seek(SeekFrom::End(0))?;
        out.write_all(b"\n  ]\n}\n")
    }
}

impl Drop for Spooled {
    fn drop(&mut self) {
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// An entry as `to_string_pretty` writes it inside the report's `endpoints` array (two
/// levels deep). JSON strings hold no raw line breaks, so indenting lines is exact.
fn entry_json(entry: &FleetEntry) -> String {
    let pretty =
        serde_json::to_string_pretty(entry).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    let mut out = String::with_capacity(pretty.len() + pretty.len() / 8);
    for (i, line) in pretty.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("    ");
        out.push_str(line);
    }
    out
}

fn unnamed_file() -> io::Result<(File, Option<PathBuf>)> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir();
    for attempt in 0..32 {
        let path = dir.join(format!(
            "vpce-doctor-scan-{}-{nanos}-{attempt}.json",
            std::process::id()
        ));
        match OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
        {
            // Unnamed at once where the system allows it (Unix): nothing is left behind.
            Ok(file) => {
                let named = std::fs::remove_file(&path).is_err().then_some(path);
                return Ok((file, named));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free name for the scan's spool file"))
}
