//! Encryption at rest, through the real binary and the store: encrypt,
//! reopen, record, trends, report, backup and decrypt with every record
//! kept; wrong and missing passphrases refused with the file byte for byte
//! unchanged; no questionnaire text or names readable in the encrypted
//! file, its backup or its upgrade copy; an encrypted old-schema file
//! upgraded.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use recap::store::schema::{APPLICATION_ID, LATEST, MIGRATIONS};
use recap::store::{Passphrase, Store, StoreError};
use rusqlite::Connection;
use tempfile::TempDir;
use zeroize::Zeroizing;

const NAME: &str = "Quentin Marlowe";
const NOTE: &str = "Talked with my sponsor about the weekend";
/// Texts from the questionnaires answered here (WHO-5, BARC-10).
const QUESTIONNAIRE_TEXTS: &[&str] = &[
    "I have felt cheerful and in good spirits",
    "My daily life has been filled with things that interest me",
    "WHO-5",
];
const PASSPHRASE: &str = "correct horse battery staple";
const MISSING_MESSAGE: &str = "not a recap database, or an encrypted one: give its passphrase with --passphrase-file or on the terminal";

struct Env {
    dir: TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::write(env.path("pw"), format!("{PASSPHRASE}\nnot this line\n")).unwrap();
        std::fs::write(env.path("new-pw"), "a different passphrase now\n").unwrap();
        std::fs::write(env.path("wrong-pw"), "not the passphrase at all\n").unwrap();
        env
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn db(&self) -> PathBuf {
        self.path("recap.db")
    }

