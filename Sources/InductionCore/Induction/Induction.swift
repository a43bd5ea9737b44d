import Foundation

/// One parent's induction, the same for every front end: welcome and language, what changed since
/// a returning parent signed, the guidance, each scenario and its feedback until every one has been
/// answered correctly once, the details, the check, the statement and signature, the receipt, the
/// retry after a store error, and the ways a session ends early.
///
/// A front end calls ``start()`` once, then ``step(_:)`` with each thing the parent does, and
/// renders what comes back (screens, notices, the next question). No rule of the induction lives in
/// a front end. Nothing is signed until the parent confirms, and the receipt is shown only after the
/// ledger append has committed, so a reference on screen is always stored.
public struct Induction: Sendable {
  /// Where the induction has got to; `Codable`, so it can wait in a database between pages.
  public internal(set) var state: InductionState
  let services: InductionServices
  /// What the step being taken has produced so far.
  var output: [InductionOutput] = []

  /// An induction at its welcome, in `language` when offered (else the school's default).
  /// `welcomeOnScreen` says the front end has already drawn the welcome in that language.
  public init(services: InductionServices, language: String? = nil, welcomeOnScreen: Bool = false) {
    let content = services.content
    let tag = language.flatMap { content.content(for: $0)?.language.tag } ?? content.defaultLanguage
    self.init(
      services: services, state: InductionState(language: tag, welcomeOnScreen: welcomeOnScreen))
  }

  /// An induction carried on from `state` (a web session's next page).
  public init(services: InductionServices, state: InductionState) {
    self.services = services
    self.state = state
  }

  /// The first screen and question.
  public mutating func start() -> [InductionOutput] {
    output = []
    showWelcome()
    return output
  }

  /// Takes one thing the parent did and says what comes next. Throws only what a front end cannot
  /// recover from (a store that fails in a way it does not name); a store that cannot be written
  /// is told to the parent and retried.
  public mutating func step(_ input: InductionInput) throws -> [InductionOutput] {
    output = []
    guard !state.isFinished else { return output }
    if let overlay = state.overlay {
      try answerOverlay(overlay, input)
      return output
    }
    switch input {
    case .interrupt: try command(.startOver)
    case .endOfInput:
      // After a minute's work Ctrl-D may be a slip: ask first (a second one leaves).
      if let begunAt = state.begunAt, state.stage != .receiptNoted,
        services.clock.now().timeIntervalSince(begunAt) > Self.workWorthAsking
      {
        state.overlay = .leave
        notice(.gap)
        output.append(.ask(Self.leavePrompt))
      } else {
        try exit(.cancelled)
      }
    case .terminate: try exit(.terminated)
    case .idleTimeout: try exit(.timedOut)
    case .command(let command): try self.command(command)
    case .text(let raw):
      let line = raw.trimmingCharacters(in: .whitespaces)
      if let command = typedCommand(line) {
        try self.command(command)
      } else if line.unicodeScalars.count > Self.maximumAnswerLength {
        notice(.line(.inputTooLong, ["count": String(Self.maximumAnswerLength)]))
        askAgain()
      } else {
        try answer(line)
      }
    }
    return output
  }

  /// Answers longer than this are refused (and the parent told): nothing anyone types needs more.
  public static let maximumAnswerLength = 1_000
  /// Seconds of work after which Ctrl-D asks before leaving.
  static let workWorthAsking: TimeInterval = 60

  // MARK: - What the parent is shown

  /// The content in the language being shown.
  var shown: LocalisedContent {
    services.content.content(for: state.language) ?? services.content.english
  }

  /// The program's words in the language being shown.
  public var phrases: Phrases { Phrases.for(shown) }

  /// Whether more than one language is offered.
  var offersLanguages: Bool { services.content.all.count > 1 }

  mutating func show(_ screen: InductionScreen) {
    if screen.startsPage { state.page = [screen] } else { state.page.append(screen) }
    output.append(.show(screen))
  }

  /// Shows the page on show again (after the guidance was read over it).
  mutating func showPageAgain() {
    output += state.page.map(InductionOutput.show)
  }
  mutating func notice(_ notice: InductionNotice) { output.append(.notice(notice)) }

  /// Asks a stage's question; it is asked again after help, the guidance or an overlay.
  mutating func ask(_ stage: InductionState.Stage, _ prompt: InductionPrompt) {
    state.stage = stage
    state.asking = prompt
    output.append(.ask(prompt))
  }

