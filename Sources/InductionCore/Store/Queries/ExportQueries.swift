import Foundation

/// One acknowledgement as the acknowledgements export lists it.
struct AcknowledgementRecord: SQLRecord, Equatable {
  enum Column: Int, SQLRecordColumn {
    case seq, reference, recordedAt, guidanceSHA256, firstTryCorrect, scenarioCount, station
    case parentName, relationship, language, shownGuidanceSHA256, children, classes, revoked
    case erased
  }

  var seq: Int64
  var reference: String
  var recordedAt: String?
  var guidanceSHA256: String
  var firstTryCorrect: Int
  var scenarioCount: Int
  var station: String
  /// Nil once erased.
  var parentName: String?
  var relationship: String?
  /// `en` for acknowledgements made before translations.
  var language: String
  var shownGuidanceSHA256: String?
  /// The children's names in the order given, joined with "; "; nil once erased.
  var children: String?
  var classes: String?
  var revoked: Bool
  var erased: Bool

  init(row: SQLRow) throws {
    seq = try row.decode(Column.seq)
    reference = try row.decode(Column.reference)
    recordedAt = try row.decode(Column.recordedAt)
    guidanceSHA256 = try row.decode(Column.guidanceSHA256)
    firstTryCorrect = try row.decode(Column.firstTryCorrect)
    scenarioCount = try row.decode(Column.scenarioCount)
    station = try row.decode(Column.station)
    parentName = try row.decode(Column.parentName)
    relationship = try row.decode(Column.relationship)
    language = try row.decode(Column.language)
    shownGuidanceSHA256 = try row.decode(Column.shownGuidanceSHA256)
    children = try row.decode(Column.children)
    classes = try row.decode(Column.classes)
    revoked = try row.decode(Column.revoked)
    erased = try row.decode(Column.erased)
  }

  /// The expression of `column` over ledger row `l` and its personal details `p`.
  static func expression(_ column: Column, _ dialect: SQLDialect) -> String {
    switch column {
    case .seq: "l.seq"
    case .reference: "l.reference"
    case .recordedAt: "l.recorded_at"
    case .guidanceSHA256: "l.guidance_sha256"
    case .firstTryCorrect: "l.first_try_correct"
    case .scenarioCount: "l.scenario_count"
    case .station: "l.station"
    case .parentName: "p.parent_name"
    case .relationship: "p.relationship"
    case .language: "coalesce(l.language, 'en')"
    case .shownGuidanceSHA256: "l.shown_guidance_sha256"
    case .children: AppDatabase.childrenJoined("name", dialect)
    case .classes: AppDatabase.childrenJoined("class_name", dialect)
    case .revoked: LedgerQueries.isRevoked("l")
    case .erased: LedgerQueries.isErased("l")
    }
  }
}

/// One child of a completion or outstanding list, with the acknowledgement that best covers them
/// (every acknowledgement field nil when none does).
struct CompletionRecord: SQLRecord, Equatable {
  enum Column: Int, SQLRecordColumn {
    case className, classKey, childName, rosterParent, parentEmail, ackParent, recordedAt
    case reference, isCurrent, revoked, language
  }

  var className: String
  /// Rows come sorted by it: "Nursery" and "NURSERY" are one class.
  var classKey: String
  var childName: String
  /// The parent the roster names; nil without a roster.
  var rosterParent: String?
  var parentEmail: String?
  /// The parent who acknowledged.
  var ackParent: String?
  var recordedAt: String?
  var reference: String?
  var isCurrent: Bool?
  var revoked: Bool?
  var language: String?

  init(row: SQLRow) throws {
    className = try row.decode(Column.className)
    classKey = try row.decode(Column.classKey)
    childName = try row.decode(Column.childName)
    rosterParent = try row.decode(Column.rosterParent)
    parentEmail = try row.decode(Column.parentEmail)
    ackParent = try row.decode(Column.ackParent)
    recordedAt = try row.decode(Column.recordedAt)
    reference = try row.decode(Column.reference)
    isCurrent = try row.decode(Column.isCurrent)
    revoked = try row.decode(Column.revoked)
    language = try row.decode(Column.language)
  }

