import Foundation

/// One answer given to one scenario.
public struct QuizAttempt: Sendable, Equatable, Codable {
  /// The scenario answered.
  public var scenarioID: String
  /// The chosen answer's position in the scenario file (0-based), whatever order it was shown in.
  public var choiceIndex: Int
  /// The chosen answer's text, as shown.
  public var choiceText: String
  /// Whether it was the right answer.
  public var isCorrect: Bool
  /// Whether this was the first time the scenario was asked.
  public var isFirstTry: Bool
  /// When it was answered.
  public var answeredAt: Date

  /// Creates an attempt.
  public init(
    scenarioID: String, choiceIndex: Int, choiceText: String, isCorrect: Bool, isFirstTry: Bool,
    answeredAt: Date
  ) {
    self.scenarioID = scenarioID
    self.choiceIndex = choiceIndex
    self.choiceText = choiceText
    self.isCorrect = isCorrect
    self.isFirstTry = isFirstTry
    self.answeredAt = answeredAt
  }
}

/// The quiz in numbers, as recorded in the ledger.
public struct QuizSummary: Sendable, Equatable {
  /// How many scenarios were asked.
  public var scenarioCount: Int
  /// How many were answered correctly the first time: the score.
  public var firstTryCorrect: Int
  /// How many answers were given in all, including retries.
  public var attemptCount: Int

  /// Creates a summary.
  public init(scenarioCount: Int, firstTryCorrect: Int, attemptCount: Int) {
    self.scenarioCount = scenarioCount
    self.firstTryCorrect = firstTryCorrect
    self.attemptCount = attemptCount
  }

  /// `14/16 first try, 18 answers`: the canonical text hashed into the ledger.
  public var canonicalText: String {
    "\(firstTryCorrect)/\(scenarioCount) first try, \(attemptCount) answers"
  }
}

extension QuizAttempt {
  /// An answer as the database holds it: the time as its stored UTC text, so the transcript hash
  /// can be recomputed from the rows exactly.
  public struct Stored: Sendable, Equatable {
    /// The scenario answered.
    public var scenarioID: String
    /// The chosen answer's position in the scenario file.
    public var choiceIndex: Int
    /// The chosen answer's text.
    public var choiceText: String
    /// Whether it was right.
    public var isCorrect: Bool
    /// Whether it was the first time the scenario was asked.
    public var isFirstTry: Bool
    /// When, as ``Timestamp/utc(_:)``.
    public var answeredAt: String

    /// Creates a stored answer.
    public init(
      scenarioID: String, choiceIndex: Int, choiceText: String, isCorrect: Bool,
      isFirstTry: Bool, answeredAt: String
    ) {
      self.scenarioID = scenarioID
      self.choiceIndex = choiceIndex
      self.choiceText = choiceText
      self.isCorrect = isCorrect
      self.isFirstTry = isFirstTry
      self.answeredAt = answeredAt
    }
  }

  /// This answer as it is stored.
  public var stored: Stored {
    Stored(
      scenarioID: scenarioID, choiceIndex: choiceIndex, choiceText: choiceText,
      isCorrect: isCorrect, isFirstTry: isFirstTry, answeredAt: Timestamp.utc(answeredAt))
  }
}

extension Array where Element == QuizAttempt {
  /// SHA-256 (hex) over the length-prefixed attempts: what the ledger holds of the quiz transcript.
  public var transcriptSHA256: String { map(\.stored).transcriptSHA256 }
}

extension Array where Element == QuizAttempt.Stored {
  /// SHA-256 (hex) over the length-prefixed answers, as signed into the ledger and recomputed by
  /// `verify` from the stored rows.
  public var transcriptSHA256: String {
    var encoder = CanonicalEncoder(domain: "induction-transcript-v1")
    encoder.append(count)
    for attempt in self {
      encoder.append(attempt.scenarioID)
      encoder.append(attempt.choiceIndex)
      encoder.append(attempt.choiceText)
      encoder.append(attempt.isCorrect ? 1 : 0)
      encoder.append(attempt.isFirstTry ? 1 : 0)
      encoder.append(attempt.answeredAt)
    }
    return Digest.sha256(encoder.bytes).hexString
  }
}