  /// A prompt for the current stage, with the commands the stage offers.
  func prompt(
    _ text: PhraseKey, _ values: [String: String] = [:], help: PhraseKey,
    field: InductionField = .next
  ) -> InductionPrompt {
    InductionPrompt(text, values, help: help, field: field, offersLanguages: offersLanguages)
  }

  mutating func askAgain() {
    if let asking = state.asking { output.append(.ask(asking)) }
  }

  mutating func finish(_ end: InductionEnd) {
    state.isFinished = true
    state.overlay = nil
    state.asking = nil
    output.append(.end(end))
  }

  // MARK: - Commands and overlays

  private func typedCommand(_ line: String) -> InductionCommand? {
    let phrases = phrases
    if phrases.isWord(line, .commandHelp, or: ["help", "?"]) { return .help }
    if phrases.isWord(line, .commandGuidance, or: ["guidance"]) { return .guidance }
    if case .guidance = state.stage, phrases.isWord(line, .commandBack, or: ["back"]) {
      return .back
    }
    if state.asking?.offersLanguages == true,
      phrases.isWord(line, .commandLanguage, or: ["language"])
    {
      return .language
    }
    return nil
  }

  private mutating func command(_ command: InductionCommand) throws {
    switch command {
    case .help:
      if let help = state.asking?.help {
        notice(.help(help, offersLanguages: state.asking?.offersLanguages ?? false))
      }
      askAgain()
    case .guidance:
      // Read a page at a time over the question, then the question again: the whole guidance at
      // once would scroll the question off a small screen.
      showGuidanceAgain(page: 0)
    case .back:
      if case .guidance(let page) = state.stage {
        enterGuidance(page: max(page - 1, 0))
      } else {
        askAgain()
      }
    case .language:
      guard state.asking?.offersLanguages == true else { return askAgain() }
      state.overlay = .languageMenu
      notice(.languageMenu)
      output.append(.ask(Self.languagePrompt))
    case .startOver:
      state.overlay = .startOver
      notice(.gap)
      output.append(.ask(Self.startOverPrompt))
    }
  }

  static let languagePrompt = InductionPrompt(.languagePrompt, help: nil, field: .language)
  static let startOverPrompt = InductionPrompt(.restartPrompt, help: nil, field: .confirm)
  static let leavePrompt = InductionPrompt(.leavePrompt, help: nil, field: .confirm)
  static let confirmLanguagePrompt = InductionPrompt(
    .languageConfirmPrompt, help: nil, field: .confirm)

  /// Shows page `page` of the guidance read again over the current question.
  private mutating func showGuidanceAgain(page: Int) {
    let count = shown.catalog.guidance.pages.count
    guard page < count else {
      state.overlay = nil
      showPageAgain()
      return askAgain()
    }
    state.overlay = .guidance(page: page)
    output.append(.show(.guidancePage(index: page, count: count)))
    output.append(
      .ask(
        InductionPrompt(
          page + 1 == count ? .guidanceBackPrompt : .guidanceReadOn, help: .guidanceHelp,
          offersLanguages: false)))
  }

  private mutating func answerOverlay(_ overlay: InductionState.Overlay, _ input: InductionInput)
    throws
  {
    switch input {
    case .endOfInput: return try exit(.cancelled)
    case .terminate: return try exit(.terminated)
    case .idleTimeout: return try exit(.timedOut)
    case .interrupt:
      if case .guidance = overlay { return showGuidanceAgain(page: .max) }
      return carryOn()
    case .command(let command):
      if case .guidance(let page) = overlay {
        return showGuidanceAgain(page: command == .back ? max(page - 1, 0) : page + 1)
      }
      if overlay == .languageMenu, command == .help {
        notice(.languageHelp)
        output.append(.ask(Self.languagePrompt))
      } else {
        carryOn()
      }
    case .text(let typed):
      let text = typed.trimmingCharacters(in: .whitespaces)
      switch overlay {
      case .languageMenu:
        if text.isEmpty { return carryOn() }
        if ["help", "?", phrases.word(.commandHelp)].contains(text.lowercased()) {
          notice(.languageHelp)
          output.append(.ask(Self.languagePrompt))
          return
        }
        guard let chosen = services.content.language(for: text) else {
          notice(
            .line(.languageInvalid, ["count": String(services.content.languages.count)]))
          output.append(.ask(Self.languagePrompt))
          return
        }
        if chosen.tag == state.language { return carryOn() }
        guard state.begun else { return try exit(.switchLanguage(chosen.tag)) }
        // The questions start again in the new language: say so, and ask.
        state.overlay = .confirmLanguage(chosen.tag)
        notice(.languageRestart(language: chosen.name))
        output.append(.ask(Self.confirmLanguagePrompt))
      case .confirmLanguage(let tag):
        try confirm(text, prompt: Self.confirmLanguagePrompt, then: .switchLanguage(tag))
      case .startOver:
        try confirm(text, prompt: Self.startOverPrompt, then: .startOver)
      case .leave:
        try confirm(text, prompt: Self.leavePrompt, then: .cancelled)
      case .guidance(let page):
        let lowered = text.lowercased()
        if ["help", "?", phrases.word(.commandHelp)].contains(lowered) {
          notice(.help(.guidanceHelp, offersLanguages: false))
          return showGuidanceAgain(page: page)
        }
        let back = ["back", phrases.word(.commandBack)].contains(lowered)
        showGuidanceAgain(page: back ? max(page - 1, 0) : page + 1)
      }
    }
  }

