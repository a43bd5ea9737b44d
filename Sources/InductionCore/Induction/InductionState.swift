import Foundation

/// Where one parent's induction has got to. A plain `Codable` value: the terminal keeps it in
/// memory, the web in the database between pages, and any process can take the next step.
public struct InductionState: Sendable, Equatable, Codable {
  /// The language being shown.
  public internal(set) var language: String
  /// Whether the parent has passed the welcome (idle timeouts apply from then on).
  public internal(set) var begun = false
  /// Whether the welcome in ``language`` is on screen already (drawn before the induction began).
  var welcomeOnScreen = false
  /// The session record, once started.
  public internal(set) var session: Int64?
  /// The question being answered.
  var stage: Stage = .welcome
  /// A question asked over the stage's own (the language list, "Start over?").
  var overlay: Overlay?
  /// The stage's prompt, asked again after help, the guidance or an overlay.
  public internal(set) var asking: InductionPrompt?
  /// The quiz, once the questions have begun.
  var quiz: Quiz?
  /// Whether "let's look again" has been shown.
  var announcedRetries = false
  /// What the parent has typed about themselves and their children.
  var details = DetailsSoFar()
  /// The signature typed, waiting for confirmation.
  var typedSignature: String?
  /// The salt of the signing being saved, kept across retries.
  var salt: [UInt8]?
  /// The signed entry, once saved.
  var signed: LedgerEntry?
  /// The answers given before the questions started again in another language: they still count.
  var earlierAttempts: [QuizAttempt] = []
  /// The screens of the page on show, drawn again after the guidance was read over them.
  var page: [InductionScreen] = []
  /// When the parent passed the welcome (Ctrl-D after a minute's work asks before leaving).
  var begunAt: Date?
  /// A reference typed at the welcome, for "what changed".
  var typedReference: String?
  /// Whether the induction has ended.
  public internal(set) var isFinished = false

  /// The state at the welcome in `language`.
  public init(language: String, welcomeOnScreen: Bool = false) {
    self.language = language
    self.welcomeOnScreen = welcomeOnScreen
  }

  /// The questions of an induction, each waiting for one answer.
  enum Stage: Sendable, Equatable, Codable {
    case welcome
    case startRetry
    case changesReference
    case changesRead
    case guidance(page: Int)
    case question
    case feedback
    case summary
    case parentName
    case relationship
    case relationshipOther
    case childName
    case childClass
    case anotherChild
    case check
    case changeWhich
    case signature
    case confirmSignature
    case saveRetry
    case receiptNoted
  }

  /// Questions asked over a stage.
  enum Overlay: Sendable, Equatable, Codable {
    case languageMenu
    /// Changing to this language starts the questions again: is that what the parent wants?
    case confirmLanguage(String)
    case startOver
    /// Ctrl-D after some work: leave without signing?
    case leave
    /// The guidance read again, a page at a time, over the question.
    case guidance(page: Int)
  }
}

/// What a parent has typed about themselves and their children so far. It outlives a change of
/// language (the questions start again, the details are not asked again) and nothing else: starting
/// over, or the next parent, begins with an empty one.
struct DetailsSoFar: Sendable, Equatable, Codable {
  var parentName: String?
  var relationship: String?
  var children: [PersonalDetails.Child] = []
  /// A child's name typed before their class was given.
  var pendingChildName: String?
  /// Whether the parent said that was every child.
  var childrenComplete = false
  /// The child (1-based) whose name and class are being typed again, from the check.
  var changingChild: Int?
}
