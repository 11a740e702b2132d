//! What a schedule runs: the absolute path of this recap, its arguments
//! (`--db` when the database is not the default one, `due --notify`) and
//! the environment it needs; refused when any of it could not be written
//! into a schedule file as it is (a line break or other control character).

use std::path::{Path, PathBuf};

/// The command a schedule runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The recap binary, absolute.
    pub program: String,
    /// Arguments after the program.
    pub args: Vec<String>,
    /// Variables set for it (`RECAP_CONFIG_DIR` when it is set now).
    pub env: Vec<(String, String)>,
}

/// What a job needs to know to be built.
#[derive(Debug, Clone, Default)]
pub struct JobSpec {
    /// The recap binary (the one running now).
    pub program: PathBuf,
    /// The database, when it is not the default one.
    pub db: Option<PathBuf>,
    /// The profile named with --profile, if any.
    pub profile: Option<String>,
    /// Every active profile (`due --all-profiles`).
    pub all_profiles: bool,
    /// `RECAP_CONFIG_DIR`, when it is set.
    pub config_dir: Option<PathBuf>,
}

fn text(what: &str, path: &Path) -> Result<String, String> {
    let s = path.to_str().ok_or_else(|| {
        format!(
            "the {what} {} is not valid UTF-8 text, so a schedule cannot name it",
            path.display()
        )
    })?;
    checked(what, s)
}

fn checked(what: &str, s: &str) -> Result<String, String> {
    if s.chars().any(char::is_control) {
        return Err(format!(
            "the {what} {s:?} holds a line break or another control character, so a schedule cannot name it"
        ));
    }
    Ok(s.to_string())
}

impl Job {
    /// `PROGRAM [--db DB] [--profile NAME] due --notify [--all-profiles]`.
    pub fn new(spec: &JobSpec) -> Result<Job, String> {
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let mut args = Vec::new();
        if let Some(db) = &spec.db {
            args.push("--db".to_string());
            args.push(text("database path", &absolute(db))?);
        }
        if let Some(profile) = &spec.profile {
            args.push("--profile".to_string());
            args.push(checked("profile name", profile)?);
        }
        args.push("due".to_string());
        args.push("--notify".to_string());
        if spec.all_profiles {
            args.push("--all-profiles".to_string());
        }
        let mut env = Vec::new();
        if let Some(dir) = &spec.config_dir {
            env.push((
                "RECAP_CONFIG_DIR".to_string(),
                text("configuration folder", &absolute(dir))?,
            ));
        }
        Ok(Job {
            program: text("program path", &absolute(&spec.program))?,
            args,
            env,
        })
    }

    /// The program and arguments, for showing.
    pub fn words(&self) -> Vec<&str> {
        std::iter::once(self.program.as_str())
            .chain(self.args.iter().map(String::as_str))
            .collect()
    }
}

/// A job for tests and snapshots: a fixed program path.
#[cfg(test)]
pub fn example(db: Option<&str>, config_dir: Option<&str>) -> Job {
    #[allow(clippy::unwrap_used)]
    Job::new(&JobSpec {
        program: PathBuf::from("/home/sam/.cargo/bin/recap"),
        db: db.map(PathBuf::from),
        profile: None,
        all_profiles: false,
        config_dir: config_dir.map(PathBuf::from),
    })
    .unwrap()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_job_names_the_database_only_when_it_is_not_the_default() {
        let plain = example(None, None);
        assert_eq!(
            plain.words(),
            ["/home/sam/.cargo/bin/recap", "due", "--notify"]
        );
        assert!(plain.env.is_empty());
        let other = example(Some("/data/clients.db"), Some("/etc/recap"));
        assert_eq!(
            other.words(),
            [
                "/home/sam/.cargo/bin/recap",
                "--db",
                "/data/clients.db",
                "due",
                "--notify"
            ]
        );
        assert_eq!(
            other.env,
            [("RECAP_CONFIG_DIR".into(), "/etc/recap".into())]
        );
    }

    #[test]
    fn relative_paths_become_absolute_and_control_characters_are_refused() {
        let job = Job::new(&JobSpec {
            program: PathBuf::from("/bin/recap"),
            db: Some(PathBuf::from("data/r.db")),
            profile: Some("Sam".into()),
            all_profiles: true,
            ..JobSpec::default()
        })
        .unwrap();
        assert!(Path::new(&job.args[1]).is_absolute());
        assert!(job.args[1].ends_with("data/r.db"));
        assert_eq!(
            &job.args[2..],
            ["--profile", "Sam", "due", "--notify", "--all-profiles"]
        );
        let bad = Job::new(&JobSpec {
            program: PathBuf::from("/bin/recap"),
            db: Some(PathBuf::from("/tmp/a\nb.db")),
            ..JobSpec::default()
        })
        .unwrap_err();
        assert!(bad.contains("line break"), "{bad}");
    }
}
