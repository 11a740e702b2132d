//! The parsed-questionnaire cache: the user's questionnaire files, once
//! read, parsed and validated, kept in one private file keyed by each file's
//! path, modification time and size, with the hash of the text they came
//! from. A cached questionnaire is used only when the file's key matches and
//! its text, read again, has the same hash; anything else (another recap
//! version or cache format, a corrupt or foreign cache) is ignored and the
//! file parsed afresh. Never a source of truth: the files are.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::load::{Catalog, Origin};
use super::model::Instrument;
use crate::files::TempFile;
use crate::files::read::read_bounded_with_metadata;

/// The cache's own format; a change to it (or to `Instrument`'s shape,
/// which comes with a new recap version) makes older caches ignored.
pub const FORMAT: u32 = 1;
/// What the cache says it is, so a foreign JSON file is not taken for one.
const MAGIC: &str = "recap questionnaire cache";
/// A cache larger than this is not read (1,000 files take about 5 MB).
const CACHE_LIMIT: u64 = 256 * 1024 * 1024;

/// What identifies a file's state without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    pub size: u64,
    pub mtime_secs: i64,
    pub mtime_nanos: u32,
}

impl Key {
    pub fn of(metadata: &std::fs::Metadata) -> Option<Key> {
        let modified = metadata.modified().ok()?;
        let (secs, nanos) = match modified.duration_since(UNIX_EPOCH) {
            Ok(d) => (i64::try_from(d.as_secs()).ok()?, d.subsec_nanos()),
            Err(e) => {
                let d = e.duration();
                (-i64::try_from(d.as_secs()).ok()?, d.subsec_nanos())
            }
        };
        Some(Key {
            size: metadata.len(),
            mtime_secs: secs,
            mtime_nanos: nanos,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    path: String,
    key: Key,
    /// `content_hash` of the file's text the instrument was parsed from.
    hash: String,
    instrument: Instrument,
}

/// An entry of this load: taken from the cache (its questionnaire went to
/// the catalog, so it is not copied) or parsed afresh.
#[derive(Debug)]
enum Kept {
    Hit {
        path: String,
        key: Key,
        hash: String,
    },
    Fresh(Box<Entry>),
}

#[derive(Debug, Serialize, Deserialize)]
struct CacheFile {
    magic: String,
    format: u32,
    recap: String,
    entries: Vec<Entry>,
}

/// The cache as read at the start of a load, and what this load saw.
#[derive(Debug, Default)]
pub struct Cache {
    old: HashMap<String, Entry>,
    /// Entries of this load, in file order.
    new: Vec<Kept>,
    /// Whether the file must be written again.
    changed: bool,
}

impl Cache {
    /// Reads the cache at `path`. Missing, unreadable, corrupt, truncated,
    /// foreign or from another recap version: an empty cache (rebuilt).
    pub fn read(path: &Path) -> Cache {
        let parsed = read_bounded_with_metadata(path, CACHE_LIMIT)
            .ok()
            .and_then(|(bytes, _)| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .filter(|c| {
                c.magic == MAGIC && c.format == FORMAT && c.recap == env!("CARGO_PKG_VERSION")
            });
        match parsed {
            Some(file) => Cache {
                old: file
                    .entries
                    .into_iter()
                    .map(|e| (e.path.clone(), e))
                    .collect(),
                new: Vec::new(),
                changed: false,
            },
            None => Cache {
                changed: true,
                ..Cache::default()
            },
        }
    }

    /// The cached questionnaire of `path`, when its key matches and `hash`
    /// (of the text just read) is the one it was parsed from.
    pub fn hit(&mut self, path: &Path, key: Option<Key>, hash: &str) -> Option<Instrument> {
        let name = path.to_str()?;
        let key = key?;
        let entry = self.old.remove(name)?;
        if entry.key != key || entry.hash != hash {
            self.changed = true;
            return None;
        }
        let Entry {
            path,
            key,
            hash,
            instrument,
        } = entry;
        self.new.push(Kept::Hit { path, key, hash });
        Some(instrument)
    }

    /// Records a freshly parsed questionnaire. It is kept only when it comes
    /// back from the cache's format exactly as it is.
    pub fn store(&mut self, path: &Path, key: Option<Key>, hash: &str, instrument: &Instrument) {
        let (Some(name), Some(key)) = (path.to_str(), key) else {
            return;
        };
        let same = serde_json::to_string(instrument)
            .ok()
            .and_then(|t| serde_json::from_str::<Instrument>(&t).ok())
            .is_some_and(|back| back == *instrument);
        if same {
            self.changed = true;
            self.new.push(Kept::Fresh(Box::new(Entry {
                path: name.to_string(),
                key,
                hash: hash.to_string(),
                instrument: instrument.clone(),
            })));
        }
    }

    /// Notes a file that is not (or no longer) cached: a bad file.
    pub fn forget(&mut self, path: &Path) {
        if let Some(name) = path.to_str()
            && self.old.remove(name).is_some()
        {
            self.changed = true;
        }
    }

    /// Writes the cache when anything changed (a removed file, too), as a
    /// private file moved into place when complete. Failures are ignored:
    /// the next run parses the files again. `loaded` is the catalog the
    /// cached questionnaires went to (one skipped for its id is left out).
    pub fn write(self, path: &Path, loaded: &Catalog) {
        if !self.changed && self.old.is_empty() {
            return;
        }
        let by_path: HashMap<&Path, &Instrument> = loaded
            .iter()
            .filter_map(|l| match &l.origin {
                Origin::User(p) => Some((p.as_path(), &l.instrument)),
                Origin::Bundled => None,
            })
            .collect();
        let entries = self
            .new
            .into_iter()
            .filter_map(|kept| match kept {
                Kept::Fresh(entry) => Some(*entry),
                Kept::Hit { path, key, hash } => {
                    let instrument = (*by_path.get(Path::new(&path))?).clone();
                    Some(Entry {
                        path,
                        key,
                        hash,
                        instrument,
                    })
                }
            })
            .collect();
        let file = CacheFile {
            magic: MAGIC.to_string(),
            format: FORMAT,
            recap: env!("CARGO_PKG_VERSION").to_string(),
            entries,
        };
        let _ = write_file(path, &file);
    }
}

fn write_file(path: &Path, file: &CacheFile) -> Result<(), Box<dyn std::error::Error>> {
    let bytes = serde_json::to_vec(file)?;
    let mut tmp = TempFile::create(path, true)?;
    tmp.file()?.write_all(&bytes)?;
    tmp.persist()?;
    Ok(())
}
