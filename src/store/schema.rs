//! The schema as append-only numbered migrations on `PRAGMA user_version`.
//! Never edit a released step: add a new one at the end.

/// `PRAGMA application_id` of a recap database ("RCAP").
pub const APPLICATION_ID: i64 = 0x5243_4150;

/// Migration N (1-based) takes a database from version N-1 to N.
pub const MIGRATIONS: &[&str] = &[
    // 1: profiles, questionnaire snapshots, sessions and answers.
    r#"
    CREATE TABLE profiles (
        id          INTEGER PRIMARY KEY,
        uuid        TEXT NOT NULL UNIQUE,
        name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created_at  TEXT NOT NULL,
        archived_at TEXT
    );
    CREATE TABLE snapshots (
        hash             TEXT PRIMARY KEY,
        questionnaire_id TEXT NOT NULL,
        version          INTEGER NOT NULL,
        source           TEXT NOT NULL
    );
    CREATE TABLE sessions (
        id                    TEXT PRIMARY KEY,
        profile_id            INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        questionnaire_id      TEXT NOT NULL,
        questionnaire_version INTEGER NOT NULL,
        snapshot_hash         TEXT NOT NULL REFERENCES snapshots(hash),
        started_at            TEXT NOT NULL,
        completed_at          TEXT,
        with_counselor        INTEGER NOT NULL DEFAULT 0,
        status                TEXT NOT NULL
            CHECK (status IN ('in_progress', 'completed', 'discarded'))
    );
    CREATE TABLE answers (
        session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        item_id     TEXT NOT NULL,
        value_int   INTEGER,
        value_text  TEXT,
        answered_at TEXT NOT NULL,
        PRIMARY KEY (session_id, item_id),
        CHECK ((value_int IS NULL) <> (value_text IS NULL))
    ) WITHOUT ROWID;
    "#,
    // 2: notes, cached scores, the per-profile counselor default, indexes.
    r#"
    CREATE TABLE notes (
        id         TEXT PRIMARY KEY,
        profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        body       TEXT NOT NULL
    );
    CREATE TABLE scores (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        score_id   TEXT NOT NULL,
        value      REAL,
        band       TEXT,
        PRIMARY KEY (session_id, score_id)
    ) WITHOUT ROWID;
    ALTER TABLE profiles ADD COLUMN counselor_default INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX sessions_by_profile
        ON sessions(profile_id, status, questionnaire_id, completed_at);
    CREATE INDEX notes_by_profile ON notes(profile_id, created_at);
    "#,
    // 3: what the home screen, trends and the people picker read, stored in
    // the order it is read, so that one person's years of check-ins come from
    // a few neighbouring pages instead of one page per check-in.
    // `series`: each completed session's cached scores as a JSON array of
    // [score id, value or null], by score id; `last_done`: the latest
    // completion per person and questionnaire. Both are kept by the store
    // together with `scores` (sessions are only ever removed with their
    // profile, which removes these rows too).
    r#"
    CREATE TABLE series (
        profile_id       INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        questionnaire_id TEXT NOT NULL,
        completed_at     TEXT NOT NULL,
        session_id       TEXT NOT NULL,
        with_counselor   INTEGER NOT NULL,
        scores           TEXT NOT NULL,
        PRIMARY KEY (profile_id, questionnaire_id, completed_at, session_id)
    ) WITHOUT ROWID;
    CREATE TABLE last_done (
        profile_id       INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        questionnaire_id TEXT NOT NULL,
        completed_at     TEXT NOT NULL,
        PRIMARY KEY (profile_id, questionnaire_id)
    ) WITHOUT ROWID;
    INSERT INTO series (profile_id, questionnaire_id, completed_at, session_id, with_counselor, scores)
        SELECT s.profile_id, s.questionnaire_id, s.completed_at, s.id, s.with_counselor,
               (SELECT json_group_array(json_array(sc.score_id, sc.value) ORDER BY sc.score_id)
                FROM scores sc WHERE sc.session_id = s.id)
        FROM sessions s
        WHERE s.status = 'completed' AND s.completed_at IS NOT NULL;
    INSERT INTO last_done (profile_id, questionnaire_id, completed_at)
        SELECT profile_id, questionnaire_id, MAX(completed_at) FROM sessions
        WHERE status = 'completed' AND completed_at IS NOT NULL
        GROUP BY profile_id, questionnaire_id;
    "#,
    // 4: dates as typed, and a score cache that knows how it was computed.
    // `sessions.local_date` (YYYY-MM-DD) and `utc_offset` (seconds east of
    // UTC): the day the person meant and their zone's offset when the
    // check-in was completed. Older files did not keep them; a paper form
    // entered by an older recap was stored at noon UTC of its day (started
    // and completed at the same instant), so that day is its date.
    // `series` and `last_done` are made again with the offset, and each
    // `series` row records the scoring version and snapshot hash it was
    // computed with; `cache_state` holds the oldest scoring version in the
    // cache (0 here: unknown), so the store rebuilds the cache in the same
    // transaction as this step (see `store::cache`). recap never changes a
    // session's snapshot or a snapshot's text; if anything does (by hand),
    // the triggers mark the cache unknown, so the next open rebuilds it.
    r#"
    ALTER TABLE sessions ADD COLUMN local_date TEXT;
    ALTER TABLE sessions ADD COLUMN utc_offset INTEGER;
    UPDATE sessions SET local_date = substr(completed_at, 1, 10), utc_offset = 0
        WHERE status = 'completed' AND completed_at = started_at
          AND substr(completed_at, 11) = 'T12:00:00.000Z';
    DROP TABLE series;
    CREATE TABLE series (
        profile_id       INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        questionnaire_id TEXT NOT NULL,
        completed_at     TEXT NOT NULL,
        session_id       TEXT NOT NULL,
        with_counselor   INTEGER NOT NULL,
        utc_offset       INTEGER,
        snapshot_hash    TEXT NOT NULL,
        scoring_version  INTEGER NOT NULL,
        scores           TEXT NOT NULL,
        PRIMARY KEY (profile_id, questionnaire_id, completed_at, session_id)
    ) WITHOUT ROWID;
    DROP TABLE last_done;
    CREATE TABLE last_done (
        profile_id       INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        questionnaire_id TEXT NOT NULL,
        completed_at     TEXT NOT NULL,
        utc_offset       INTEGER,
        PRIMARY KEY (profile_id, questionnaire_id)
    ) WITHOUT ROWID;
    CREATE TABLE cache_state (
        id              INTEGER PRIMARY KEY CHECK (id = 1),
        scoring_version INTEGER NOT NULL
    );
    INSERT INTO cache_state (id, scoring_version) VALUES (1, 0);
    CREATE TRIGGER cache_stale_on_session_snapshot AFTER UPDATE OF snapshot_hash ON sessions
    BEGIN
        UPDATE cache_state SET scoring_version = 0;
    END;
    CREATE TRIGGER cache_stale_on_snapshot_text AFTER UPDATE OF hash, source ON snapshots
    BEGIN
        UPDATE cache_state SET scoring_version = 0;
    END;
    "#,
    // 5: the trash and the trail of corrections (below).
    CORRECTIONS,
    // 6: questionnaires switched off per profile (below).
    SKIPS,
    // 7: the recovery network (below).
    NETWORK,
    // 8: client ids, and notes kept apart (below).
    COUNSELOR_RECORDS,
    // 9: the recovery plan: goals, steps and their history (below).
    GOALS,
    // 10: answers and cached scores keyed by an integer in time order (below).
    SEQ_KEYS,
    // 11: check-ins in the order a whole export writes them (below).
    SESSIONS_BY_START,
];

