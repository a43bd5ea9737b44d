import Foundation

/// The scenario quiz: every scenario asked in shuffled order with shuffled choices; a scenario answered
/// wrongly comes back at the end (choices shuffled again) until it is answered correctly.
///
/// A plain value with no I/O: the terminal flow shows ``current`` and passes the parent's pick to
/// ``answer(_:at:)``.
public struct Quiz {
  /// A scenario as it is being shown now.
  public struct Question: Sendable, Equatable {
    /// The scenario.
    public var scenario: Scenario
    /// The choices in the order shown; `originalIndex` is the position in the file.
    public var choices: [(originalIndex: Int, choice: Scenario.Choice)]
    /// 1-based position in the first round.
    public var number: Int
    /// How many scenarios there are.
    public var total: Int
    /// Whether this scenario was answered wrongly before.
    public var isRetry: Bool

    public static func == (lhs: Question, rhs: Question) -> Bool {
      lhs.scenario == rhs.scenario && lhs.number == rhs.number && lhs.isRetry == rhs.isRetry
        && lhs.choices.map(\.originalIndex) == rhs.choices.map(\.originalIndex)
    }
  }

  /// What the parent picked and what to tell them.
  public struct Answer: Sendable, Equatable {
    /// The chosen answer.
    public var choice: Scenario.Choice
    /// Whether it was right.
    public var isCorrect: Bool
    /// The recorded attempt.
    public var attempt: QuizAttempt
  }

  private var queue: [(scenario: Scenario, isRetry: Bool, number: Int)]
  private var generator: AnyRandomNumberGenerator
  /// The question being asked, or `nil` when every scenario has been answered correctly.
  public private(set) var current: Question?
  /// Every answer given so far.
  public private(set) var attempts: [QuizAttempt] = []
  /// How many scenarios there are.
  public let scenarioCount: Int

  /// Starts a quiz over `scenarios`, shuffling with `generator`.
  public init(scenarios: [Scenario], generator: any RandomNumberGenerator) {
    var rng = AnyRandomNumberGenerator(generator)
    let shuffled = scenarios.shuffled(using: &rng)
    queue = shuffled.enumerated().map { ($0.element, false, $0.offset + 1) }
    self.generator = rng
    scenarioCount = scenarios.count
    advance()
  }

  /// Whether every scenario has been answered correctly once.
  public var isFinished: Bool { current == nil }

  /// Records the parent's pick (`displayIndex` is 0-based in the order shown) and moves on.
  public mutating func answer(_ displayIndex: Int, at date: Date) -> Answer? {
    guard let question = current, question.choices.indices.contains(displayIndex) else {
      return nil
    }
    let picked = question.choices[displayIndex]
    let attempt = QuizAttempt(
      scenarioID: question.scenario.id, choiceIndex: picked.originalIndex,
      choiceText: picked.choice.text, isCorrect: picked.choice.isCorrect,
      isFirstTry: !question.isRetry, answeredAt: date)
    attempts.append(attempt)
    if !picked.choice.isCorrect {
      queue.append((question.scenario, true, question.number))
    }
    advance()
    return Answer(choice: picked.choice, isCorrect: picked.choice.isCorrect, attempt: attempt)
  }

  /// The scenarios still to come back, after the current one.
  public var retriesWaiting: Int { queue.filter(\.isRetry).count }

  /// The score and counts so far.
  public var summary: QuizSummary {
    QuizSummary(
      scenarioCount: scenarioCount,
      firstTryCorrect: attempts.filter { $0.isFirstTry && $0.isCorrect }.count,
      attemptCount: attempts.count)
  }

  private mutating func advance() {
    guard !queue.isEmpty else {
      current = nil
      return
    }
    let next = queue.removeFirst()
    let order = Array(next.scenario.choices.enumerated()).shuffled(using: &generator)
    current = Question(
      scenario: next.scenario,
      choices: order.map { (originalIndex: $0.offset, choice: $0.element) },
      number: next.number, total: scenarioCount, isRetry: next.isRetry)
  }
}
