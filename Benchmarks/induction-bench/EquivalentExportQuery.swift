/// The `SELECT` that makes `sqlite3 -csv -header` write what `induction export acknowledgements`
/// writes: the program's own query (`AppDatabase.acknowledgementsSQL`), plus in SQL what the
/// program does in Swift for each row: the `XXXX-XXXX` reference, the local time with its offset
/// (sqlite3 runs with `TZ` set to the school's zone), the guidance version number, the status, the
/// score, "(erased)", the language, and the leading `'` on cells a spreadsheet would run as a
/// formula. (The synthetic parents are all English, so the version is the English one's.)
/// ``postgresSQL(currentGuidance:timeZone:)`` is the same for `psql --csv` on a PostgreSQL store.
///
/// Only the framing differs: sqlite3 writes no byte-order mark and quotes some cells the program
/// leaves bare; the benchmark compares the two files cell by cell after parsing.
enum EquivalentExportQuery {
  /// The query, with `currentGuidance` (a hex SHA-256) inlined.
  static func sql(currentGuidance: String) -> String {
    precondition(currentGuidance.allSatisfy(\.isHexDigit), "a SHA-256 in hex")
    return """
      WITH versions AS (
        SELECT sha256, ROW_NUMBER() OVER (ORDER BY first_seen_at, rowid) AS number FROM guidance_version
      ),
      acks AS (
        SELECT l.seq, l.reference, l.recorded_at, l.guidance_sha256, l.first_try_correct, l.scenario_count,
          l.station, p.parent_name, p.relationship, coalesce(l.language, 'en') AS language,
          (SELECT group_concat(name, '; ') FROM (
            SELECT name FROM acknowledged_child c WHERE c.ledger_seq = l.seq ORDER BY position)) AS children,
          (SELECT group_concat(class_name, '; ') FROM (
            SELECT class_name FROM acknowledged_child c WHERE c.ledger_seq = l.seq ORDER BY position)) AS classes,
          EXISTS (SELECT 1 FROM ledger r WHERE r.kind = 'revocation' AND r.subject_seq = l.seq) AS revoked,
          EXISTS (SELECT 1 FROM ledger e WHERE e.kind = 'erasure' AND e.subject_seq = l.seq) AS erased,
          CAST(round((julianday(l.recorded_at, 'localtime') - julianday(l.recorded_at)) * 1440) AS INTEGER)
            AS offset_minutes
        FROM ledger l LEFT JOIN personal_details p ON p.ledger_seq = l.seq
        WHERE l.kind = 'acknowledgement'
      )
      SELECT
        CASE WHEN length(reference) > 4 THEN substr(reference, 1, 4) || '-' || substr(reference, 5)
          ELSE reference END AS "Reference",
        strftime('%Y-%m-%d %H:%M:%S', recorded_at, 'localtime') || ' '
          || CASE WHEN offset_minutes < 0 THEN '-' ELSE '+' END
          || printf('%02d:%02d', abs(offset_minutes) / 60, abs(offset_minutes) % 60) AS "Signed at",
        \(neutralised("CASE WHEN erased THEN '(erased)' ELSE coalesce(parent_name, '') END")) AS "Parent",
        \(neutralised("CASE WHEN erased THEN '' ELSE coalesce(relationship, '') END")) AS "Relationship",
        \(neutralised("coalesce(children, '')")) AS "Children",
        \(neutralised("coalesce(classes, '')")) AS "Classes",
        coalesce(v.number || ' (' || substr(guidance_sha256, 1, 12) || ')', substr(guidance_sha256, 1, 12))
          AS "Guidance version",
        CASE WHEN revoked THEN 'revoked' WHEN guidance_sha256 = '\(currentGuidance)' THEN 'current'
          ELSE 'superseded' END AS "Status",
        first_try_correct || '/' || scenario_count AS "First-try score",
        \(neutralised("station")) AS "Station",
        language AS "Language"
      FROM acks LEFT JOIN versions v ON v.sha256 = acks.guidance_sha256
      ORDER BY seq
      """
  }