/// The trash and the trail of corrections: `sessions.deleted_at` (a check-in
/// in the trash keeps its status and everything else, and leaves `series`
/// and `last_done` until it is restored) and `amendments` (every change to
/// an answer of a completed check-in: the value before and after, when the
/// value before was given, when it changed and why).
const CORRECTIONS: &str = r#"
    ALTER TABLE sessions ADD COLUMN deleted_at TEXT;
    CREATE TABLE amendments (
        id              INTEGER PRIMARY KEY,
        session_id      TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        item_id         TEXT NOT NULL,
        was_int         INTEGER,
        was_text        TEXT,
        was_answered_at TEXT,
        now_int         INTEGER,
        now_text        TEXT,
        amended_at      TEXT NOT NULL,
        reason          TEXT NOT NULL,
        CHECK (was_int IS NULL OR was_text IS NULL),
        CHECK (now_int IS NULL OR now_text IS NULL)
    );
    CREATE INDEX amendments_by_session ON amendments(session_id, amended_at);
    CREATE INDEX sessions_in_trash ON sessions(profile_id, deleted_at)
        WHERE deleted_at IS NOT NULL;
"#;

/// The schema version that added the trash and amendments.
pub const CORRECTIONS_VERSION: i64 = 5;

/// Questionnaires a profile has switched off (`recap profiles set NAME
/// --skip ID`): never due for that profile, left out of `recap due` and
/// its reminders. Only the setting and when it was made; removing the
/// profile removes its rows.
const SKIPS: &str = r#"
    CREATE TABLE skipped_questionnaires (
        profile_id       INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        questionnaire_id TEXT NOT NULL,
        skipped_at       TEXT NOT NULL,
        PRIMARY KEY (profile_id, questionnaire_id)
    ) WITHOUT ROWID;
