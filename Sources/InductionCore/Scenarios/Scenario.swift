/// One realistic situation built from a prohibited example, with its question and choices.
public struct Scenario: Sendable, Equatable, Codable, Identifiable {
  /// One answer a parent can pick.
  public struct Choice: Sendable, Equatable, Codable {
    /// The answer as shown.
    public var text: String
    /// Why this answer is right or wrong.
    public var feedback: String
    /// Whether this is the one right answer.
    public var isCorrect: Bool

    /// Creates a choice.
    public init(text: String, feedback: String, isCorrect: Bool) {
      self.text = text
      self.feedback = feedback
      self.isCorrect = isCorrect
    }
  }

  /// Stable identifier, recorded with every attempt.
  public var id: String
  /// The guidance bullet this scenario is built from, quoted exactly.
  public var example: String
  /// A short heading.
  public var title: String
  /// What happened.
  public var situation: String
  /// What the parent is asked.
  public var question: String
  /// Three or four answers, exactly one correct, in file order.
  public var choices: [Choice]
  /// The file it came from, for messages.
  public var file: String

  /// Creates a scenario.
  public init(
    id: String, example: String, title: String, situation: String, question: String,
    choices: [Choice], file: String
  ) {
    self.id = id
    self.example = example
    self.title = title
    self.situation = situation
    self.question = question
    self.choices = choices
    self.file = file
  }

  /// The fields a scenario file may hold.
  static let knownFields: Set<String> = [
    "id", "example", "title", "situation", "question", "choices",
  ]
  /// The fields a choice may hold.
  static let knownChoiceFields: Set<String> = ["text", "feedback", "correct"]
  /// How many choices a scenario may have.
  static let choiceRange = 3...4
}

/// Everything a parent induction is built from: the guidance, the school's settings and the scenarios.
public struct ScenarioCatalog: Sendable, Equatable, Codable {
  /// The guidance text.
  public var guidance: Guidance
  /// The school's settings.
  public var school: SchoolSettings
  /// The scenarios, in file-name order.
  public var scenarios: [Scenario]

  /// Creates a catalogue.
  public init(guidance: Guidance, school: SchoolSettings, scenarios: [Scenario]) {
    self.guidance = guidance
    self.school = school
    self.scenarios = scenarios
  }
}
