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
      var sessions: [SessionOutcome: Int] = [:]
      for record in try Self.sessionCountsByOutcome(db) {
        if let outcome = SessionOutcome(rawValue: record.value) { sessions[outcome] = record.count }
      }
      var tally = Statistics.ClassTally()
      let cursor = try Self.completionRecords(
        db, fromRoster: try Self.hasRoster(db), filter: ReportQueryFilter(),
        current: context.currentGuidance, translations: context.translationsJSON)
      while let record = try cursor.next() { tally.count(record) }

      let started = Dictionary(
        uniqueKeysWithValues: try Self.sessionCountsByLanguage(db).map { ($0.value, $0.count) })
      let counts = Dictionary(
        uniqueKeysWithValues: try Self.signedCountsByLanguage(
          db, current: context.currentGuidance, translations: context.translationsJSON
        ).map { ($0.tag, ($0.count, $0.current)) })
      var languages: [Statistics.LanguageResult] = []
      for tag in Statistics.languageOrder(Array(started.keys) + Array(counts.keys)) {
        languages.append(
          .init(
            language: tag, sessionsStarted: started[tag] ?? 0,
            acknowledgements: counts[tag]?.0 ?? 0, current: counts[tag]?.1 ?? 0,
            scenarios: try Self.scenarioResults(db, language: tag)))
      }
      return Statistics(
        acknowledgements: try Self.unrevokedAcknowledgementCount(db),
        revoked: try Self.revocationCount(db), sessions: sessions, classes: tally.classes,
        scenarios: try Self.scenarioResults(db, language: nil), languages: languages)
    }
  }

  /// First-try results per scenario, worst first, of the signed sessions read in `language` (all
  /// when nil), with the wrong answer picked most often.
  private static func scenarioResults(_ db: any SQLDatabase, language: String?) throws
    -> [Statistics.ScenarioResult]
  {
    let results = try scenarioFirstTries(db, language: language).map { tries in
      let wrong = try commonWrongChoice(db, scenario: tries.scenarioID, language: language)
      return Statistics.ScenarioResult(
        scenarioID: tries.scenarioID, asked: tries.asked, correct: tries.correct,
        commonWrongChoice: wrong?.value, commonWrongCount: wrong?.count ?? 0)
    }
    return Statistics.worstFirst(results)
  }
}

extension Statistics {
  /// Completion per class, counted one child of the completion list at a time.
  struct ClassTally {
    /// The classes so far, in the order met.
    private(set) var classes: [ClassCompletion] = []
    private var lastClassKey: String?

    /// Counts `record` in its class. Records come sorted by class key: "Nursery" and "NURSERY"
    /// are one class, shown as first met.
    mutating func count(_ record: CompletionRecord) {
      if lastClassKey != record.classKey {
        lastClassKey = record.classKey
        classes.append(
          .init(className: record.className, acknowledged: 0, reacknowledge: 0, outstanding: 0))
      }
      switch record.status {
      case .outstanding: classes[classes.count - 1].outstanding += 1
      case .acknowledged: classes[classes.count - 1].acknowledged += 1
      case .reacknowledge: classes[classes.count - 1].reacknowledge += 1
      }
    }
  }

  /// English first, then the others by tag, each once.
  static func languageOrder(_ tags: [String]) -> [String] {
    Array(Set(tags)).sorted {
      ($0 == LanguageTag.english ? "" : $0) < ($1 == LanguageTag.english ? "" : $1)
    }
  }

  /// Worst first-try rate first, then by scenario.
  static func worstFirst(_ results: [ScenarioResult]) -> [ScenarioResult] {
    results.sorted { ($0.rate, $0.scenarioID) < ($1.rate, $1.scenarioID) }
  }
}
