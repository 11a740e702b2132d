//! The parsed-questionnaire cache: a catalog read through it is exactly the
//! one a fresh parse gives; a changed, malformed or removed file is read
//! again and reported as without the cache; a corrupt, truncated, foreign or
//! misplaced cache is ignored and rebuilt; the cache file is private.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use assert_cmd::Command;
use recap::instrument::load::content_hash;
use recap::instrument::{Catalog, Origin};
use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A questionnaire of the user's own with the given id and title.
fn questionnaire(id: &str, title: &str) -> String {
    format!(
        "id = \"{id}\"\nversion = 1\ntitle = \"{title}\"\nkind = \"reflective\"\n\n\
         [[items]]\nid = \"q1\"\ntype = \"yes_no\"\ntext = \"Did you sleep well last night?\"\n"
    )
}

struct Setup {
    dir: TempDir,
}

impl Setup {
    /// A config folder with the valid fixtures, a replacement of WHO-5 and
    /// a few generated files.
    fn new() -> Setup {
        let setup = Setup {
            dir: tempfile::tempdir().unwrap(),
        };
        let q = setup.questionnaires();
        fs::create_dir_all(&q).unwrap();
        for entry in fs::read_dir(root().join("tests/fixtures/valid")).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(&path, q.join(path.file_name().unwrap())).unwrap();
        }
        let who5 = fs::read_to_string(root().join("questionnaires/who-5.toml")).unwrap();
        fs::write(
            q.join("who-5-local.toml"),
            who5.replacen("\nversion = 3\n", "\nversion = 4\n", 1),
        )
        .unwrap();
        for i in 0..20 {
            fs::write(
                q.join(format!("mine-{i:02}.toml")),
                questionnaire(&format!("mine-{i:02}"), &format!("Mine {i}")),
            )
            .unwrap();
        }
        setup
    }

    fn questionnaires(&self) -> PathBuf {
        self.dir.path().join("config/questionnaires")
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join("config/questionnaires.cache")
    }

    fn fresh(&self) -> Catalog {
        Catalog::load(Some(&self.questionnaires()))
    }

    fn cached(&self) -> Catalog {
        Catalog::load_cached(Some(&self.questionnaires()), &self.cache())
    }
}

/// Every entry (questionnaire, text, hash, origin) and every problem equal.
fn assert_same(got: &Catalog, want: &Catalog) {
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want.iter()) {
        assert_eq!(g.instrument, w.instrument);
        assert_eq!(g.source, w.source);
        assert_eq!(g.hash, w.hash);
        assert_eq!(g.origin, w.origin);
    }
    assert_eq!(got.problems, want.problems);
}

fn set_mtime(path: &Path, at: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(at)
        .unwrap();
}

fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

fn title_of(catalog: &Catalog, id: &str) -> String {
    catalog.get(id).unwrap().instrument.title.clone()
}

#[test]
fn a_cached_catalog_equals_a_fresh_one() {
    let setup = Setup::new();
    let fresh = setup.fresh();
    assert!(fresh.len() > 25, "{}", fresh.len());
    assert!(!setup.cache().exists());
    let cold = setup.cached();
    assert!(setup.cache().is_file(), "the first load writes the cache");
    assert_same(&cold, &fresh);
    let warm = setup.cached();
    assert_same(&warm, &fresh);
    // The WHO-5 replacement is the user's file, with the hash of its text.
    let who5 = warm.get("who-5").unwrap();
    assert!(matches!(who5.origin, Origin::User(_)));
    assert_eq!(who5.hash, content_hash(&who5.source));
}

#[test]
fn the_warm_load_reads_the_cache_not_the_parser() {
    // Proof that the cache is used: an entry whose key and hash still match
    // is taken as it is (the cache is private to its owner).
    let setup = Setup::new();
    setup.cached();
    let text = fs::read_to_string(setup.cache()).unwrap();
    assert!(text.contains("\"Mine 7\""));
    fs::write(
        setup.cache(),
        text.replace("\"Mine 7\"", "\"From the cache\""),
    )
    .unwrap();
    assert_eq!(title_of(&setup.cached(), "mine-07"), "From the cache");
    // The file changed: the cache entry is not used any more.
    let file = setup.questionnaires().join("mine-07.toml");
    fs::write(&file, questionnaire("mine-07", "Mine 7!")).unwrap();
    assert_eq!(title_of(&setup.cached(), "mine-07"), "Mine 7!");
}

