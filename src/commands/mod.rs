//! One module per command: each takes parsed arguments and the run's context,
//! does the work through the library, and returns `Result<(), Error>`.

/// Prints a line to standard output, cleaned for a terminal (`termtext`); a
/// closed pipe ends the command quietly instead of panicking like `println!`.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::commands::write_out(format_args!("{}\n", format_args!($($arg)*)))?
    };
}

pub mod amend;
pub mod backup;
pub mod caseload;
pub mod checkin;
pub mod confirm;
pub mod delete;
pub mod due;
pub mod encryption;
pub mod export;
pub mod goals;
pub mod history;
pub mod import;
pub mod network;
pub mod notes;
pub mod passphrase;
pub mod profiles;
pub mod questionnaires;
pub mod record;
pub mod record_input;
pub mod remind;
pub mod report;
pub mod trends;

use crate::cli::{Cli, Command};
use crate::error::Result;
use crate::instrument::Catalog;
use crate::paths::Paths;

/// Writes text for people to standard output, with every control character
/// and bidi override made harmless (`termtext::clean`), mapping a closed
/// pipe to `Error::ClosedOutput`.
pub fn write_out(args: std::fmt::Arguments<'_>) -> Result<()> {
    use std::io::Write as _;
    let text = std::fmt::format(args);
    let mut out = std::io::stdout().lock();
    out.write_all(crate::termtext::clean(&text).as_bytes())?;
    Ok(())
}

/// Writes data (JSON, CSV, ...) to standard output: exact bytes into a pipe
/// or file, cleaned on a terminal (`termtext::data_stdout`).
pub fn write_data(text: &str) -> Result<()> {
    use std::io::Write as _;
    let mut out = crate::termtext::data_stdout();
    out.write_all(text.as_bytes())?;
    out.finish()?;
    Ok(())
}

/// Reports questionnaire files that were skipped, on standard error (cleaned).
pub fn report_problems(catalog: &Catalog) {
    for problem in &catalog.problems {
        crate::termtext::eprint_line(&format!("recap: skipped a questionnaire file: {problem}"));
    }
}

/// The support contacts a command uses, and why the built-in ones are used
/// when config.toml could not be.
#[derive(Debug, Clone)]
pub struct ConfigInUse {
    pub support: crate::config::Support,
    /// `[network]`: days between recovery-network reviews.
    pub network: crate::config::NetworkConfig,
    /// The `[counselor]` table (None: none, or the file could not be used).
    pub counselor: Option<crate::config::Counselor>,
    /// How the app's picker opens (`picker = "find"` or `"list"`).
    pub picker: crate::config::Picker,
    /// `[privacy] lock_after_minutes` (None: never).
    pub lock_after: Option<std::time::Duration>,
    /// `file:line:col: message` with what recap does instead.
    pub warning: Option<String>,
}

impl ConfigInUse {
    /// How a new note starts (`Config::notes_default`); private when
    /// config.toml could not be used, since it may have said so.
    pub fn notes_default(&self) -> crate::store::Visibility {
        if self.warning.is_some() {
            return crate::store::Visibility::Private;
        }
        crate::config::Config {
            counselor: self.counselor.clone(),
            ..crate::config::Config::default()
        }
        .notes_default()
    }

    /// The counselor's name from config.toml, if any.
    pub fn counselor_name(&self) -> Option<&str> {
        self.counselor.as_ref().and_then(|c| c.name.as_deref())
    }
}

/// What every command may need: resolved paths, global flags, the catalog.
pub struct Context {
    pub paths: Paths,
    pub global: crate::cli::Global,
    /// The passphrase of an encrypted database, once given (asked once a run).
    pub key: std::cell::RefCell<Option<crate::store::Passphrase>>,
}

impl Context {
    /// Bundled plus user questionnaires; problems in user files are reported
    /// on standard error and those files are skipped.
    pub fn catalog(&self) -> Catalog {
        let catalog = Catalog::load_cached(
            Some(&self.paths.questionnaires_dir()),
            &self.paths.questionnaire_cache(),
        );
        report_problems(&catalog);
        catalog
    }

    /// Opens (creating on first use) the database, saying on standard
    /// error when a file others could read was made private.
    pub fn store(&self) -> Result<crate::store::Store> {
        let key = self.key()?;
        let store = crate::store::Store::open_keyed(&self.paths.db, key.as_ref())
            .map_err(wrong_key_waits)?;
        said_private(&store);
        Ok(store)
    }

    /// The passphrase for the database when it is encrypted (`None` for a
    /// plain or missing file, or when none can be had: the store then says
    /// how to give it). Read from `--passphrase-file` or asked once.
    pub fn key(&self) -> Result<Option<crate::store::Passphrase>> {
        if let Some(key) = self.key.borrow().as_ref() {
            return Ok(Some(key.clone()));
        }
        if !crate::store::cipher::is_encrypted(&self.paths.db) {
            return Ok(None);
        }
        let key = passphrase::current(self.global.passphrase_file.as_deref(), &self.paths.db)?;
        self.key.borrow_mut().clone_from(&key);
        Ok(key)
    }

    /// Opens the database to change it (creating it on first use); a
    /// read-only one is refused before anything is asked or done.
    pub fn writable_store(&self) -> Result<crate::store::Store> {
        let store = self.store()?;
        store.require_writable()?;
        Ok(store)
    }

