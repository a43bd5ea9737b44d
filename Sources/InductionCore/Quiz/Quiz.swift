import Foundation

/// The scenario quiz: every scenario asked in shuffled order with shuffled choices; a scenario answered
/// wrongly comes back at the end (choices shuffled again) until it is answered correctly.
///
/// A plain value with no I/O: the induction shows ``current`` and passes the parent's pick to
/// ``answer(_:at:)``. It is `Codable` (its random generator included), so a web session can keep it
/// in the database between pages and shuffle on exactly as it would have in one process.
public struct Quiz: Sendable, Equatable, Codable {
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

  /// A scenario waiting to be asked.
  private struct Queued: Sendable, Equatable, Codable {
    var scenario: Scenario
    var isRetry: Bool
    var number: Int
  }

  private var queue: [Queued]
  private var generator: SplitMix64
  /// The scenario being asked and its choices' positions in the file, in the order shown.
  private var asked: (item: Queued, order: [Int])? {
    get { askedItem.map { ($0, askedOrder) } }
    set {
      askedItem = newValue?.item
      askedOrder = newValue?.order ?? []
    }
  }
  private var askedItem: Queued?
  private var askedOrder: [Int] = []

  /// The question being asked, or `nil` when every scenario has been answered correctly.
  public var current: Question? {
    guard let (item, order) = asked else { return nil }
    return Question(
      scenario: item.scenario,
      choices: order.map { (originalIndex: $0, choice: item.scenario.choices[$0]) },
      number: item.number, total: scenarioCount, isRetry: item.isRetry)
  }
  /// Every answer given so far.
  public private(set) var attempts: [QuizAttempt] = []
  /// The scenarios asked before the questions started again.
  private var askedBefore: Set<String> = []
  /// How many scenarios there are.
  public let scenarioCount: Int

  /// Starts a quiz over `scenarios`, shuffling with `generator`.
  /// A seeded generator is used as it is (the same seed, the same quiz); any other seeds one.
  /// `earlier` are the answers given before the questions started again (in another language):
  /// they stay in the transcript and the score, and a scenario among them is no longer a first try.
  public init(
    scenarios: [Scenario], generator: any RandomNumberGenerator, earlier: [QuizAttempt] = []
  ) {
    var source = generator
    var rng = (generator as? SplitMix64) ?? SplitMix64(seed: source.next())
    let shuffled = scenarios.shuffled(using: &rng)
    queue = shuffled.enumerated().map {
      Queued(scenario: $0.element, isRetry: false, number: $0.offset + 1)
    }
    self.generator = rng
    scenarioCount = scenarios.count
    attempts = earlier
    askedBefore = Set(earlier.map(\.scenarioID))
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
      isFirstTry: !question.isRetry && !askedBefore.contains(question.scenario.id),
      answeredAt: date)
    attempts.append(attempt)
    if !picked.choice.isCorrect {
      queue.append(Queued(scenario: question.scenario, isRetry: true, number: question.number))
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
      asked = nil
      return
    }
    let next = queue.removeFirst()
    let order = Array(next.scenario.choices.indices).shuffled(using: &generator)
    asked = (next, order)
  }

  /// `"2"`, `"2."`, `"b"` or `"B)"` → 1 (a 0-based position among `count` choices); anything
  /// else → nil.
  public static func choiceIndex(_ text: String, count: Int) -> Int? {
    guard count > 0 else { return nil }
    var trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    if trimmed.hasSuffix(".") || trimmed.hasSuffix(")") { trimmed.removeLast() }
    if let number = Int(trimmed), (1...count).contains(number) { return number - 1 }
    if trimmed.count == 1, let scalar = trimmed.unicodeScalars.first, ("a"..."z").contains(scalar) {
      let index = Int(scalar.value - UnicodeScalar("a").value)
      return index < count ? index : nil
    }
    return nil
  }
}