  /// Yes ends the session `then`; no carries on with the question under it.
  private mutating func confirm(_ text: String, prompt: InductionPrompt, then exit: Exit) throws {
    switch phrases.yesNo(text) {
    case true?: try self.exit(exit)
    case false?: carryOn()
    case nil:
      notice(.line(.answerYesNo, [:]))
      output.append(.ask(prompt))
    }
  }

  private mutating func carryOn() {
    state.overlay = nil
    notice(.line(.restartCarryOn, [:]))
    askAgain()
  }

  // MARK: - Ending early

  /// Ways a session ends before it is signed.
  enum Exit: Equatable {
    case startOver, cancelled, terminated, timedOut, staffRequested
    case switchLanguage(String)
  }

  mutating func exit(_ exit: Exit) throws {
    state.overlay = nil
    // Already signed and saved: whatever the parent does at the last prompt, the induction is over.
    if state.stage == .receiptNoted, let entry = state.signed { return finish(.signed(entry)) }
    if exit == .staffRequested { return finish(.staffRequested) }
    if let session = state.session {
      let outcome: SessionOutcome
      switch exit {
      case .startOver, .switchLanguage: outcome = .restarted
      case .cancelled: outcome = .cancelled
      case .terminated, .staffRequested: outcome = .ended
      case .timedOut: outcome = .timedOut
      }
      // A session left "in progress" by a failed write still never counts as signed.
      try? services.store.endSession(session, outcome: outcome, at: services.clock.now())
      state.session = nil
    }
    switch exit {
    case .switchLanguage(let tag):
      // The answers given so far still count, honestly, in the questions that start again.
      if let quiz = state.quiz { state.earlierAttempts = quiz.attempts }
      state.quiz = nil
      state.language = tag
      if state.begun { try beginSession() } else { showWelcome() }
    case .startOver:
      state.details = DetailsSoFar()
      state.earlierAttempts = []
      state.quiz = nil
      state.typedReference = nil
      state.begunAt = nil
      state.begun = false
      output.append(.forgetTyping)
      showWelcome()
    case .cancelled:
      notice(.cancelled)
      finish(.cancelled)
    case .terminated:
      notice(.closed)
      finish(.terminated)
    case .timedOut:
      finish(.timedOut)
    case .staffRequested:
      finish(.staffRequested)
    }
  }

  // MARK: - Answers

  private mutating func answer(_ line: String) throws {
    switch state.stage {
    case .welcome: try answerWelcome(line)
    case .startRetry: try beginSession()
    case .changesReference: try answerReference(line)
    case .changesRead: enterGuidance(page: 0)
    case .guidance(let page): nextGuidancePage(after: page)
    case .question: answerQuestion(line)
    case .feedback: askQuestion()
    case .summary: enterDetails()
    case .parentName: answerParentName(line)
    case .relationship: answerRelationship(line)
    case .relationshipOther: answerRelationshipOther(line)
    case .childName: answerChildName(line)
    case .childClass: answerClass(line)
    case .anotherChild: answerAnotherChild(line)
    case .check: answerCheck(line)
    case .changeWhich: answerChangeWhich(line)
    case .signature: answerSignature(line)
    case .confirmSignature: try answerConfirmation(line)
    case .saveRetry: try save()
    case .receiptNoted:
      if let entry = state.signed { finish(.signed(entry)) }
    }
  }
}