"#;

/// The schema version that added questionnaires switched off per profile.
pub const SKIPS_VERSION: i64 = 6;

/// The recovery network: `network_reviews` (one dated review per day with
/// a change, the whole network as it was then; a review is never changed
/// once its day has passed) and `network_entries` (each review's entries in
/// order; `entry_id` names the same entry from review to review). Answers a
/// kind is not asked are NULL or 0.
pub const NETWORK: &str = r#"
    CREATE TABLE network_reviews (
        id             TEXT PRIMARY KEY,
        profile_id     INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        local_date     TEXT NOT NULL,
        utc_offset     INTEGER NOT NULL,
        started_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        walked_through INTEGER NOT NULL DEFAULT 0 CHECK (walked_through IN (0, 1))
    );
    CREATE INDEX network_reviews_by_profile ON network_reviews(profile_id, started_at);
    CREATE TABLE network_entries (
        review_id  TEXT NOT NULL REFERENCES network_reviews(id) ON DELETE CASCADE,
        entry_id   TEXT NOT NULL,
        position   INTEGER NOT NULL,
        name       TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('person', 'group', 'place')),
        support    TEXT NOT NULL CHECK (support IN ('supportive', 'mixed', 'unsupportive')),
        closeness  INTEGER CHECK (closeness BETWEEN 1 AND 5),
        belonging  INTEGER CHECK (belonging BETWEEN 1 AND 5),
        contact    TEXT CHECK (contact IN ('weekly', 'monthly', 'rarely')),
        role_model INTEGER NOT NULL DEFAULT 0 CHECK (role_model IN (0, 1)),
        available  INTEGER NOT NULL DEFAULT 0 CHECK (available IN (0, 1)),
        reachable  INTEGER NOT NULL DEFAULT 0 CHECK (reachable IN (0, 1)),
        uses       INTEGER NOT NULL DEFAULT 0 CHECK (uses IN (0, 1)),
        PRIMARY KEY (review_id, entry_id)
    ) WITHOUT ROWID;
"#;