  /// The expression of `column` over the roster row `r` (`fromRoster`) and the best
  /// acknowledgement `b`.
  static func expression(_ column: Column, fromRoster: Bool) -> String {
    switch column {
    case .className: fromRoster ? "r.class_name" : "b.class_name"
    case .classKey: fromRoster ? "r.class_key" : "b.class_key"
    case .childName: fromRoster ? "r.child_name" : "b.child_name"
    case .rosterParent: fromRoster ? "r.parent_name" : "NULL"
    case .parentEmail: fromRoster ? "r.parent_email" : "NULL"
    case .ackParent: "b.ack_parent"
    case .recordedAt: "b.recorded_at"
    case .reference: "b.reference"
    case .isCurrent: "b.is_current"
    case .revoked: "b.revoked"
    case .language: "b.language"
    }
  }
}

/// A translation version, by language.
struct TranslationVersionRecord: SQLRecord, Equatable {
  enum Column: Int, SQLRecordColumn { case language, sha256 }

  var language: String
  var sha256: String

  init(row: SQLRow) throws {
    language = try row.decode(Column.language)
    sha256 = try row.decode(Column.sha256)
  }
}

/// The filter of a report query, as its named parameters.
struct ReportQueryFilter {
  var since: Date?
  var until: Date?
  /// The class's match key.
  var classKey: String?

  var named: [String: String?] {
    ["since": since.map(Timestamp.utc), "until": until.map(Timestamp.utc), "classKey": classKey]
  }
}

extension AppDatabase {
  /// The acknowledgements the export lists, oldest first.
  static func acknowledgementRecords(_ db: any SQLDatabase, filter: ReportQueryFilter) throws
    -> SQLRecordCursor<AcknowledgementRecord>
  {
    SQLRecordCursor(try db.fetchCursor(sql: acknowledgementsSQL(db.dialect), named: filter.named))
  }

  static func acknowledgementsSQL(_ dialect: SQLDialect) -> String {
    """
    SELECT \(AcknowledgementRecord.Column.selectList { AcknowledgementRecord.expression($0, dialect) })
    FROM ledger l LEFT JOIN personal_details p ON p.ledger_seq = l.seq
    WHERE l.kind = 'acknowledgement'
      AND (:since IS NULL OR l.recorded_at >= :since)
      AND (:until IS NULL OR l.recorded_at < :until)
      AND (:classKey IS NULL OR (p.ledger_seq IS NOT NULL AND EXISTS (
        SELECT 1 FROM acknowledged_child c WHERE c.ledger_seq = l.seq AND c.class_key = :classKey)))
    ORDER BY l.seq
    """
  }

  /// The entry `l`'s children's `column`, in the order they were given, joined with "; "; NULL
  /// when its personal details `p` are gone (erased): a child row left or added then is not theirs.
  static func childrenJoined(_ column: String, _ dialect: SQLDialect) -> String {
    switch dialect {
    case .sqlite:
      // SQLite's group_concat keeps the order of an ordered subquery.
      """
      (SELECT group_concat(\(column), '; ') FROM (
        SELECT \(column) FROM acknowledged_child c WHERE c.ledger_seq = p.ledger_seq
        ORDER BY position))
      """
    case .postgres:
      """
      (SELECT string_agg(\(column), '; ' ORDER BY position) FROM acknowledged_child c
        WHERE c.ledger_seq = p.ledger_seq)
      """
    }
  }

  /// The SHA-256 of every guidance version, in the order first seen.
  static func guidanceVersionsInOrder(_ db: any SQLDatabase) throws -> [String] {
    try String.fetchAll(
      db,
      sql:
        "SELECT sha256 FROM guidance_version ORDER BY first_seen_at, \(db.dialect.insertionOrder)"
    )
  }

  /// Every translation version, in the order first seen.
  static func translationVersionsInOrder(_ db: any SQLDatabase) throws
    -> [TranslationVersionRecord]
  {
    try TranslationVersionRecord.fetchAll(
      db,
      sql: """
        SELECT \(TranslationVersionRecord.selection) FROM translation_version
        ORDER BY first_seen_at, \(db.dialect.insertionOrder)
        """)
  }

  /// Whether a roster was imported: completion lists then go by it rather than by the children
  /// parents named.
  static func hasRoster(_ db: any SQLDatabase) throws -> Bool {
    try Int.fetchOne(db, sql: "SELECT count(*) FROM roster_child") ?? 0 > 0
  }

