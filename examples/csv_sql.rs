//! Prints a script for the `sqlite3` command-line shell that writes the same
//! rows as `recap export --format csv` (every answer of every completed
//! check-in, in the same order, with the same item text and option labels),
//! so the two can be timed side by side (`scripts/export-vs-sqlite3.sh`):
//!
//!     cargo run --release --example csv_sql -- --db FILE > export.sql
//!     sqlite3 -bail FILE < export.sql > sqlite3.csv
//!
//! Item texts and labels live in the questionnaire snapshots stored in the
//! file (TOML, which SQL cannot read), so they are put into two small
//! temporary tables first: one row per item and per option of each snapshot.
//! `--no-order` leaves out ORDER BY: the rows as SQLite finds them fastest.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use recap::instrument::Response;
use recap::store::{DumpFilter, Store};

#[derive(Parser)]
struct Args {
    /// The recap database the script will read.
    #[arg(long)]
    db: PathBuf,
    /// Leave out ORDER BY (a floor: rows in whatever order is cheapest).
    #[arg(long)]
    no_order: bool,
}

/// An SQL string literal.
fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let store = match Store::open(&args.db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("csv_sql: {e}");
            return ExitCode::FAILURE;
        }
    };
    let snapshots = match store.dump_snapshots(&DumpFilter::default()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("csv_sql: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut sql = String::new();
    sql.push_str(
        "CREATE TEMP TABLE item_text (hash TEXT, item_id TEXT, position INTEGER, text TEXT, unit TEXT, PRIMARY KEY (hash, item_id));\n\
         CREATE TEMP TABLE item_label (hash TEXT, item_id TEXT, value INTEGER, label TEXT, PRIMARY KEY (hash, item_id, value));\n\
         BEGIN;\n",
    );
    for snapshot in &snapshots {
        let instrument = match store.snapshot_instrument(&snapshot.hash) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("csv_sql: {e}");
                return ExitCode::FAILURE;
            }
        };
        for (position, item) in instrument.items.iter().enumerate() {
            let unit = match &item.response {
                Response::Number { unit: Some(u), .. } => lit(u),
                _ => "NULL".into(),
            };
            let _ = writeln!(
                sql,
                "INSERT INTO item_text VALUES ({}, {}, {position}, {}, {unit});",
                lit(&snapshot.hash),
                lit(&item.id),
                lit(&item.text)
            );
            for option in item.options() {
                let _ = writeln!(
                    sql,
                    "INSERT INTO item_label VALUES ({}, {}, {}, {});",
                    lit(&snapshot.hash),
                    lit(&item.id),
                    option.value,
                    lit(&option.label)
                );
            }
        }
    }
    sql.push_str("COMMIT;\n.headers on\n.mode csv\n.separator , \"\\n\"\n");
    sql.push_str(
        "SELECT p.name AS profile, s.id AS session_id, s.completed_at, s.questionnaire_id,
       s.questionnaire_version, a.item_id, COALESCE(it.text, '') AS item_text,
       a.value_int AS value,
       CASE WHEN a.value_int IS NULL THEN ''
            ELSE COALESCE(lb.label, CASE WHEN it.unit IS NULL THEN a.value_int ELSE a.value_int || ' ' || it.unit END)
       END AS label,
       COALESCE(a.value_text, '') AS text
FROM sessions s
JOIN profiles p ON p.id = s.profile_id
JOIN answers a ON a.session_seq = s.seq
LEFT JOIN item_text it ON it.hash = s.snapshot_hash AND it.item_id = a.item_id
LEFT JOIN item_label lb ON lb.hash = s.snapshot_hash AND lb.item_id = a.item_id AND lb.value = a.value_int
WHERE s.status = 'completed' AND s.completed_at IS NOT NULL",
    );
    if args.no_order {
        sql.push_str(";\n");
    } else {
        sql.push_str(
            "\nORDER BY p.name COLLATE NOCASE, p.id, s.completed_at, s.id, COALESCE(it.position, 1e9), a.item_id;\n",
        );
    }
    print!("{sql}");
    ExitCode::SUCCESS
}