/// The schema version that added the recovery network.
pub const NETWORK_VERSION: i64 = 7;
/// Records a counselor keeps: `profiles.client_id` (an agency's id for the
/// person, e.g. a medical record number; unique, compared without regard to
/// case), and notes that are `private` (the counselor's own) or `shared`
/// (may go into reports and exports), with an `author` and a trail:
/// `note_revisions` keeps every earlier text and visibility of a note with
/// when and by whom it changed (`edited`, `visibility`), and a deleted note
/// stays with `deleted_at` and a `deleted` revision, out of every list,
/// report and export but the JSON export with private notes. Notes written
/// before this step were already shown in reports: they are `shared`.
const COUNSELOR_RECORDS: &str = r#"
    ALTER TABLE profiles ADD COLUMN client_id TEXT;
    CREATE UNIQUE INDEX profiles_by_client_id ON profiles(client_id COLLATE NOCASE)
        WHERE client_id IS NOT NULL;
    ALTER TABLE notes ADD COLUMN visibility TEXT NOT NULL DEFAULT 'shared'
        CHECK (visibility IN ('private', 'shared'));
    ALTER TABLE notes ADD COLUMN author TEXT;
    ALTER TABLE notes ADD COLUMN deleted_at TEXT;
    CREATE TABLE note_revisions (
        id                INTEGER PRIMARY KEY,
        note_id           TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
        kind              TEXT NOT NULL CHECK (kind IN ('edited', 'visibility', 'deleted')),
        body_before       TEXT NOT NULL,
        visibility_before TEXT NOT NULL CHECK (visibility_before IN ('private', 'shared')),
        changed_at        TEXT NOT NULL,
        changed_by        TEXT
    );
    CREATE INDEX note_revisions_by_note ON note_revisions(note_id, changed_at);
"#;

/// The schema version that added client ids and notes kept apart.
pub const COUNSELOR_RECORDS_VERSION: i64 = 8;

/// The recovery plan: `goals` (the person's own words, a SAMHSA dimension,
/// what it came from, an optional target day, a status), `goal_steps` (each
/// goal's small steps in order, with the state they were last reviewed in)
/// and `goal_events` (every change: set, status, words, step added, step
/// reviewed with the check-in it was reviewed at). Goals are never deleted
/// but with their profile; events are never changed. A check-in erased for
/// good (emptying the trash) leaves the goals and their history, without
/// the link to it.
const GOALS: &str = r#"
    CREATE TABLE goals (
        id                 TEXT PRIMARY KEY,
        profile_id         INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        text               TEXT NOT NULL,
        dimension          TEXT NOT NULL
            CHECK (dimension IN ('health', 'home', 'purpose', 'community')),
        from_kind          TEXT CHECK (from_kind IN ('item', 'score', 'network')),
        from_questionnaire TEXT,
        from_item          TEXT,
        from_score         TEXT,
        from_session       TEXT,
        from_entry         TEXT,
        from_words         TEXT,
        due_date           TEXT,
        status             TEXT NOT NULL
            CHECK (status IN ('in-progress', 'paused', 'achieved', 'let-go')),
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        CHECK ((from_kind IS NULL) = (from_words IS NULL))
    );
    CREATE INDEX goals_by_profile ON goals(profile_id, created_at);
    CREATE TABLE goal_steps (
        id         TEXT PRIMARY KEY,
        goal_id    TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        text       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        state      TEXT NOT NULL
            CHECK (state IN ('open', 'done', 'in-progress', 'not-this-week', 'let-go')),
        UNIQUE (goal_id, position)
    );
    CREATE TABLE goal_events (
        id         INTEGER PRIMARY KEY,
        goal_id    TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
        at         TEXT NOT NULL,
        kind       TEXT NOT NULL
            CHECK (kind IN ('created', 'status', 'edited', 'step-added', 'step-reviewed')),
        step_id    TEXT,
        status     TEXT,
        before     TEXT,
        note       TEXT,
        session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL
    );
    CREATE INDEX goal_events_by_goal ON goal_events(goal_id, at);
    CREATE INDEX goal_events_by_session ON goal_events(session_id)
        WHERE session_id IS NOT NULL;
    CREATE TRIGGER goals_forget_erased_session AFTER DELETE ON sessions
    BEGIN
        UPDATE goals SET from_session = NULL WHERE from_session = OLD.id;
    END;
