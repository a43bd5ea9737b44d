import Foundation
import InductionCore

/// One parent's induction at the terminal: the readline renderer of ``Induction``, which holds every
/// rule (welcome, guidance, quiz, details, statement, signature, receipt, in the language the
/// parent chooses). This reads each line, hands it over, and draws what comes back.
public struct ParentFlow {
  /// What changes when the flow runs inside a kiosk.
  public struct KioskOptions: Sendable, Equatable {
    /// The word staff type at the welcome screen to reach the PIN prompt.
    public var staffWord: String
    /// Seconds without a key press before a session is abandoned; nil for none.
    public var idleTimeout: TimeInterval?

    /// Creates options.
    public init(staffWord: String = ":staff", idleTimeout: TimeInterval? = 180) {
      self.staffWord = staffWord
      self.idleTimeout = idleTimeout
    }
  }

  let environment: Environment
  let content: SchoolContent
  let startLanguage: String
  let context: SessionContext
  let kiosk: KioskOptions?
  /// Whether the welcome screen in the start language was drawn before the flow was made.
  let welcomeOnScreen: Bool

  /// Creates the flow for one parent over the English set only; `kiosk` is set inside a kiosk.
  public init(
    environment: Environment, catalog: ScenarioCatalog, guidanceText: String,
    context: SessionContext,
    kiosk: KioskOptions? = nil
  ) {
    self.init(
      environment: environment,
      content: SchoolContent(catalog: catalog, guidanceText: guidanceText), context: context,
      kiosk: kiosk)
  }

  /// Creates the flow for one parent, offering every language in `content` and starting in
  /// `language` (the school's default language when nil, or when it is not offered).
  /// `welcomeOnScreen` says the caller has already drawn the welcome in that language (with
  /// ``WelcomeScreen/draw(in:on:)``), so the first prompt follows it without drawing it again.
  public init(
    environment: Environment, content: SchoolContent, language: String? = nil,
    context: SessionContext, kiosk: KioskOptions? = nil, welcomeOnScreen: Bool = false
  ) {
    self.environment = environment
    self.content = content
    self.startLanguage =
      language.flatMap { content.content(for: $0)?.language.tag } ?? content.defaultLanguage
    self.context = context
    self.kiosk = kiosk
    self.welcomeOnScreen = welcomeOnScreen
  }

  var console: Console { environment.console }

  /// The induction's services over this flow's environment.
  private var services: InductionServices {
    InductionServices(
      content: content, context: context, staffWord: kiosk?.staffWord,
      asksToNoteReceipt: kiosk != nil, store: environment.database, clock: environment.clock,
      random: environment.random, signingKey: environment.signingKey,
      makeSalt: environment.makeSalt)
  }

  /// Runs until the parent signs, cancels, or the session is ended; Ctrl-C then "yes" starts over.
  public func run() throws -> ParentOutcome {
    var induction = Induction(
      services: services, language: startLanguage, welcomeOnScreen: welcomeOnScreen)
    let renderer = InductionRenderer(console: console, content: content)
    let reader = environment.reader
    defer { reader.idleTimeout = nil }
    var outputs = induction.start()
    while true {
      var asked: InductionPrompt?
      let language = induction.state.language
      for output in outputs {
        switch output {
        case .show(let screen): renderer.draw(screen, in: language)
        case .notice(let notice): renderer.draw(notice, in: language)
        case .ask(let prompt): asked = prompt
        case .forgetTyping:
          reader.forgetHistory()
          console.clearScreen()
        case .end(let end): return ParentOutcome(end)
        }
      }
      guard let asked else { return .cancelled }
      // Idle timeouts apply once the parent has begun, with the countdown in their language.
      let phrases = induction.phrases
      reader.idleTimeout = induction.state.begun ? kiosk?.idleTimeout : nil
      reader.setCountdownText { seconds in
        phrases.prompt(.idleCountdown, ["seconds": String(seconds)])
      }
      let input = reader.readLine(
        prompt: phrases.prompt(asked.text, asked.values),
        kind: renderer.kind(of: asked, phrases: phrases))
      outputs = try induction.step(InductionInput(input))
    }
  }
}

extension InductionInput {
  /// What the parent did at a terminal prompt.
  init(_ input: LineInput) {
    switch input {
    case .line(let text): self = .text(text)
    case .interrupt: self = .interrupt
    case .endOfInput: self = .endOfInput
    case .terminate: self = .terminate
    case .idleTimeout: self = .idleTimeout
    }
  }
}

extension ParentOutcome {
  init(_ end: InductionEnd) {
    switch end {
    case .signed(let entry): self = .signed(entry)
    case .cancelled: self = .cancelled
    case .terminated: self = .terminated
    case .timedOut: self = .timedOut
    case .staffRequested: self = .staffRequested
    }
  }
}