  /// Each child with the acknowledgement that best covers them, sorted by class key: the roster's
  /// children (`fromRoster`), else the children parents named. `current` is the guidance in force
  /// and `translations` its translations in force (JSON, by language).
  static func completionRecords(
    _ db: any SQLDatabase, fromRoster: Bool, filter: ReportQueryFilter, current: String,
    translations: String?
  ) throws -> SQLRecordCursor<CompletionRecord> {
    var named = filter.named
    named["current"] = current
    named["translations"] = translations
    return SQLRecordCursor(
      try db.fetchCursor(
        sql: fromRoster ? rosterCompletionSQL(db.dialect) : namedCompletionSQL(db.dialect),
        named: named))
  }

  /// Whether ledger row `l` acknowledges the guidance now in force: the English version is the
  /// current one and, for a translation, so is the translation the parent read (given in
  /// `:translations`, else the newest version seen). So an edited translation asks only that
  /// language's parents to re-acknowledge, and an edited English guidance asks everyone.
  static func isCurrentSQL(_ dialect: SQLDialect) -> String {
    """
    (l.guidance_sha256 = :current AND (l.language IS NULL OR l.language = 'en'
      OR l.shown_guidance_sha256 = coalesce(
        \(dialect.jsonField(":translations", key: "l.language")),
        (SELECT t.sha256 FROM translation_version t WHERE t.language = l.language
          ORDER BY t.first_seen_at DESC, t.\(dialect.insertionOrder) DESC LIMIT 1),
        l.shown_guidance_sha256)))
    """
  }

  /// Every (child key → acknowledgement) pair, from the children named and from manual links, with the
  /// best one per child first: not revoked, then on the current guidance, then the newest.
  private static func bestAcknowledgementsCTE(_ dialect: SQLDialect) -> String {
    """
    WITH acks AS (
      SELECT c.match_key, c.name AS child_name, c.class_name, c.class_key, l.seq, l.recorded_at, l.reference,
        \(isCurrentSQL(dialect)) AS is_current, p.parent_name AS ack_parent,
        \(LedgerQueries.isRevoked("l")) AS revoked,
        coalesce(l.language, 'en') AS language
      FROM acknowledged_child c
      JOIN ledger l ON l.seq = c.ledger_seq
      JOIN personal_details p ON p.ledger_seq = l.seq
      WHERE (:since IS NULL OR l.recorded_at >= :since) AND (:until IS NULL OR l.recorded_at < :until)
      UNION ALL
      SELECT k.match_key, NULL, NULL, NULL, l.seq, l.recorded_at, l.reference,
        \(isCurrentSQL(dialect)), p.parent_name,
        \(LedgerQueries.isRevoked("l")),
        coalesce(l.language, 'en')
      FROM roster_link k
      JOIN ledger l ON l.seq = k.ledger_seq
      JOIN personal_details p ON p.ledger_seq = l.seq
      WHERE (:since IS NULL OR l.recorded_at >= :since) AND (:until IS NULL OR l.recorded_at < :until)
    ),
    best AS (
      SELECT *, ROW_NUMBER() OVER (
        PARTITION BY match_key ORDER BY revoked ASC, is_current DESC, seq DESC) AS rank
      FROM acks
    )
    """
  }

  static func rosterCompletionSQL(_ dialect: SQLDialect) -> String {
    bestAcknowledgementsCTE(dialect) + """
      SELECT \(CompletionRecord.Column.selectList { CompletionRecord.expression($0, fromRoster: true) })
      FROM roster_child r LEFT JOIN best b ON b.match_key = r.match_key AND b.rank = 1
      WHERE (:classKey IS NULL OR r.class_key = :classKey)
      ORDER BY r.class_key, r.match_key, r.id
      """
  }

  static func namedCompletionSQL(_ dialect: SQLDialect) -> String {
    bestAcknowledgementsCTE(dialect) + """
      SELECT \(CompletionRecord.Column.selectList { CompletionRecord.expression($0, fromRoster: false) })
      FROM best b
      WHERE b.rank = 1 AND b.child_name IS NOT NULL AND (:classKey IS NULL OR b.class_key = :classKey)
      ORDER BY b.class_key, b.match_key
      """
  }
}