"#;

/// The schema version that added the recovery plan.
pub const GOALS_VERSION: i64 = 9;

/// Answers and cached scores keyed by `sessions.seq`, an integer that
/// follows time order, rather than by the check-in's random UUID: an import
/// appends them and an export reads them from neighbouring pages.
/// `sessions.seq` is added in place (the table is not rebuilt, so no
/// cascade fires), numbered person by person in time order here; every new
/// check-in takes the next number (`MAX(seq) + 1`, an import in the order
/// of its file). `answers` and `scores` are made again keyed by
/// (`session_seq`, item or score), their rows copied in key order and the
/// old tables dropped (nothing refers to them; amendments, notes and goal
/// events keep the check-in's id). Rows whose check-in is not in `sessions`
/// (possible only in a file changed by hand with foreign keys off) were
/// never read, and are not copied.
const SEQ_KEYS: &str = r#"
    ALTER TABLE sessions ADD COLUMN seq INTEGER;
    UPDATE sessions SET seq = numbered.n
        FROM (SELECT id, row_number() OVER (
                  ORDER BY profile_id, COALESCE(completed_at, started_at), id) AS n
              FROM sessions) AS numbered
        WHERE numbered.id = sessions.id;
    CREATE UNIQUE INDEX sessions_by_seq ON sessions(seq);

    ALTER TABLE answers RENAME TO answers_by_id;
    CREATE TABLE answers (
        session_seq INTEGER NOT NULL REFERENCES sessions(seq) ON DELETE CASCADE,
        item_id     TEXT NOT NULL,
        value_int   INTEGER,
        value_text  TEXT,
        answered_at TEXT NOT NULL,
        PRIMARY KEY (session_seq, item_id),
        CHECK ((value_int IS NULL) <> (value_text IS NULL))
    ) WITHOUT ROWID;
    INSERT INTO answers (session_seq, item_id, value_int, value_text, answered_at)
        SELECT s.seq, a.item_id, a.value_int, a.value_text, a.answered_at
        FROM answers_by_id a JOIN sessions s ON s.id = a.session_id
        ORDER BY s.seq, a.item_id;
    DROP TABLE answers_by_id;

    ALTER TABLE scores RENAME TO scores_by_id;
    CREATE TABLE scores (
        session_seq INTEGER NOT NULL REFERENCES sessions(seq) ON DELETE CASCADE,
        score_id    TEXT NOT NULL,
        value       REAL,
        band        TEXT,
        PRIMARY KEY (session_seq, score_id)
    ) WITHOUT ROWID;
    INSERT INTO scores (session_seq, score_id, value, band)
        SELECT s.seq, sc.score_id, sc.value, sc.band
        FROM scores_by_id sc JOIN sessions s ON s.id = sc.session_id
        ORDER BY s.seq, sc.score_id;
    DROP TABLE scores_by_id;
"#;

/// The schema version that keyed answers and scores by `sessions.seq`.
pub const SEQ_KEYS_VERSION: i64 = 10;

/// The next `sessions.seq`, as SQL (a new check-in's number).
pub(crate) const NEXT_SEQ: &str = "(SELECT COALESCE(MAX(seq), 0) + 1 FROM sessions)";

/// The schema version this build writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// The order a whole export writes check-ins in (when each was started,
/// then its id), read from this index rather than sorted in memory: the
/// export's memory stays the same at any size of file.
const SESSIONS_BY_START: &str = r#"
    CREATE INDEX sessions_by_start ON sessions(started_at, id);
"#;
