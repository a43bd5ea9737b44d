/// A count of rows sharing one value (an outcome, a language tag, an answer).
struct CountRecord: SQLRecord, Equatable {
  enum Column: Int, SQLRecordColumn { case value, count }

  var value: String
  var count: Int

  init(row: SQLRow) throws {
    value = try row.decode(Column.value)
    count = try row.decode(Column.count)
  }

  /// The select list of `value` and how many rows share it, for a query grouped by `value`.
  static func selection(value: String) -> String {
    Column.selectList { column in
      switch column {
      case .value: value
      case .count: "count(*)"
      }
    }
  }
}

/// The acknowledgements signed in one language and not revoked, with how many are on the guidance
/// in force.
struct SignedLanguageRecord: SQLRecord, Equatable {
  enum Column: Int, SQLRecordColumn { case tag, count, current }

  var tag: String
  var count: Int
  var current: Int

  init(row: SQLRow) throws {
    tag = try row.decode(Column.tag)
    count = try row.decode(Column.count)
    current = try row.decode(Column.current)
  }
}

/// First tries at one scenario, in signed sessions.
struct ScenarioFirstTriesRecord: SQLRecord, Equatable {
  enum Column: Int, SQLRecordColumn { case scenarioID, asked, correct }

  var scenarioID: String
  var asked: Int
  var correct: Int

  init(row: SQLRow) throws {
    scenarioID = try row.decode(Column.scenarioID)
    asked = try row.decode(Column.asked)
    correct = try row.decode(Column.correct)
  }
}

extension AppDatabase {
  /// Acknowledgements not revoked.
  static func unrevokedAcknowledgementCount(_ db: any SQLDatabase) throws -> Int {
    try Int.fetchOne(
      db,
      sql: """
        SELECT count(*) FROM ledger l WHERE kind = 'acknowledgement'
        AND NOT \(LedgerQueries.isRevoked("l"))
        """) ?? 0
  }

  /// Revocation entries.
  static func revocationCount(_ db: any SQLDatabase) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger WHERE kind = 'revocation'") ?? 0
  }

  /// Sessions per outcome, as stored.
  static func sessionCountsByOutcome(_ db: any SQLDatabase) throws -> [CountRecord] {
    try CountRecord.fetchAll(
      db, sql: "SELECT \(CountRecord.selection(value: "outcome")) FROM session GROUP BY outcome")
  }

  /// Sessions per language tag (`en` before translations).
  static func sessionCountsByLanguage(_ db: any SQLDatabase) throws -> [CountRecord] {
    let tag = "coalesce(language, 'en')"
    return try CountRecord.fetchAll(
      db, sql: "SELECT \(CountRecord.selection(value: tag)) FROM session GROUP BY \(tag)")
  }

  /// Unrevoked acknowledgements per language tag, with how many are on the guidance `current`
  /// and its `translations` in force (see ``isCurrentSQL(_:)``).
  static func signedCountsByLanguage(
    _ db: any SQLDatabase, current: String, translations: String?
  ) throws -> [SignedLanguageRecord] {
    let tag = "coalesce(l.language, 'en')"
    let columns = SignedLanguageRecord.Column.selectList { column in
      switch column {
      case .tag: tag
      case .count: "count(*)"
      case .current: "coalesce(sum(CASE WHEN \(isCurrentSQL(db.dialect)) THEN 1 ELSE 0 END), 0)"
      }
    }
    return try SignedLanguageRecord.fetchAll(
      db,
      sql: """
        SELECT \(columns)
        FROM ledger l WHERE l.kind = 'acknowledgement'
          AND NOT \(LedgerQueries.isRevoked("l"))
        GROUP BY \(tag)
        """,
      named: ["current": current, "translations": translations])
  }

  /// The answers of signed sessions read in `language` (all when nil), `a`, from the FROM clause
  /// on. Only a signed session's answers are counted, by the language its acknowledgement
  /// signed: they are under its signature, while a session never signed could say anything.
  private static let signedAnswers = """
    quiz_attempt a JOIN session s ON s.id = a.session_id JOIN ledger l ON l.seq = s.ledger_seq
    WHERE l.kind = 'acknowledgement' AND (:language IS NULL OR coalesce(l.language, 'en') = :language)
    """

  /// First tries and first tries right per scenario, of the signed sessions read in `language`
  /// (all when nil).
  static func scenarioFirstTries(_ db: any SQLDatabase, language: String?) throws
    -> [ScenarioFirstTriesRecord]
  {
    let columns = ScenarioFirstTriesRecord.Column.selectList { column in
      switch column {
      case .scenarioID: "a.scenario_id"
      case .asked: "count(*)"
      case .correct: "coalesce(sum(a.is_correct), 0)"
      }
    }
    return try ScenarioFirstTriesRecord.fetchAll(
      db,
      sql: """
        SELECT \(columns)
        FROM \(signedAnswers) AND a.is_first_try = 1 GROUP BY a.scenario_id
        """, named: ["language": language])
  }

  /// The wrong answer to `scenario` picked most often (the first by text on a tie) in the signed
  /// sessions read in `language` (all when nil), with how often; nil when none was wrong.
  static func commonWrongChoice(_ db: any SQLDatabase, scenario: String, language: String?)
    throws -> CountRecord?
  {
    try CountRecord.fetchAll(
      db,
      sql: """
        SELECT \(CountRecord.selection(value: "a.choice_text")) FROM \(signedAnswers)
          AND a.scenario_id = :scenario AND a.is_correct = 0
        GROUP BY a.choice_text ORDER BY count(*) DESC, a.choice_text LIMIT 1
        """, named: ["scenario": scenario, "language": language]
    ).first
  }
}