    /// Opens the database to read it; `None` when there is none yet, and
    /// then nothing is created.
    pub fn existing_store(&self) -> Result<Option<crate::store::Store>> {
        let key = self.key()?;
        let store = crate::store::Store::open_existing_keyed(&self.paths.db, key.as_ref())
            .map_err(wrong_key_waits)?;
        if let Some(store) = &store {
            said_private(store);
        }
        Ok(store)
    }

    /// The support contacts from `config.toml`, the same way for every
    /// command: a file that cannot be used is reported on standard error as
    /// `file:line:col: message` (through `termtext`) with a line saying the
    /// built-in contacts are used instead, and the command goes on with
    /// them. The warning is returned for the full-screen app to show.
    pub fn config(&self) -> ConfigInUse {
        match crate::config::Config::load(&self.paths.config_file()) {
            Ok(config) => ConfigInUse {
                support: config.support,
                network: config.network,
                counselor: config.counselor,
                picker: config.picker,
                lock_after: config.lock_after,
                warning: None,
            },
            Err(e) => {
                let problem = e.to_string();
                crate::termtext::eprint_line(&format!("recap: {problem}"));
                crate::termtext::eprint_line(&format!(
                    "recap: {}",
                    crate::strings::CONFIG_NOT_USED
                ));
                ConfigInUse {
                    support: crate::config::Support::default(),
                    network: crate::config::NetworkConfig::default(),
                    counselor: None,
                    picker: crate::config::Picker::Find,
                    lock_after: Some(crate::config::DEFAULT_LOCK_AFTER),
                    warning: Some(crate::strings::config_warning(&problem)),
                }
            }
        }
    }

    /// The database and the profile to read (`--profile`, or the only
    /// one), creating nothing: `None` when there is no data yet.
    pub fn reading(&self) -> Result<Option<(crate::store::Store, crate::store::Profile)>> {
        let Some(store) = self.existing_store()? else {
            return Ok(None);
        };
        Ok(store
            .find_profile(self.global.profile.as_deref())?
            .map(|profile| (store, profile)))
    }

    /// Colour is off with --no-color or a non-empty NO_COLOR.
    pub fn color(&self) -> bool {
        !self.global.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    }
}

/// A wrong passphrase is answered after a short wait, so guessing is slow.
pub fn wrong_key_waits(e: crate::store::StoreError) -> crate::store::StoreError {
    if matches!(e, crate::store::StoreError::WrongPassphrase(_)) {
        std::thread::sleep(passphrase::WRONG_DELAY);
    }
    e
}

/// Says on standard error which files others could read were made private.
fn said_private(store: &crate::store::Store) {
    for t in store.tightened() {
        crate::termtext::eprint_line(&format!(
            "recap: {}",
            crate::strings::made_private(&t.path.display().to_string(), t.was)
        ));
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let paths = Paths::resolve(cli.global.db.clone())?;
    let ctx = Context {
        paths,
        global: cli.global,
        key: std::cell::RefCell::new(None),
    };
    match cli.command {
        Some(Command::Questionnaires(cmd)) => questionnaires::run(&ctx, cmd),
        Some(Command::Paths) => {
            say!("database:        {}", ctx.paths.db.display());
            say!("configuration:   {}", ctx.paths.config_file().display());
            say!(
                "questionnaires:  {}",
                ctx.paths.questionnaires_dir().display()
            );
            Ok(())
        }
        Some(Command::Profiles(cmd)) => profiles::run(&ctx, cmd),
        Some(Command::Record(args)) => record::run(&ctx, args),
        Some(Command::Backup { file, force }) => backup::run(&ctx, &file, force),
        Some(Command::CheckIn { id }) if ctx.global.plain => {
            checkin::run_plain_mode(&ctx, id.as_deref())
        }
        Some(Command::CheckIn { id }) => checkin::run_tui(&ctx, id.as_deref()),
        None if ctx.global.plain || !std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            checkin::run_plain_mode(&ctx, None)
        }
        None => checkin::run_tui(&ctx, None),
        Some(Command::Export(args)) => export::run(&ctx, args),
        Some(Command::Import { file, into }) => import::run(&ctx, &file, into.as_deref()),
        Some(Command::Report(args)) => report::run(&ctx, args),
        Some(Command::Trends(args)) => trends::run(&ctx, args),
        Some(Command::History(args)) => history::run(&ctx, &args),
        Some(Command::Delete { checkin, yes }) => delete::delete(&ctx, &checkin, yes),
        Some(Command::Trash(cmd)) => delete::trash(&ctx, cmd),
        Some(Command::Amend(args)) => amend::run(&ctx, &args),
        Some(Command::Notes(cmd)) => notes::run(&ctx, cmd),
        Some(Command::Due(args)) => due::run(&ctx, &args),
        Some(Command::Remind(cmd)) => remind::run(&ctx, cmd),
        Some(Command::Network(cmd)) => network::run(&ctx, cmd),
        Some(Command::Goals(cmd)) => goals::run(&ctx, cmd),
        Some(Command::Caseload(args)) => caseload::caseload(&ctx, &args),
        Some(Command::Prep(args)) => caseload::prep(&ctx, &args),
        Some(Command::Encrypt {
            keep_plain,
            new_passphrase_file,
        }) => encryption::encrypt(&ctx, keep_plain.as_deref(), new_passphrase_file.as_deref()),
        Some(Command::Decrypt) => encryption::decrypt(&ctx),
        Some(Command::ChangePassphrase {
            new_passphrase_file,
        }) => encryption::change_passphrase(&ctx, new_passphrase_file.as_deref()),
    }
}
