import Foundation

/// How a parent's session ended.
public enum SessionOutcome: String, Sendable, CaseIterable {
  /// Still running (or the program was killed mid-session: never counted as signed).
  case inProgress = "in progress"
  /// Signed: the session's acknowledgement is in the ledger.
  case signed
  /// The parent cancelled (Ctrl-D).
  case cancelled
  /// The parent chose to start over.
  case restarted
  /// Abandoned after the idle timeout.
  case timedOut = "timed out"
  /// Ended by a signal or by staff closing the kiosk.
  case ended
}

/// Where and how a session runs.
public struct SessionContext: Sendable, Equatable {
  /// The station name (e.g. `Reception`).
  public var station: String
  /// `start` or `kiosk`.
  public var mode: String

  /// Creates a context.
  public init(station: String, mode: String) {
    self.station = station
    self.mode = mode
  }
}

extension AppDatabase {
  /// Records a guidance version (its SHA-256 and text) the first time it is seen.
  public func registerGuidanceVersion(_ guidance: Guidance, text: String, at date: Date) throws {
    if try read({ db in
      try Bool.fetchOne(
        db, sql: "SELECT 1 FROM guidance_version WHERE sha256 = ?", arguments: [guidance.sha256])
    }) == true {
      return
    }
    try write { db in
      try db.execute(
        sql:
          "INSERT INTO guidance_version (sha256, text, first_seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        arguments: [guidance.sha256, text, Timestamp.utc(date)])
    }
  }

  /// Records one quiz answer.
  public func recordAttempt(_ attempt: QuizAttempt, session: Int64) throws {
    try writeOwnSession { db in
      try db.execute(
        sql: """
          INSERT INTO quiz_attempt (session_id, scenario_id, choice_index, choice_text, is_correct, is_first_try, answered_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          session, attempt.scenarioID, attempt.choiceIndex, attempt.choiceText, attempt.isCorrect,
          attempt.isFirstTry, Timestamp.utc(attempt.answeredAt),
        ])
    }
  }

  /// Marks a session that did not sign as ended with `outcome`.
  public func endSession(_ session: Int64, outcome: SessionOutcome, at date: Date) throws {
    precondition(outcome != .signed, "signed sessions are closed by appendAcknowledgement")
    try writeOwnSession { db in
      try db.execute(
        sql:
          "UPDATE session SET outcome = ?, ended_at = ? WHERE id = ? AND outcome = 'in progress'",
        arguments: [outcome.rawValue, Timestamp.utc(date), session])
    }
  }

  /// The outcome of each session, oldest first.
  public func sessionOutcomes() throws -> [SessionOutcome] {
    try read { db in
      try String.fetchAll(db, sql: "SELECT outcome FROM session ORDER BY id").compactMap(
        SessionOutcome.init(rawValue:))
    }
  }

  /// Every recorded quiz attempt, oldest first.
  public func quizAttempts() throws -> [QuizAttempt] {
    try read { db in
      try QuizAttempt.Stored.fetchAll(
        db, sql: "SELECT \(QuizAttempt.Stored.selection) FROM quiz_attempt ORDER BY id"
      ).map { stored in
        QuizAttempt(
          scenarioID: stored.scenarioID, choiceIndex: stored.choiceIndex,
          choiceText: stored.choiceText, isCorrect: stored.isCorrect,
          isFirstTry: stored.isFirstTry,
          answeredAt: Timestamp.parseUTC(stored.answeredAt) ?? .distantPast)
      }
    }
  }
}