#[test]
fn a_changed_file_is_read_again() {
    let setup = Setup::new();
    let file = setup.questionnaires().join("mine-03.toml");
    setup.cached();
    let before = mtime(&file);

    // Same size, a new modification time.
    fs::write(&file, questionnaire("mine-03", "Mine X")).unwrap();
    set_mtime(&file, before + Duration::from_secs(5));
    let catalog = setup.cached();
    assert_eq!(title_of(&catalog, "mine-03"), "Mine X");
    assert_same(&catalog, &setup.fresh());

    // A new size.
    fs::write(&file, questionnaire("mine-03", "Mine three, longer")).unwrap();
    let catalog = setup.cached();
    assert_eq!(title_of(&catalog, "mine-03"), "Mine three, longer");
    assert_eq!(
        catalog.get("mine-03").unwrap().hash,
        content_hash(&fs::read_to_string(&file).unwrap())
    );
    assert_same(&catalog, &setup.fresh());
}

#[test]
fn other_content_at_a_cached_path_is_not_trusted() {
    // Same path, same size, same modification time, other words: the hash
    // of the text read tells them apart.
    let setup = Setup::new();
    let file = setup.questionnaires().join("mine-05.toml");
    setup.cached();
    let before = mtime(&file);
    let size = fs::metadata(&file).unwrap().len();
    fs::write(&file, questionnaire("mine-05", "Mine Y")).unwrap();
    set_mtime(&file, before);
    assert_eq!(fs::metadata(&file).unwrap().len(), size);
    assert_eq!(mtime(&file), before);
    let catalog = setup.cached();
    assert_eq!(title_of(&catalog, "mine-05"), "Mine Y");
    assert_same(&catalog, &setup.fresh());

    // A cache made for other files, moved to where these are.
    let other = Setup::new();
    fs::write(
        other.questionnaires().join("mine-05.toml"),
        questionnaire("mine-05", "Other"),
    )
    .unwrap();
    other.cached();
    let text = fs::read_to_string(other.cache()).unwrap();
    let from = other.questionnaires().display().to_string();
    let to = setup.questionnaires().display().to_string();
    fs::write(setup.cache(), text.replace(&from, &to)).unwrap();
    let catalog = setup.cached();
    assert_eq!(title_of(&catalog, "mine-05"), "Mine Y");
    assert_same(&catalog, &setup.fresh());
}

#[test]
fn a_file_malformed_after_it_was_cached_is_reported_at_its_line() {
    let setup = Setup::new();
    let file = setup.questionnaires().join("mine-09.toml");
    let catalog = setup.cached();
    assert!(catalog.get("mine-09").is_some());
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);

    let broken = questionnaire("mine-09", "Mine 9").replacen("version = 1", "version = \"1\"", 1);
    fs::write(&file, &broken).unwrap();
    let catalog = setup.cached();
    assert!(catalog.get("mine-09").is_none());
    assert_eq!(catalog.problems.len(), 1, "{:?}", catalog.problems);
    let problem = &catalog.problems[0];
    assert_eq!(problem.file, file.display().to_string());
    assert_eq!((problem.line, problem.column), (2, 11), "{problem}");
    assert_same(&catalog, &setup.fresh());
    // Still reported on the next load (a bad file is never cached).
    assert_same(&setup.cached(), &setup.fresh());

    // Mended: loaded again.
    fs::write(&file, questionnaire("mine-09", "Mine 9")).unwrap();
    let catalog = setup.cached();
    assert!(catalog.problems.is_empty());
    assert_eq!(title_of(&catalog, "mine-09"), "Mine 9");
}

#[test]
fn a_removed_file_disappears() {
    let setup = Setup::new();
    let file = setup.questionnaires().join("mine-11.toml");
    setup.cached();
    assert!(
        fs::read_to_string(setup.cache())
            .unwrap()
            .contains("mine-11.toml")
    );
    fs::remove_file(&file).unwrap();
    let catalog = setup.cached();
    assert!(catalog.get("mine-11").is_none());
    assert_same(&catalog, &setup.fresh());
    assert!(
        !fs::read_to_string(setup.cache())
            .unwrap()
            .contains("mine-11.toml")
    );
}