  /// The same query for `psql --csv` on the PostgreSQL store: the program's PostgreSQL export
  /// query (`string_agg … ORDER BY position` for the children, `insertion_order` for the order
  /// versions were stored) with the same per-row work in SQL. The local time is the stored UTC
  /// time `AT TIME ZONE` the school's zone (inlined), so the session's own time zone does not
  /// matter; like `strftime`, `to_char` drops the milliseconds rather than rounding them.
  static func postgresSQL(currentGuidance: String, timeZone: String) -> String {
    precondition(currentGuidance.allSatisfy(\.isHexDigit), "a SHA-256 in hex")
    precondition(
      !timeZone.isEmpty
        && timeZone.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/_+-".contains($0)) },
      "a time zone identifier")
    return """
      WITH versions AS (
        SELECT sha256, ROW_NUMBER() OVER (ORDER BY first_seen_at, insertion_order) AS number
        FROM guidance_version
      ),
      acks AS (
        SELECT l.seq, l.reference, l.guidance_sha256, l.first_try_correct, l.scenario_count,
          l.station, p.parent_name, p.relationship, coalesce(l.language, 'en') AS language,
          (SELECT string_agg(name, '; ' ORDER BY position) FROM acknowledged_child c
            WHERE c.ledger_seq = l.seq) AS children,
          (SELECT string_agg(class_name, '; ' ORDER BY position) FROM acknowledged_child c
            WHERE c.ledger_seq = l.seq) AS classes,
          EXISTS (SELECT 1 FROM ledger r WHERE r.kind = 'revocation' AND r.subject_seq = l.seq) AS revoked,
          EXISTS (SELECT 1 FROM ledger e WHERE e.kind = 'erasure' AND e.subject_seq = l.seq) AS erased,
          CAST(l.recorded_at AS timestamptz) AT TIME ZONE '\(timeZone)' AS local_time,
          CAST(round(EXTRACT(EPOCH FROM (CAST(l.recorded_at AS timestamptz) AT TIME ZONE '\(timeZone)')
            - (CAST(l.recorded_at AS timestamptz) AT TIME ZONE 'UTC')) / 60) AS integer) AS offset_minutes
        FROM ledger l LEFT JOIN personal_details p ON p.ledger_seq = l.seq
        WHERE l.kind = 'acknowledgement'
      )
      SELECT
        CASE WHEN length(reference) > 4 THEN substr(reference, 1, 4) || '-' || substr(reference, 5)
          ELSE reference END AS "Reference",
        to_char(local_time, 'YYYY-MM-DD HH24:MI:SS') || ' '
          || CASE WHEN offset_minutes < 0 THEN '-' ELSE '+' END
          || lpad(CAST(abs(offset_minutes) / 60 AS text), 2, '0') || ':'
          || lpad(CAST(abs(offset_minutes) % 60 AS text), 2, '0') AS "Signed at",
        \(neutralisedPostgres("CASE WHEN erased THEN '(erased)' ELSE coalesce(parent_name, '') END")) AS "Parent",
        \(neutralisedPostgres("CASE WHEN erased THEN '' ELSE coalesce(relationship, '') END")) AS "Relationship",
        \(neutralisedPostgres("coalesce(children, '')")) AS "Children",
        \(neutralisedPostgres("coalesce(classes, '')")) AS "Classes",
        coalesce(v.number || ' (' || substr(guidance_sha256, 1, 12) || ')', substr(guidance_sha256, 1, 12))
          AS "Guidance version",
        CASE WHEN revoked THEN 'revoked' WHEN guidance_sha256 = '\(currentGuidance)' THEN 'current'
          ELSE 'superseded' END AS "Status",
        first_try_correct || '/' || scenario_count AS "First-try score",
        \(neutralisedPostgres("station")) AS "Station",
        language AS "Language"
      FROM acks LEFT JOIN versions v ON v.sha256 = acks.guidance_sha256
      ORDER BY seq
      """
  }

  /// ``neutralised(_:)`` for PostgreSQL: `chr` for `char`, and the subquery named, as PostgreSQL
  /// before 16 requires.
  private static func neutralisedPostgres(_ expression: String) -> String {
    """
    (SELECT CASE WHEN substr(x, 1, 1) IN ('=', '+', '-', '@', chr(9), chr(13), chr(10), \
    chr(65309), chr(65291), chr(65293), chr(65312)) THEN '''' || x ELSE x END \
    FROM (SELECT \(expression) AS x) AS cell)
    """
  }

  /// `expression` with a leading `'` when its first character would start a formula (OWASP):
  /// `= + - @`, tab, CR, LF and their full-width forms.
  private static func neutralised(_ expression: String) -> String {
    """
    (SELECT CASE WHEN substr(x, 1, 1) IN ('=', '+', '-', '@', char(9), char(13), char(10), \
    char(65309), char(65291), char(65293), char(65312)) THEN '''' || x ELSE x END \
    FROM (SELECT \(expression) AS x))
    """
  }
}

extension EquivalentExportQuery {
  /// The program's own PostgreSQL export query (`acknowledgementsSQL(.postgres)` with no filter),
  /// without the per-row work the program does in Swift: what the server alone must do for the
  /// export, as a floor for `psql` beside the equivalent query.
  static let postgresProgramQuery = """
    SELECT l.seq, l.reference, l.recorded_at, l.guidance_sha256, l.first_try_correct, l.scenario_count,
      l.station, p.parent_name, p.relationship, coalesce(l.language, 'en') AS language,
      l.shown_guidance_sha256,
      (SELECT string_agg(name, '; ' ORDER BY position) FROM acknowledged_child c
        WHERE c.ledger_seq = l.seq) AS children,
      (SELECT string_agg(class_name, '; ' ORDER BY position) FROM acknowledged_child c
        WHERE c.ledger_seq = l.seq) AS classes,
      EXISTS (SELECT 1 FROM ledger r WHERE r.kind = 'revocation' AND r.subject_seq = l.seq) AS revoked,
      EXISTS (SELECT 1 FROM ledger e WHERE e.kind = 'erasure' AND e.subject_seq = l.seq) AS erased
    FROM ledger l LEFT JOIN personal_details p ON p.ledger_seq = l.seq
    WHERE l.kind = 'acknowledgement'
    ORDER BY l.seq
    """
}
