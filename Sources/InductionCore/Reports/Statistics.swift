import Foundation

/// The figures behind `induction stats`.
public struct Statistics: Sendable, Equatable {
  /// Completion in one class.
  public struct ClassCompletion: Sendable, Equatable {
    /// The class.
    public var className: String
    /// Children acknowledged on the current guidance.
    public var acknowledged: Int
    /// Children whose acknowledgement is of an older guidance.
    public var reacknowledge: Int
    /// Children with no acknowledgement.
    public var outstanding: Int
    /// All children counted.
    public var total: Int { acknowledged + reacknowledge + outstanding }

    /// Creates the counts of one class.
    public init(className: String, acknowledged: Int, reacknowledge: Int, outstanding: Int) {
      self.className = className
      self.acknowledged = acknowledged
      self.reacknowledge = reacknowledge
      self.outstanding = outstanding
    }
  }

  /// How parents did on one scenario, on their first try.
  public struct ScenarioResult: Sendable, Equatable {
    /// The scenario.
    public var scenarioID: String
    /// First tries.
    public var asked: Int
    /// First tries answered correctly.
    public var correct: Int
    /// The wrong answer picked most often (first tries and retries), if any.
    public var commonWrongChoice: String?
    /// How often it was picked.
    public var commonWrongCount: Int
    /// `correct / asked`, 0 when never asked.
    public var rate: Double { asked == 0 ? 0 : Double(correct) / Double(asked) }
  }

  /// Acknowledgements not revoked.
  public var acknowledgements: Int
  /// Acknowledgements revoked.
  public var revoked: Int
  /// Sessions by outcome.
  public var sessions: [SessionOutcome: Int]
  /// Completion per class, in class order.
  public var classes: [ClassCompletion]
  /// Scenarios, worst first-try rate first.
  public var scenarios: [ScenarioResult]
  /// The same figures for each language the induction was read in, by tag (English first, then
  /// the others by tag); acknowledgements made before translations existed count as English.
  public var languages: [LanguageResult] = []

  /// How parents who read the induction in one language did.
  public struct LanguageResult: Sendable, Equatable {
    /// The language tag.
    public var language: String
    /// Sessions started in it.
    public var sessionsStarted: Int
    /// Acknowledgements signed in it, not revoked.
    public var acknowledgements: Int
    /// Of those, the ones on the guidance now in force (and its translation now in force).
    public var current: Int
    /// Of those, the ones whose parents must re-acknowledge.
    public var reacknowledge: Int { acknowledgements - current }
    /// Its scenarios, worst first-try rate first.
    public var scenarios: [ScenarioResult]
  }

  /// Whether any parent read the induction in a language other than English.
  public var hasTranslations: Bool {
    languages.contains { $0.language != LanguageTag.english }
  }
}