#[test]
fn a_corrupt_truncated_or_foreign_cache_is_ignored_and_rebuilt() {
    let setup = Setup::new();
    let fresh = setup.fresh();
    setup.cached();
    let good = fs::read(setup.cache()).unwrap();
    let text = String::from_utf8(good.clone()).unwrap();
    let version = format!("\"recap\":\"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(text.contains(&version), "{}", &text[..200]);
    let bad: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("one byte short", good[..good.len() - 1].to_vec()),
        ("not text", vec![0xff, 0xfe, 0x00, 0x9b, 0x1b]),
        (
            "foreign JSON",
            br#"{"entries": [], "name": "something else"}"#.to_vec(),
        ),
        (
            "another magic",
            text.replacen("recap questionnaire cache", "x", 1)
                .into_bytes(),
        ),
        (
            "another format",
            text.replacen("\"format\":1", "\"format\":99", 1)
                .into_bytes(),
        ),
        (
            "another recap",
            text.replacen(&version, "\"recap\":\"0.0.1\"", 1)
                .into_bytes(),
        ),
        (
            "an entry of another shape",
            text.replacen("\"instrument\":{", "\"instrument\":{\"extra\":1,", 1)
                .replacen("\"title\":", "\"title_\":", 1)
                .into_bytes(),
        ),
    ];
    for (what, bytes) in bad {
        fs::write(setup.cache(), &bytes).unwrap();
        let catalog = setup.cached();
        assert_same(&catalog, &fresh);
        let rebuilt = fs::read(setup.cache()).unwrap();
        assert_eq!(rebuilt.len(), good.len(), "{what}: rebuilt");
        assert_same(&setup.cached(), &fresh);
    }

    // A folder where the cache should be: loads, writes nothing, no panic.
    fs::remove_file(setup.cache()).unwrap();
    fs::create_dir(setup.cache()).unwrap();
    assert_same(&setup.cached(), &fresh);
    assert!(setup.cache().is_dir());
}

#[cfg(unix)]
#[test]
fn the_cache_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let setup = Setup::new();
    setup.cached();
    let mode = fs::metadata(setup.cache()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // Rewritten after a change: still private, and no temporary file left.
    fs::remove_file(setup.questionnaires().join("mine-00.toml")).unwrap();
    setup.cached();
    let mode = fs::metadata(setup.cache()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let names: Vec<String> = fs::read_dir(setup.dir.path().join("config"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn no_user_files_no_cache() {
    let setup = Setup::new();
    let empty = setup.dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let cache = setup.dir.path().join("empty.cache");
    let catalog = Catalog::load_cached(Some(&empty), &cache);
    assert_eq!(catalog.len(), Catalog::bundled().len());
    Catalog::load_cached(Some(&setup.dir.path().join("missing")), &cache);
    assert!(!cache.exists());
}

#[test]
fn the_binary_reports_a_file_broken_after_caching_as_before() {
    let setup = Setup::new();
    let recap = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_recap"))
            .env("RECAP_CONFIG_DIR", setup.dir.path().join("config"))
            .env("HOME", setup.dir.path())
            .env_remove("RECAP_DB")
            .arg("--db")
            .arg(setup.dir.path().join("recap.db"))
            .args(args)
            .output()
            .unwrap();
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let cold = recap(&["questionnaires", "list"]);
    assert!(setup.cache().is_file());
    assert!(cold.0.contains("mine-19"), "{}", cold.0);
    let warm = recap(&["questionnaires", "list"]);
    assert_eq!(warm, cold);

    let file = setup.questionnaires().join("mine-19.toml");
    fs::write(
        &file,
        questionnaire("mine-19", "Mine 19").replacen("version = 1", "version = \"1\"", 1),
    )
    .unwrap();
    let (stdout, stderr) = recap(&["questionnaires", "list"]);
    assert!(!stdout.contains("mine-19"), "{stdout}");
    assert!(
        stderr.contains(&format!("{}:2:11:", file.display())),
        "{stderr}"
    );
    // Without the cache: word for word the same.
    fs::remove_file(setup.cache()).unwrap();
    assert_eq!(recap(&["questionnaires", "list"]), (stdout, stderr));
}
