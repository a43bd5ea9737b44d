import Foundation

/// What the induction shows: each case a screen (or a part of one) with everything a front end needs
/// to draw it in the parent's language. Texts from the school's files or from a person are plain
/// strings here; the front end makes them safe for its medium.
public enum InductionScreen: Sendable, Equatable, Codable {
  /// The welcome, with the languages to choose from.
  case welcome
  /// The database could not be written; `detail` says why, in the store's words.
  case storeProblem(saving: Bool, detail: String)
  /// The guidance has changed since some parents signed: a returning parent may type a reference.
  case changesIntro
  /// What changed since the version a returning parent signed.
  case changes(GuidanceChangesShown)
  /// One page of the guidance (0-based `index` of `count`), as ``Guidance/pages`` splits it.
  case guidancePage(index: Int, count: Int)
  /// Before the first scenario that comes back: `count` scenarios to look at again.
  case retriesIntro(count: Int)
  /// A scenario and its choices in the order shown.
  case question(QuestionShown)
  /// What the parent's answer means.
  case feedback(correct: Bool, feedback: String)
  /// The first-try score.
  case summary(correct: Int, total: Int)
  /// The start of "About you"; `kept` when details typed before a change of language are kept.
  case details(kept: Bool)
  /// The relationships offered, in the parent's language.
  case relationships([String])
  /// The school's classes, as labelled in the parent's language.
  case classes([String])
  /// Everything typed, to check before signing.
  case check(DetailsShown)
  /// What the parent may change, numbered, after saying the details are not right.
  case changeChoices([String])
  /// The statement to sign.
  case statement(String)
  /// Signed and saved: the reference and when.
  case receipt(reference: String, signedAt: Date)
}

extension InductionScreen {
  /// Whether the screen begins a page (at the terminal: the screen is cleared for it); the others
  /// are added under the page on show.
  public var startsPage: Bool {
    switch self {
    case .welcome, .changesIntro, .guidancePage, .retriesIntro, .question, .summary, .details,
      .statement, .receipt:
      true
    case .storeProblem, .changes, .feedback, .relationships, .classes, .check, .changeChoices:
      false
    }
  }
}

/// What changed in the guidance, as a returning parent is shown it.
public enum GuidanceChangesShown: Sendable, Equatable, Codable {
  /// They signed in another language: its changes cannot be compared with this one.
  case otherLanguage
  /// The texts added, removed and reworded (all empty when nothing changed).
  case changed(added: [String], removed: [String], edited: [EditedText] = [])
}

/// A scenario as it is being asked.
public struct QuestionShown: Sendable, Equatable, Codable {
  /// The scenario.
  public var scenario: Scenario
  /// The choices in the order shown.
  public var choices: [Scenario.Choice]
  /// 1-based position in the first round.
  public var number: Int
  /// How many scenarios there are.
  public var total: Int
  /// Whether it was answered wrongly before.
  public var isRetry: Bool
}

/// The details a parent typed, as they are shown back to check.
public struct DetailsShown: Sendable, Equatable, Codable {
  /// A child and their class, as labelled in the parent's language.
  public struct Child: Sendable, Equatable, Codable {
    /// The child's name.
    public var name: String
    /// The class label.
    public var classLabel: String

    /// Creates a child as shown.
    public init(name: String, classLabel: String) {
      self.name = name
      self.classLabel = classLabel
    }
  }

  /// The parent's name.
  public var name: String
  /// The relationship, in the parent's language when it is one offered.
  public var relationship: String
  /// The children.
  public var children: [Child]

  /// Creates details as shown.
  public init(name: String, relationship: String, children: [Child]) {
    self.name = name
    self.relationship = relationship
    self.children = children
  }
}

/// Something said under what is on screen: an answer that cannot be used, help, the guidance.
public enum InductionNotice: Sendable, Equatable, Codable {
  /// One line: why an answer cannot be used, or what happens next.
  case line(PhraseKey, [String: String])
  /// The help for a prompt, with the commands that work everywhere.
  case help(PhraseKey, offersLanguages: Bool)
  /// The whole guidance.
  case guidance
  /// The languages to choose from.
  case languageMenu
  /// How to choose a language.
  case languageHelp
  /// A blank line before the next question.
  case gap
  /// Changing to `language` (its name) starts the questions again; answers so far still count.
  case languageRestart(language: String)
  /// The session was cancelled (Ctrl-D): nothing signed or saved.
  case cancelled
  /// The session was closed by a signal: nothing signed.
  case closed
}

/// What a step of the induction produces, in order.
public enum InductionOutput: Sendable, Equatable {
  /// Show a screen.
  case show(InductionScreen)
  /// Say something under the current screen.
  case notice(InductionNotice)
  /// Ask; the induction waits for the next input.
  case ask(InductionPrompt)
  /// The parent started over: forget everything typed (history, the screen) before the welcome.
  case forgetTyping
  /// The induction is over.
  case end(InductionEnd)
}

/// How an induction ended.
public enum InductionEnd: Sendable, Equatable {
  /// Signed; the ledger entry holds the reference shown.
  case signed(LedgerEntry)
  /// The parent cancelled; nothing was signed.
  case cancelled
  /// A terminating signal ended it; nothing was signed.
  case terminated
  /// Nobody did anything for the idle timeout; nothing was signed.
  case timedOut
  /// Staff typed the staff word at the kiosk's welcome (no session had started).
  case staffRequested
}