extension AppDatabase {
  /// Totals, completion per class and the scenarios parents misread most.
  public func statistics(context: ExportContext) throws -> Statistics {
    try read { db in
      let acknowledgements =
        try Int.fetchOne(
          db,
          sql: """
            SELECT count(*) FROM ledger l WHERE kind = 'acknowledgement'
            AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.kind = 'revocation' AND r.subject_seq = l.seq)
            """) ?? 0
      let revoked =
        try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger WHERE kind = 'revocation'") ?? 0
      var sessions: [SessionOutcome: Int] = [:]
      for row in try SQLRow.fetchAll(
        db, sql: "SELECT outcome, count(*) AS n FROM session GROUP BY outcome")
      {
        if let outcome = SessionOutcome(rawValue: row["outcome"]) { sessions[outcome] = row["n"] }
      }

      let hasRoster = try Int.fetchOne(db, sql: "SELECT count(*) FROM roster_child") ?? 0 > 0
      var classes: [Statistics.ClassCompletion] = []
      let cursor = try db.fetchCursor(
        sql: hasRoster ? Self.rosterCompletionSQL(db.dialect) : Self.namedCompletionSQL(db.dialect),
        named: [
          "since": nil, "until": nil, "classKey": nil, "current": context.currentGuidance,
          "translations": context.translationsJSON,
        ])
      var lastClassKey: String?
      while let row = try cursor.next() {
        // Rows come sorted by class key: "Nursery" and "NURSERY" are one class, shown as first met.
        let classKey: String = row["class_key"]
        if lastClassKey != classKey {
          lastClassKey = classKey
          classes.append(
            .init(className: row["class_name"], acknowledged: 0, reacknowledge: 0, outstanding: 0))
        }
        let isAcknowledged =
          (row["reference"] as String?) != nil && row["revoked"] as Bool? == false
        if !isAcknowledged {
          classes[classes.count - 1].outstanding += 1
        } else if row["is_current"] == true {
          classes[classes.count - 1].acknowledged += 1
        } else {
          classes[classes.count - 1].reacknowledge += 1
        }
      }

      let scenarios = try Self.scenarioResults(db, language: nil)
      var languages: [Statistics.LanguageResult] = []
      let started = Dictionary(
        uniqueKeysWithValues: try SQLRow.fetchAll(
          db,
          sql: "SELECT coalesce(language, 'en') AS tag, count(*) AS n FROM session GROUP BY tag"
        ).map { ($0["tag"] as String, $0["n"] as Int) })
      let signed = try db.fetchAll(
        sql: """
          SELECT coalesce(l.language, 'en') AS tag, count(*) AS n,
            coalesce(sum(CASE WHEN \(Self.isCurrentSQL(db.dialect)) THEN 1 ELSE 0 END), 0) AS current
          FROM ledger l WHERE l.kind = 'acknowledgement'
            AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.kind = 'revocation' AND r.subject_seq = l.seq)
          GROUP BY tag
          """,
        named: ["current": context.currentGuidance, "translations": context.translationsJSON])
      let counts = Dictionary(
        uniqueKeysWithValues: signed.map {
          ($0["tag"] as String, ($0["n"] as Int, $0["current"] as Int))
        })
      // English first, then the others by tag; only languages someone started a session in.
      let tags = Array(Set(Array(started.keys) + Array(counts.keys))).sorted {
        ($0 == LanguageTag.english ? "" : $0) < ($1 == LanguageTag.english ? "" : $1)
      }
      for tag in tags {
        languages.append(
          .init(
            language: tag, sessionsStarted: started[tag] ?? 0,
            acknowledgements: counts[tag]?.0 ?? 0, current: counts[tag]?.1 ?? 0,
            scenarios: try Self.scenarioResults(db, language: tag)))
      }
      return Statistics(
        acknowledgements: acknowledgements, revoked: revoked, sessions: sessions, classes: classes,
        scenarios: scenarios, languages: languages)
    }
  }
  /// First-try results per scenario, worst first, of the signed sessions read in `language` (all
  /// when nil), with the wrong answer picked most often. Only a signed session's answers are
  /// counted, by the language its acknowledgement signed: they are under its signature, while
  /// a session never signed could say anything.
  private static func scenarioResults(_ db: any SQLDatabase, language: String?) throws
    -> [Statistics.ScenarioResult]
  {
    let signedAnswers = """
      quiz_attempt a JOIN session s ON s.id = a.session_id JOIN ledger l ON l.seq = s.ledger_seq
      WHERE l.kind = 'acknowledgement' AND (:language IS NULL OR coalesce(l.language, 'en') = :language)
      """
    var results: [Statistics.ScenarioResult] = try db.fetchAll(
      sql: """
        SELECT a.scenario_id, count(*) AS asked, coalesce(sum(a.is_correct), 0) AS correct
        FROM \(signedAnswers) AND a.is_first_try = 1 GROUP BY a.scenario_id
        """, named: ["language": language]
    ).map {
      .init(
        scenarioID: $0["scenario_id"], asked: $0["asked"], correct: $0["correct"],
        commonWrongChoice: nil, commonWrongCount: 0)
    }
    for index in results.indices {
      if let wrong = try db.fetchAll(
        sql: """
          SELECT a.choice_text, count(*) AS n FROM \(signedAnswers)
            AND a.scenario_id = :scenario AND a.is_correct = 0
          GROUP BY a.choice_text ORDER BY n DESC, a.choice_text LIMIT 1
          """, named: ["scenario": results[index].scenarioID, "language": language]
      ).first {
        results[index].commonWrongChoice = wrong["choice_text"]
        results[index].commonWrongCount = wrong["n"]
      }
    }
    results.sort { ($0.rate, $0.scenarioID) < ($1.rate, $1.scenarioID) }
    return results
  }
}