    /// `recap --db recap.db ...`, no passphrase given.
    fn recap(&self) -> Command {
        let mut cmd = Command::cargo_bin("recap").unwrap();
        cmd.env_remove("RECAP_DB")
            .env_remove("RECAP_PASSPHRASE_FILE")
            .env("RECAP_CONFIG_DIR", self.path("config"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .arg("--db")
            .arg(self.db());
        cmd
    }

    /// `recap ...` with `--passphrase-file FILE`.
    fn with(&self, file: &str) -> Command {
        let mut cmd = self.recap();
        cmd.arg("--passphrase-file").arg(self.path(file));
        cmd
    }

    fn ok(&self, mut cmd: Command, args: &[&str]) -> String {
        let out = cmd.args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn some_data(&self) {
        self.ok(self.recap(), &["profiles", "add", NAME]);
        let p = ["--profile", NAME];
        self.ok(
            self.recap(),
            &[
                &p[..],
                &[
                    "record",
                    "who-5",
                    "--date",
                    "2026-03-02",
                    "--answers",
                    "3,4,2,3,4",
                ],
            ]
            .concat(),
        );
        self.ok(
            self.recap(),
            &[
                &p[..],
                &[
                    "record",
                    "barc-10",
                    "--date",
                    "2026-03-03",
                    "--answers",
                    "4,5,3,4,5,6,4,3,5,4",
                ],
            ]
            .concat(),
        );
        self.ok(self.recap(), &[&p[..], &["notes", "add", NOTE]].concat());
    }

    fn export(&self, cmd: Command) -> String {
        self.ok(cmd, &["export", "--format", "json"])
    }
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn plain_header(path: &Path) -> bool {
    bytes(path).starts_with(b"SQLite format 3\0")
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The file and any log beside it hold none of these texts.
fn nothing_readable(path: &Path, texts: &[&str]) {
    for file in [
        path.to_path_buf(),
        recap::files::sidecar(path, "-wal"),
        recap::files::sidecar(path, "-shm"),
    ] {
        if !file.exists() {
            continue;
        }
        let data = bytes(&file);
        for text in texts {
            assert!(
                !contains(&data, text),
                "{text:?} is readable in {}",
                file.display()
            );
        }
    }
}

fn all_secrets() -> Vec<&'static str> {
    let mut texts = vec![NAME, NOTE];
    texts.extend_from_slice(QUESTIONNAIRE_TEXTS);
    texts
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn encrypt_use_back_up_and_decrypt_keep_every_record() {
    let env = Env::new();
    env.some_data();
    let db = env.db();
    assert!(contains(&bytes(&db), NAME), "the plain file shows the name");
    let before = env.export(env.recap());

    let out = env.ok(env.with("pw"), &["encrypt"]);
    assert!(out.contains("Encrypted"), "{out}");
    assert!(out.contains("cannot be recovered"), "{out}");
    assert!(out.contains("exports and reports are plain files"), "{out}");
    assert!(!plain_header(&db));
    nothing_readable(&db, &all_secrets());
    #[cfg(unix)]
    assert_eq!(mode(&db), 0o600);
    // No temporary or plain copy is left behind.
    assert_eq!(
        listing(env.dir.path()),
        ["new-pw", "pw", "recap.db", "wrong-pw"]
    );

    // Reopened with the passphrase (flag or environment), everything is there.
    assert_eq!(env.export(env.with("pw")), before);
    let mut by_env = env.recap();
    by_env.env("RECAP_PASSPHRASE_FILE", env.path("pw"));
    assert_eq!(env.export(by_env), before);

    // Record, trends and a report work on the encrypted file.
    let p = ["--profile", NAME];
    env.ok(
        env.with("pw"),
        &[
            &p[..],
            &[
                "record",
                "who-5",
                "--date",
                "2026-03-16",
                "--answers",
                "4,4,4,4,4",
            ],
        ]
        .concat(),
    );
    let trends = env.ok(env.with("pw"), &[&p[..], &["trends", "--json"]].concat());
    assert!(trends.contains("who-5"), "{trends}");
    let report = env.path("report.md");
    let said = env.ok(
        env.with("pw"),
        &[
            &p[..],
            &[
                "report",
                "--format",
                "md",
                "--out",
                report.to_str().unwrap(),
            ],
        ]
        .concat(),
    );
    assert!(said.contains("not encrypted"), "{said}");
    assert!(std::str::from_utf8(&bytes(&report)).unwrap().contains(NAME));
    #[cfg(unix)]
    assert_eq!(mode(&report), 0o600);
    nothing_readable(&db, &all_secrets());

    // A backup is encrypted with the same passphrase.
    let backup = env.path("backup.db");
    env.ok(env.with("pw"), &["backup", backup.to_str().unwrap()]);
    assert!(!plain_header(&backup));
    nothing_readable(&backup, &all_secrets());
    let mut from_backup = Command::cargo_bin("recap").unwrap();
    from_backup
        .env_remove("RECAP_DB")
        .env_remove("RECAP_PASSPHRASE_FILE")
        .env("RECAP_CONFIG_DIR", env.path("config"))
        .args(["--db", backup.to_str().unwrap(), "--passphrase-file"])
        .arg(env.path("pw"));
    let encrypted_export = env.export(env.with("pw"));
    assert_eq!(env.export(from_backup), encrypted_export);

    // An export says it is plain, and is.
    let json = env.path("all.json");
    let said = env.ok(
        env.with("pw"),
        &[
            "export",
            "--format",
            "json",
            "--out",
            json.to_str().unwrap(),
        ],
    );
    assert!(said.contains("not encrypted"), "{said}");
    assert!(contains(&bytes(&json), NAME));

    // Decrypted, the file is plain SQLite again with the same records.
    let out = env.ok(env.with("pw"), &["decrypt"]);
    assert!(out.contains("Decrypted"), "{out}");
    assert!(plain_header(&db));
    #[cfg(unix)]
    assert_eq!(mode(&db), 0o600);
    assert_eq!(env.export(env.recap()), encrypted_export);
    assert!(encrypted_export.contains("2026-03-16"));
}

#[test]
fn wrong_and_missing_passphrases_are_refused_and_the_file_is_unchanged() {
    let env = Env::new();
    env.some_data();
    env.ok(env.with("pw"), &["encrypt"]);
    let db = env.db();
    let before = bytes(&db);
    let files = listing(env.dir.path());

    let copy = env.path("copy.db").display().to_string();
    let new_pw = env.path("new-pw").display().to_string();
    let runs: &[&[&str]] = &[
        &["profiles", "list"],
        &[
            "--profile",
            NAME,
            "record",
            "who-5",
            "--yes",
            "--answers",
            "1,1,1,1,1",
        ],
        &["export", "--format", "json"],
        &["backup", &copy],
        &["decrypt"],
        &["change-passphrase", "--new-passphrase-file", &new_pw],
    ];
    for args in runs {
        // No passphrase and no terminal: exit 2, saying how to give one.
        let out = env.recap().args(*args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(MISSING_MESSAGE), "{args:?}: {err}");
        assert!(err.contains(&db.display().to_string()), "{err}");

        // A wrong passphrase: exit 2 after a short wait.
        let start = Instant::now();
        let out = env.with("wrong-pw").args(*args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(start.elapsed() >= Duration::from_millis(900), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("this passphrase does not open it") && err.contains("Nothing was changed"),
            "{args:?}: {err}"
        );
        assert!(!err.contains(PASSPHRASE) && !err.contains("not the passphrase"));

        assert_eq!(bytes(&db), before, "{args:?} changed the file");
        assert_eq!(listing(env.dir.path()), files, "{args:?} left a file");
    }
    // A passphrase file others may read works, with a warning.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let pw = env.path("pw");
        std::fs::set_permissions(&pw, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = env.with("pw").args(["profiles", "list"]).output().unwrap();
        assert!(out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("others can read the passphrase file")
        );
        std::fs::set_permissions(&pw, std::fs::Permissions::from_mode(0o600)).unwrap();
        let out = env.with("pw").args(["profiles", "list"]).output().unwrap();
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // A passphrase file that is missing or empty is refused the same way.
    let out = env
        .with("no-such-file")
        .args(["profiles", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("passphrase file"));
    std::fs::write(env.path("empty-pw"), "\n").unwrap();
    let out = env
        .with("empty-pw")
        .args(["profiles", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty"));
    assert_eq!(bytes(&db), before);
}

#[test]
fn change_passphrase_keeps_the_records_and_only_the_new_one_opens() {
    let env = Env::new();
    env.some_data();
    let copy = env.path("plain-copy.db");
    env.ok(
        env.with("pw"),
        &["encrypt", "--keep-plain", copy.to_str().unwrap()],
    );
    // The plain original was kept only because it was asked for.
    assert!(plain_header(&copy) && contains(&bytes(&copy), NAME));
    let before = env.export(env.with("pw"));

    // The same passphrase again, and encrypting twice, are refused.
    let out = env
        .with("pw")
        .args(["change-passphrase", "--new-passphrase-file"])
        .arg(env.path("pw"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = env.with("pw").arg("encrypt").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already encrypted"));
    // A new passphrase too short is refused before anything changes.
    std::fs::write(env.path("short"), "abc\n").unwrap();
    let unchanged = bytes(&env.db());
    let out = env
        .with("pw")
        .args(["change-passphrase", "--new-passphrase-file"])
        .arg(env.path("short"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(bytes(&env.db()), unchanged);

    let new_pw = env.path("new-pw").display().to_string();
    let out = env.ok(
        env.with("pw"),
        &["change-passphrase", "--new-passphrase-file", &new_pw],
    );
    assert!(out.contains("Changed the passphrase"), "{out}");
    nothing_readable(&env.db(), &all_secrets());
    let old = env.with("pw").args(["profiles", "list"]).output().unwrap();
    assert_eq!(old.status.code(), Some(2));
    assert_eq!(env.export(env.with("new-pw")), before);

    env.ok(env.with("new-pw"), &["decrypt"]);
    let out = env.recap().arg("decrypt").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not encrypted"));
    assert_eq!(env.export(env.recap()), before);
}

#[test]
fn a_new_passphrase_without_a_file_or_terminal_is_refused() {
    let env = Env::new();
    env.some_data();
    let before = bytes(&env.db());
    let out = env.recap().arg("encrypt").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--new-passphrase-file"));
    assert_eq!(bytes(&env.db()), before);
    assert!(plain_header(&env.db()));
}

fn passphrase() -> Passphrase {
    Passphrase::new(Zeroizing::new(PASSPHRASE.to_string())).unwrap()
}

/// An encrypted database at schema version `n`, built with the first `n`
/// migrations, holding one profile.
fn encrypted_at_version(path: &Path, n: usize) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(&format!("PRAGMA key = '{PASSPHRASE}';"))
        .unwrap();
    for sql in &MIGRATIONS[..n] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {n};"
    ))
    .unwrap();
    conn.execute(
        "INSERT INTO profiles (id, uuid, name, created_at) VALUES (1, '0b5c7a3e-2f51-4c1f-9b1e-2d7f0e1a4c11', ?1, '2025-12-01T08:00:00.000Z')",
        [NAME],
    )
    .unwrap();
}

#[test]
fn an_encrypted_old_schema_file_is_upgraded_and_its_copy_stays_encrypted() {
    for n in 1..LATEST as usize {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        encrypted_at_version(&path, n);
        let before = bytes(&path);

        // Without the passphrase: refused untouched, no upgrade, no copy.
        let err = Store::open(&path).unwrap_err();
        assert!(matches!(err, StoreError::Encrypted(_)), "{err}");
        let wrong = Passphrase::new(Zeroizing::new("wrong words here".into())).unwrap();
        let err = Store::open_keyed(&path, Some(&wrong)).unwrap_err();
        assert!(matches!(err, StoreError::WrongPassphrase(_)), "{err}");
        assert_eq!(bytes(&path), before);
        let bak = dir.path().join(format!("old.db.before-schema-{n}.bak"));
        assert!(!bak.exists());

        let store = Store::open_keyed(&path, Some(&passphrase())).unwrap();
        assert!(store.is_encrypted());
        assert_eq!(store.schema_version().unwrap(), LATEST, "from version {n}");
        assert_eq!(store.require_profile(NAME).unwrap().name, NAME);
        drop(store);
        assert!(!plain_header(&path));
        nothing_readable(&path, &[NAME]);

        // The copy taken before the upgrade is the old file, encrypted with
        // the same passphrase.
        assert!(!plain_header(&bak));
        nothing_readable(&bak, &[NAME]);
        let conn = Connection::open(&bak).unwrap();
        conn.execute_batch(&format!("PRAGMA key = '{PASSPHRASE}';"))
            .unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, n as i64);
    }
}

#[test]
fn the_store_rewrites_encrypted_and_back_with_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recap.db");
    let store = Store::open(&path).unwrap();
    let profile = store.add_profile(NAME, chrono::Utc::now()).unwrap();
    store
        .add_note(profile.id, None, NOTE, chrono::Utc::now())
        .unwrap();
    assert!(!store.is_encrypted());
    store.rewrite(Some(&passphrase())).unwrap();
    assert!(!plain_header(&path));
    nothing_readable(&path, &[NAME, NOTE]);

    let store = Store::open_keyed(&path, Some(&passphrase())).unwrap();
    assert!(store.is_encrypted());
    assert!(store.opens_with(&passphrase()).unwrap());
    let wrong = Passphrase::new(Zeroizing::new("wrong words here".into())).unwrap();
    assert!(!store.opens_with(&wrong).unwrap());
    assert_eq!(store.notes(profile.id).unwrap().len(), 1);
    assert_eq!(store.integrity_check().unwrap(), "ok");
    store.rewrite(None).unwrap();
    assert!(plain_header(&path));
    let store = Store::open(&path).unwrap();
    assert_eq!(store.notes(profile.id).unwrap()[0].body, NOTE);
}

#[test]
fn a_file_open_elsewhere_is_not_swapped_and_stays_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recap.db");
    let other = Store::open(&path).unwrap();
    other.add_profile(NAME, chrono::Utc::now()).unwrap();
    let this = Store::open(&path).unwrap();
    let err = this.rewrite(Some(&passphrase())).unwrap_err();
    assert!(err.to_string().contains("open in another recap"), "{err}");
    // Nothing was swapped: the other process goes on with the plain file.
    assert!(plain_header(&path));
    other
        .add_note(
            other.require_profile(NAME).unwrap().id,
            None,
            NOTE,
            chrono::Utc::now(),
        )
        .unwrap();
    drop(other);
    let store = Store::open(&path).unwrap();
    assert!(!store.is_encrypted());
    assert_eq!(
        store
            .notes(store.require_profile(NAME).unwrap().id)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        listing(dir.path()),
        ["recap.db", "recap.db-shm", "recap.db-wal"],
        "no temporary file is left"
    );
}
