//! Where recap keeps its data and reads its configuration: the `directories`
//! defaults, overridden by `--db` / `RECAP_DB` and `RECAP_CONFIG_DIR`.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// The resolved locations for this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The SQLite database file.
    pub db: PathBuf,
    /// The folder holding `config.toml` and `questionnaires/`.
    pub config_dir: PathBuf,
}

impl Paths {
    /// Resolves the locations. `db` is `--db` (clap already folds in `RECAP_DB`).
    pub fn resolve(db: Option<PathBuf>) -> Result<Paths, Error> {
        let dirs = directories::ProjectDirs::from("", "", "recap");
        let config_dir = match std::env::var_os("RECAP_CONFIG_DIR").filter(|v| !v.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => dirs
                .as_ref()
                .map(|d| d.config_dir().to_path_buf())
                .ok_or_else(|| {
                    Error::Runtime(
                        "cannot find a home folder for recap's configuration; set RECAP_CONFIG_DIR"
                            .into(),
                    )
                })?,
        };
        let db = match db {
            Some(path) => path,
            None => dirs
                .as_ref()
                .map(|d| d.data_dir().join("recap.db"))
                .ok_or_else(|| {
                    Error::Runtime(
                        "cannot find a home folder for recap's data; use --db PATH or RECAP_DB"
                            .into(),
                    )
                })?,
        };
        Ok(Paths { db, config_dir })
    }

    /// The folder of the user's own questionnaire files.
    pub fn questionnaires_dir(&self) -> PathBuf {
        self.config_dir.join("questionnaires")
    }

    /// The private cache of the user's questionnaire files, parsed
    /// (`instrument::cache`); beside their folder, in recap's own folder.
    pub fn questionnaire_cache(&self) -> PathBuf {
        self.config_dir.join("questionnaires.cache")
    }

    /// The user's `config.toml`.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }
}

/// Creates a folder (and its parents) readable by the owner only on Unix.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.as_os_str().is_empty() || dir.exists() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}
