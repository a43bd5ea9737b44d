import GRDB

/// Every schema change, registered in one place. A migration never changes once shipped: add a new one.
enum SQLiteMigrations {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE signing_key (
            id TEXT PRIMARY KEY NOT NULL,
            public_key BLOB NOT NULL CHECK (length(public_key) = 32),
            created_at TEXT NOT NULL
          );
          CREATE TABLE guidance_version (
            sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
            text TEXT NOT NULL,
            first_seen_at TEXT NOT NULL
          );
          CREATE TABLE statement_version (
            sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
            text TEXT NOT NULL,
            first_seen_at TEXT NOT NULL
          );
          CREATE TABLE ledger (
            seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
            kind TEXT NOT NULL CHECK (kind IN ('acknowledgement', 'revocation', 'erasure')),
            recorded_at TEXT NOT NULL,
            station TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('start', 'kiosk', 'admin')),
            guidance_sha256 TEXT NOT NULL,
            statement_sha256 TEXT NOT NULL,
            scenario_count INTEGER NOT NULL CHECK (scenario_count >= 0),
            first_try_correct INTEGER NOT NULL CHECK (first_try_correct BETWEEN 0 AND scenario_count),
            attempt_count INTEGER NOT NULL CHECK (attempt_count >= 0),
            transcript_sha256 TEXT NOT NULL,
            pii_commitment TEXT NOT NULL,
            subject_seq INTEGER REFERENCES ledger(seq),
            note TEXT NOT NULL,
            prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),
            entry_hash BLOB NOT NULL UNIQUE CHECK (length(entry_hash) = 32),
            signature BLOB NOT NULL CHECK (length(signature) = 64),
            key_id TEXT NOT NULL REFERENCES signing_key(id),
            reference TEXT NOT NULL UNIQUE
          );
          CREATE INDEX ledger_subject ON ledger(subject_seq);
          CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
          CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
          CREATE TABLE personal_details (
            ledger_seq INTEGER PRIMARY KEY NOT NULL REFERENCES ledger(seq),
            salt BLOB NOT NULL CHECK (length(salt) = 16),
            parent_name TEXT NOT NULL,
            relationship TEXT NOT NULL,
            signature_text TEXT NOT NULL
          );
          CREATE TABLE acknowledged_child (
            ledger_seq INTEGER NOT NULL REFERENCES personal_details(ledger_seq) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            name TEXT NOT NULL,
            class_name TEXT NOT NULL,
            match_key TEXT NOT NULL,
            class_key TEXT NOT NULL,
            PRIMARY KEY (ledger_seq, position)
          );
          CREATE INDEX acknowledged_child_match ON acknowledged_child(match_key);
          CREATE TABLE session (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            station TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('start', 'kiosk')),
            guidance_sha256 TEXT NOT NULL REFERENCES guidance_version(sha256),
            outcome TEXT NOT NULL CHECK (outcome IN ('in progress', 'signed', 'cancelled', 'restarted', 'timed out', 'ended')),
            ledger_seq INTEGER UNIQUE REFERENCES ledger(seq),
            CHECK ((outcome = 'signed') = (ledger_seq IS NOT NULL))
          );
          CREATE TABLE quiz_attempt (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id INTEGER NOT NULL REFERENCES session(id),
            scenario_id TEXT NOT NULL,
            choice_index INTEGER NOT NULL CHECK (choice_index >= 0),
            choice_text TEXT NOT NULL,
            is_correct BOOLEAN NOT NULL,
            is_first_try BOOLEAN NOT NULL,
            answered_at TEXT NOT NULL
          );
          CREATE INDEX quiz_attempt_session ON quiz_attempt(session_id);
          CREATE INDEX quiz_attempt_scenario ON quiz_attempt(scenario_id);
          """)
    }
    migrator.registerMigration("v2-staff") { db in
      try db.execute(
        sql: """
          CREATE TABLE staff_pin (
            id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
            hash BLOB NOT NULL CHECK (length(hash) = 32),
            salt BLOB NOT NULL CHECK (length(salt) = 16),
            log2_n INTEGER NOT NULL CHECK (log2_n BETWEEN 1 AND 30),
            r INTEGER NOT NULL CHECK (r >= 1),
            p INTEGER NOT NULL CHECK (p >= 1),
            set_at TEXT NOT NULL
          );
          CREATE TABLE staff_lockout (
            id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
            failures INTEGER NOT NULL CHECK (failures >= 0),
            last_failure_at TEXT
          );
          CREATE TABLE staff_event (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            station TEXT NOT NULL,
            action TEXT NOT NULL
          );
          """)
    }
    migrator.registerMigration("v3-roster") { db in
      try db.execute(
        sql: """
          CREATE TABLE roster_child (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            class_name TEXT NOT NULL,
            child_name TEXT NOT NULL,
            parent_name TEXT NOT NULL,
            parent_email TEXT,
            match_key TEXT NOT NULL,
            class_key TEXT NOT NULL,
            imported_at TEXT NOT NULL
          );
          CREATE INDEX roster_child_match ON roster_child(match_key);
          CREATE TABLE roster_link (
            ledger_seq INTEGER NOT NULL REFERENCES ledger(seq),
            match_key TEXT NOT NULL,
            linked_at TEXT NOT NULL,
            PRIMARY KEY (ledger_seq, match_key)
          );
          """)
    }
    migrator.registerMigration("v4-key-trust") { db in
      // SQLite cannot widen a CHECK constraint in place, so the ledger is rebuilt the documented way
      // (create, copy, drop, rename) with foreign keys off (GRDB's default for a migration, which
      // checks them again before committing). Every row is copied verbatim: no entry is rewritten.
      try db.execute(
        sql: """
          CREATE TABLE ledger_new (
            seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
            kind TEXT NOT NULL CHECK (kind IN ('acknowledgement', 'revocation', 'erasure', 'genesis', 'key enrolment', 'key retirement')),
            recorded_at TEXT NOT NULL,
            station TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('start', 'kiosk', 'admin')),
            guidance_sha256 TEXT NOT NULL,
            statement_sha256 TEXT NOT NULL,
            scenario_count INTEGER NOT NULL CHECK (scenario_count >= 0),
            first_try_correct INTEGER NOT NULL CHECK (first_try_correct BETWEEN 0 AND scenario_count),
            attempt_count INTEGER NOT NULL CHECK (attempt_count >= 0),
            transcript_sha256 TEXT NOT NULL,
            pii_commitment TEXT NOT NULL,
            subject_seq INTEGER REFERENCES ledger(seq),
            note TEXT NOT NULL,
            prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),
            entry_hash BLOB NOT NULL UNIQUE CHECK (length(entry_hash) = 32),
            signature BLOB NOT NULL CHECK (length(signature) = 64),
            key_id TEXT NOT NULL REFERENCES signing_key(id),
            reference TEXT NOT NULL UNIQUE,
            subject_key BLOB CHECK (subject_key IS NULL OR length(subject_key) = 32),
            CHECK ((subject_key IS NOT NULL) = (kind IN ('genesis', 'key enrolment', 'key retirement')))
          );
          INSERT INTO ledger_new (seq, kind, recorded_at, station, mode, guidance_sha256,
            statement_sha256, scenario_count, first_try_correct, attempt_count, transcript_sha256,
            pii_commitment, subject_seq, note, prev_hash, entry_hash, signature, key_id, reference)
          SELECT seq, kind, recorded_at, station, mode, guidance_sha256,
            statement_sha256, scenario_count, first_try_correct, attempt_count, transcript_sha256,
            pii_commitment, subject_seq, note, prev_hash, entry_hash, signature, key_id, reference
          FROM ledger ORDER BY seq;
          DROP TABLE ledger;
          ALTER TABLE ledger_new RENAME TO ledger;
          CREATE INDEX ledger_subject ON ledger(subject_seq);
          CREATE INDEX ledger_key_events ON ledger(seq)
            WHERE kind IN ('genesis', 'key enrolment', 'key retirement');
          CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
          CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
          """)
    }
    migrator.registerMigration("v5-visible-match-keys") { db in
      // Match keys now ignore invisible characters; names stored before they were refused get
      // the keys a visible spelling finds.
      for table in ["roster_child", "acknowledged_child"] {
        let nameColumn = table == "roster_child" ? "child_name" : "name"
        let rows = try GRDB.Row.fetchAll(
          db, sql: "SELECT rowid, \(nameColumn), class_name FROM \(table)")
        for row in rows {
          let name: String = try row.decode(atIndex: 1)
          let className: String = try row.decode(atIndex: 2)
          try db.execute(
            sql: "UPDATE \(table) SET match_key = ?, class_key = ? WHERE rowid = ?",
            arguments: [
              NameNormalisation.childKey(name: name, className: className),
              NameNormalisation.matchKey(className), try row.decode(Int64.self, atIndex: 0),
            ])
        }
      }
    }
    migrator.registerMigration("v6-languages") { db in
      // New nullable columns, added in place: no row is rewritten, and an entry made before
      // translations existed keeps its hash (these fields are hashed only when present).
      try db.execute(
        sql: """
          ALTER TABLE ledger ADD COLUMN language TEXT
            CHECK (language IS NULL OR kind = 'acknowledgement');
          ALTER TABLE ledger ADD COLUMN shown_guidance_sha256 TEXT
            CHECK (shown_guidance_sha256 IS NULL OR length(shown_guidance_sha256) = 64);
          ALTER TABLE ledger ADD COLUMN shown_statement_sha256 TEXT
            CHECK (shown_statement_sha256 IS NULL OR length(shown_statement_sha256) = 64);
          ALTER TABLE session ADD COLUMN language TEXT;
          CREATE TABLE translation_version (
            language TEXT NOT NULL,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            text TEXT NOT NULL,
            first_seen_at TEXT NOT NULL,
            PRIMARY KEY (language, sha256)
          );
          """)
    }
    migrator.registerMigration("v7-web") { db in
      // Parents sign from the web front end too (mode 'web'). SQLite cannot widen a CHECK in
      // place, so the ledger and the session table are rebuilt as in v4: create, copy every row
      // verbatim, drop, rename, and make the ledger's indexes and triggers again.
      try db.execute(
        sql: """
          CREATE TABLE ledger_new (
            seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
            kind TEXT NOT NULL CHECK (kind IN ('acknowledgement', 'revocation', 'erasure', 'genesis', 'key enrolment', 'key retirement')),
            recorded_at TEXT NOT NULL,
            station TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('start', 'kiosk', 'admin', 'web')),
            guidance_sha256 TEXT NOT NULL,
            statement_sha256 TEXT NOT NULL,
            scenario_count INTEGER NOT NULL CHECK (scenario_count >= 0),
            first_try_correct INTEGER NOT NULL CHECK (first_try_correct BETWEEN 0 AND scenario_count),
            attempt_count INTEGER NOT NULL CHECK (attempt_count >= 0),
            transcript_sha256 TEXT NOT NULL,
            pii_commitment TEXT NOT NULL,
            subject_seq INTEGER REFERENCES ledger(seq),
            note TEXT NOT NULL,
            prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),
            entry_hash BLOB NOT NULL UNIQUE CHECK (length(entry_hash) = 32),
            signature BLOB NOT NULL CHECK (length(signature) = 64),
            key_id TEXT NOT NULL REFERENCES signing_key(id),
            reference TEXT NOT NULL UNIQUE,
            subject_key BLOB CHECK (subject_key IS NULL OR length(subject_key) = 32),
            language TEXT CHECK (language IS NULL OR kind = 'acknowledgement'),
            shown_guidance_sha256 TEXT
              CHECK (shown_guidance_sha256 IS NULL OR length(shown_guidance_sha256) = 64),
            shown_statement_sha256 TEXT
              CHECK (shown_statement_sha256 IS NULL OR length(shown_statement_sha256) = 64),
            CHECK ((subject_key IS NOT NULL) = (kind IN ('genesis', 'key enrolment', 'key retirement')))
          );
          INSERT INTO ledger_new SELECT seq, kind, recorded_at, station, mode, guidance_sha256,
            statement_sha256, scenario_count, first_try_correct, attempt_count, transcript_sha256,
            pii_commitment, subject_seq, note, prev_hash, entry_hash, signature, key_id, reference,
            subject_key, language, shown_guidance_sha256, shown_statement_sha256
          FROM ledger ORDER BY seq;
          DROP TABLE ledger;
          ALTER TABLE ledger_new RENAME TO ledger;
          CREATE INDEX ledger_subject ON ledger(subject_seq);
          CREATE INDEX ledger_key_events ON ledger(seq)
            WHERE kind IN ('genesis', 'key enrolment', 'key retirement');
          CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
          CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
          CREATE TABLE session_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            station TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('start', 'kiosk', 'web')),
            guidance_sha256 TEXT NOT NULL REFERENCES guidance_version(sha256),
            outcome TEXT NOT NULL CHECK (outcome IN ('in progress', 'signed', 'cancelled', 'restarted', 'timed out', 'ended')),
            ledger_seq INTEGER UNIQUE REFERENCES ledger(seq),
            language TEXT,
            CHECK ((outcome = 'signed') = (ledger_seq IS NOT NULL))
          );
          INSERT INTO session_new SELECT id, started_at, ended_at, station, mode, guidance_sha256,
            outcome, ledger_seq, language
          FROM session ORDER BY id;
          DROP TABLE session;
          ALTER TABLE session_new RENAME TO session;
          """)
    }
    migrator.registerMigration("v8-invitations") { db in
      // Personal links: only each token's hash is kept. A family is named by a hash of its email
      // (or parent's name) so a newer link can withdraw the older one. Each session records the
      // link it came through; the first signing from a link uses it up.
      try db.execute(
        sql: """
          CREATE TABLE invitation (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
            family_hash TEXT NOT NULL CHECK (length(family_hash) = 64),
            issued_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            withdrawn_at TEXT,
            used_at TEXT,
            ledger_seq INTEGER UNIQUE REFERENCES ledger(seq),
            CHECK ((used_at IS NULL) = (ledger_seq IS NULL))
          );
          CREATE INDEX invitation_family ON invitation(family_hash);
          ALTER TABLE session ADD COLUMN invitation_id INTEGER REFERENCES invitation(id);
          """)
    }
    migrator.registerMigration("v9-folded-match-keys") { db in
      // Match keys now fold apostrophes and hyphens: every stored key gains the fold.
      try FoldedMatchKeys.migrate(SQLiteConnection(db))
    }
    migrator.registerMigration("v10-signed-roster-links") { db in
      // A manual roster link is a signed ledger entry: the ledger's kind check widens (rebuilt as
      // in v4 and v7, every row copied verbatim), and each link keeps its entry's seq, the roster
      // child's name and class it commits to, and the salt. Links made before stay without an
      // entry until a trusted key signs them (`signEarlierRosterLinks`).
      try db.execute(
        sql: """
          CREATE TABLE ledger_new (
            seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
            kind TEXT NOT NULL CHECK (kind IN ('acknowledgement', 'revocation', 'erasure', 'genesis', 'key enrolment', 'key retirement', 'roster link', 'roster unlink')),
            recorded_at TEXT NOT NULL,
            station TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('start', 'kiosk', 'admin', 'web')),
            guidance_sha256 TEXT NOT NULL,
            statement_sha256 TEXT NOT NULL,
            scenario_count INTEGER NOT NULL CHECK (scenario_count >= 0),
            first_try_correct INTEGER NOT NULL CHECK (first_try_correct BETWEEN 0 AND scenario_count),
            attempt_count INTEGER NOT NULL CHECK (attempt_count >= 0),
            transcript_sha256 TEXT NOT NULL,
            pii_commitment TEXT NOT NULL,
            subject_seq INTEGER REFERENCES ledger(seq),
            note TEXT NOT NULL,
            prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),
            entry_hash BLOB NOT NULL UNIQUE CHECK (length(entry_hash) = 32),
            signature BLOB NOT NULL CHECK (length(signature) = 64),
            key_id TEXT NOT NULL REFERENCES signing_key(id),
            reference TEXT NOT NULL UNIQUE,
            subject_key BLOB CHECK (subject_key IS NULL OR length(subject_key) = 32),
            language TEXT CHECK (language IS NULL OR kind = 'acknowledgement'),
            shown_guidance_sha256 TEXT
              CHECK (shown_guidance_sha256 IS NULL OR length(shown_guidance_sha256) = 64),
            shown_statement_sha256 TEXT
              CHECK (shown_statement_sha256 IS NULL OR length(shown_statement_sha256) = 64),
            CHECK ((subject_key IS NOT NULL) = (kind IN ('genesis', 'key enrolment', 'key retirement')))
          );
          INSERT INTO ledger_new SELECT seq, kind, recorded_at, station, mode, guidance_sha256,
            statement_sha256, scenario_count, first_try_correct, attempt_count, transcript_sha256,
            pii_commitment, subject_seq, note, prev_hash, entry_hash, signature, key_id, reference,
            subject_key, language, shown_guidance_sha256, shown_statement_sha256
          FROM ledger ORDER BY seq;
          DROP TABLE ledger;
          ALTER TABLE ledger_new RENAME TO ledger;
          CREATE INDEX ledger_subject ON ledger(subject_seq);
          CREATE INDEX ledger_key_events ON ledger(seq)
            WHERE kind IN ('genesis', 'key enrolment', 'key retirement');
          CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
          CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
          ALTER TABLE roster_link ADD COLUMN link_seq INTEGER;
          ALTER TABLE roster_link ADD COLUMN child_name TEXT;
          ALTER TABLE roster_link ADD COLUMN class_name TEXT;
          ALTER TABLE roster_link ADD COLUMN salt BLOB;
          """)
    }
    migrator.registerMigration("v11-web-sessions") { db in
      // Web sessions kept in the store, so several serve processes share them (see
      // AppDatabase+WebSessions); only a hash of each session id is kept.
      try db.execute(
        sql: """
          CREATE TABLE web_session (
            key TEXT PRIMARY KEY NOT NULL CHECK (length(key) = 64),
            data BLOB NOT NULL,
            version TEXT NOT NULL,
            last_seen TEXT NOT NULL
          );
          CREATE INDEX web_session_last_seen ON web_session(last_seen);
          """)
    }
    migrator.registerMigration("v12-quiz-answer-flags") { db in
      // A quiz answer's flags were BOOLEAN without a check, so SQLite kept any value there, where
      // PostgreSQL's hold 0 or 1. SQLite cannot add a CHECK in place, so the table is rebuilt as
      // in v7 (create, copy every row verbatim, drop, rename, make its indexes again), and its
      // AUTOINCREMENT counter is put back, so an id given before is never given again.
      let counter = try Int64.fetchOne(
        db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'quiz_attempt'")
      try db.execute(
        sql: """
          CREATE TABLE quiz_attempt_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id INTEGER NOT NULL REFERENCES session(id),
            scenario_id TEXT NOT NULL,
            choice_index INTEGER NOT NULL CHECK (choice_index >= 0),
            choice_text TEXT NOT NULL,
            is_correct INTEGER NOT NULL CHECK (is_correct IN (0, 1)),
            is_first_try INTEGER NOT NULL CHECK (is_first_try IN (0, 1)),
            answered_at TEXT NOT NULL
          );
          INSERT INTO quiz_attempt_new SELECT id, session_id, scenario_id, choice_index,
            choice_text, is_correct, is_first_try, answered_at
          FROM quiz_attempt ORDER BY id;
          DROP TABLE quiz_attempt;
          ALTER TABLE quiz_attempt_new RENAME TO quiz_attempt;
          CREATE INDEX quiz_attempt_session ON quiz_attempt(session_id);
          CREATE INDEX quiz_attempt_scenario ON quiz_attempt(scenario_id);
          """)
      if let counter {
        try db.execute(
          sql: """
            DELETE FROM sqlite_sequence WHERE name = 'quiz_attempt';
            INSERT INTO sqlite_sequence (name, seq)
              SELECT 'quiz_attempt', MAX(?, COALESCE(MAX(id), 0)) FROM quiz_attempt;
            """, arguments: [counter])
      }
    }
    return migrator
  }
}
