import Foundation
import InductionCore

/// One parent's induction: welcome, guidance, quiz, details, statement, signature, receipt — in the
/// language the parent chooses.
///
/// Nothing is signed until the parent confirms, and the receipt is shown only after the ledger
/// append has committed (durably, `synchronous=FULL`), so a reference on screen is always stored.
/// The entry records the language and the text shown beside the English originals.
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

  /// The state of one parent's run: the language being shown and the details typed so far.
  final class State {
    var language: String
    var details = KeptDetails()
    /// Whether the parent has passed the welcome screen (a change of language then goes straight
    /// back to the guidance).
    var begun = false
    /// Whether the welcome in ``language`` is already on screen (drawn before the flow began).
    var welcomeOnScreen = false

    init(language: String) { self.language = language }
  }

  /// Runs until the parent signs, cancels, or the session is ended; Ctrl-C then "yes" starts over.
  public func run() throws -> ParentOutcome {
    let state = State(language: startLanguage)
    state.welcomeOnScreen = welcomeOnScreen
    while true {
      var session: Int64?
      environment.reader.idleTimeout = nil
      defer { environment.reader.idleTimeout = nil }
      let shown = current(state)
      let phrases = Phrases.for(shown)
      environment.reader.setCountdownText { seconds in
        phrases.prompt(.idleCountdown, ["seconds": String(seconds)])
      }
      do {
        if !state.begun { try welcome(state) }
        state.begun = true
        environment.reader.idleTimeout = kiosk?.idleTimeout
        session = try startSession(current(state))
        let entry = try induct(session: session!, state: state)
        return .signed(entry)
      } catch let exit as FlowExit {
        let outcome: SessionOutcome
        switch exit {
        case .startOver, .switchLanguage: outcome = .restarted
        case .cancelled: outcome = .cancelled
        case .terminated: outcome = .ended
        case .timedOut: outcome = .timedOut
        case .staffRequested: return .staffRequested
        }
        // A session left "in progress" by a failed write still never counts as signed.
        if let session {
          try? environment.database.endSession(
            session, outcome: outcome, at: environment.clock.now())
        }
        switch exit {
        case .switchLanguage(let tag):
          state.language = tag
          continue
        case .startOver:
          state.details = KeptDetails()
          state.begun = false
          environment.reader.forgetHistory()
          console.clearScreen()
          continue
        case .cancelled:
          console.line()
          console.line(phrases.text(.sessionCancelled))
          return .cancelled
        case .terminated:
          console.line()
          console.line(phrases.text(.sessionClosed))
          return .terminated
        case .timedOut:
          return .timedOut
        case .staffRequested:
          return .staffRequested
        }
      }
    }
  }

  /// The content in the language being shown.
  private func current(_ state: State) -> LocalisedContent {
    content.content(for: state.language) ?? content.english
  }

  private func prompter(_ state: State) -> Prompter {
    let shown = current(state)
    return Prompter(
      reader: environment.reader, console: console, guidance: shown.catalog.guidance,
      phrases: Phrases.for(shown), languages: LanguageMenu(content: content),
      language: shown.language.tag)
  }

  /// Starts the session record; when the database cannot be written, says so plainly and waits for
  /// staff, so a kiosk never dies in front of a parent.
  private func startSession(_ shown: LocalisedContent) throws -> Int64 {
    let english = content.english
    let phrases = Phrases.for(shown)
    while true {
      do {
        return try environment.database.startSession(
          context: context, guidance: english.catalog.guidance, guidanceText: english.guidanceText,
          shown: shown.shown, shownGuidanceText: shown.guidanceText, at: environment.clock.now())
      } catch let error as StoreError {
        console.line()
        console.paragraph(phrases.text(.storeCannotStart))
        console.paragraph("(\(error.localizedDescription))")
        _ = try Prompter(
          reader: environment.reader, console: console, guidance: shown.catalog.guidance,
          phrases: phrases
        ).ask(phrases.prompt(.storeRetryPrompt), help: phrases.text(.storeRetryHelp))
      }
    }
  }

  /// The welcome screen, with the languages to choose from (by number) when there are several.
  private func welcome(_ state: State) throws {
    let screen = WelcomeScreen(content: content)
    let menu = LanguageMenu(content: content)
    while true {
      let shown = current(state)
      let phrases = Phrases.for(shown)
      if !state.welcomeOnScreen { screen.draw(in: state.language, on: console) }
      state.welcomeOnScreen = false
      while true {
        let typed = try prompter(state).ask(
          phrases.prompt(.welcomePrompt),
          kind: .answer(completions: menu?.completions ?? []), help: phrases.text(.welcomeHelp))
        if let kiosk, typed == kiosk.staffWord { throw FlowExit.staffRequested }
        guard let menu, !typed.isEmpty else { return }
        guard let chosen = menu.language(for: typed) else {
          // Anything else begins, as it always has; only a number outside the list is refused.
          if Int(typed) == nil { return }
          console.line(phrases.text(.languageInvalid, ["count": String(menu.languages.count)]))
          continue
        }
        if chosen.tag == state.language { return }
        state.language = chosen.tag
        break
      }
    }
  }

  private func induct(session: Int64, state: State) throws -> LedgerEntry {
    let shown = current(state)
    let phrases = Phrases.for(shown)
    let prompter = prompter(state)
    try showChangesForReturningParent(shown, prompter: prompter)
    try showGuidance(shown, prompter: prompter)
    let quiz = try QuizScreen(environment: environment, prompter: prompter, session: session)
      .run(scenarios: shown.catalog.scenarios)
    let summary = quiz.summary
    console.clearScreen()
    console.heading(phrases.text(.summaryHeading))
    console.line()
    console.paragraph(
      phrases.text(
        .summaryScore,
        ["correct": String(summary.firstTryCorrect), "total": String(summary.scenarioCount)]))
    console.line()
    _ = try prompter.ask(phrases.prompt(.summaryPrompt), help: phrases.text(.summaryHelp))

    while true {
      let answers = try DetailsScreen(
        console: console, prompter: prompter, classes: shown.catalog.school.classes,
        classLabel: shown.label(forClass:), kept: state.details
      ).run()
      guard let signature = try sign(answers, shown: shown, prompter: prompter) else {
        state.details.clear()
        continue
      }
      let details = PersonalDetails(
        parentName: answers.parentName, relationship: answers.relationship, signature: signature,
        children: answers.children)
      let english = content.english.catalog
      let draft = AcknowledgementDraft(
        session: session, context: context, guidanceSHA256: english.guidance.sha256,
        statement: english.school.statement, summary: summary,
        attempts: quiz.attempts, details: details, shown: shown.shown)
      let entry = try save(draft, phrases: phrases, prompter: prompter)
      showReceipt(entry, phrases: phrases)
      // The receipt is on screen: now the log can be copied into the database without a parent
      // waiting on it.
      environment.database.checkpointWAL()
      if kiosk != nil {
        // Already signed and saved: whatever happens at this prompt, the kiosk moves on.
        _ = try? prompter.ask(
          phrases.prompt(.receiptNotedPrompt), help: phrases.text(.receiptNotedHelp))
      }
      return entry
    }
  }

  /// Once the guidance (in the language shown) has changed, a parent who signed an older version
  /// can type their reference to see what is new before reading it all again.
  private func showChangesForReturningParent(_ shown: LocalisedContent, prompter: Prompter) throws {
    let language = shown.language.tag
    let versions = try environment.database.guidanceVersions(language: language)
    guard versions.count > 1 else { return }
    let phrases = prompter.phrases
    console.clearScreen()
    console.heading(phrases.text(.changesHeading))
    console.line()
    console.paragraph(phrases.text(.changesIntro))
    while true {
      let typed = try prompter.ask(
        phrases.prompt(.changesPrompt), kind: .personal, help: phrases.text(.changesHelp))
      if typed.isEmpty { return }
      guard let entry = try environment.database.entry(reference: typed),
        entry.kind == .acknowledgement
      else {
        console.line(phrases.text(.changesNotFound))
        continue
      }
      let signedSHA =
        language == LanguageTag.english
        ? entry.guidanceSHA256 : entry.shownGuidanceSHA256 ?? entry.guidanceSHA256
      if entry.languageShown != language {
        console.line()
        console.paragraph(phrases.text(.changesOtherLanguage))
      } else if let old = versions.first(where: { $0.sha256 == signedSHA }) {
        console.line()
        let before =
          language == LanguageTag.english
          ? Guidance(text: old.text)
          : Guidance(
            text: old.text, examplesFromList: shown.catalog.guidance.prohibitedListIndex ?? 0)
        let changes = GuidanceChanges(from: before, to: shown.catalog.guidance)
        if changes.isEmpty {
          console.paragraph(phrases.text(.changesNothing))
        } else {
          console.paragraph(phrases.text(.changesAdded))
          for item in changes.added { console.paragraph("+ \(item)", indent: 2, hanging: 2) }
          if !changes.removed.isEmpty {
            console.paragraph(phrases.text(.changesRemoved))
            for item in changes.removed { console.paragraph("- \(item)", indent: 2, hanging: 2) }
          }
        }
      } else {
        console.line(phrases.text(.changesNotFound))
        continue
      }
      console.line()
      _ = try prompter.ask(phrases.prompt(.changesReadPrompt), help: phrases.text(.changesReadHelp))
      return
    }
  }

  private func showGuidance(_ shown: LocalisedContent, prompter: Prompter) throws {
    let phrases = prompter.phrases
    let guidance = shown.catalog.guidance
    let screen = GuidanceScreen(console: console, guidance: guidance)
    let screens = screen.screens
    for (index, blocks) in screens.enumerated() {
      console.clearScreen()
      console.heading(
        phrases.text(
          .guidanceHeading,
          [
            "title": guidance.title, "number": String(index + 1),
            "total": String(screens.count),
          ]))
      console.line()
      screen.show(blocks)
      _ = try prompter.ask(
        phrases.prompt(index + 1 == screens.count ? .guidanceStartQuestions : .guidanceReadOn),
        help: phrases.text(.guidanceHelp))
    }
  }

  /// Shows the statement and takes the typed signature; nil when the parent wants to change details.
  private func sign(_ answers: DetailsScreen.Answers, shown: LocalisedContent, prompter: Prompter)
    throws -> String?
  {
    let phrases = prompter.phrases
    console.clearScreen()
    console.heading(phrases.text(.signHeading))
    console.line()
    console.paragraph("\(shown.catalog.school.statement)")
    console.line()
    var signature = ""
    while true {
      signature = try prompter.ask(
        phrases.prompt(.signPrompt), kind: .personal, help: phrases.text(.signHelp))
      if NameNormalisation.signatureMatches(signature, name: answers.parentName) { break }
      console.line(phrases.text(.signMismatch))
    }
    console.line()
    let confirmed = try prompter.askYesNo(
      phrases.prompt(.signConfirmPrompt), help: phrases.text(.signConfirmHelp))
    return confirmed ? NameNormalisation.tidy(signature) : nil
  }

  /// Appends to the ledger; when saving fails, says so plainly, keeps everything typed, and retries.
  private func save(_ draft: AcknowledgementDraft, phrases: Phrases, prompter: Prompter) throws
    -> LedgerEntry
  {
    let salt = environment.makeSalt()
    while true {
      do {
        return try environment.database.appendAcknowledgement(
          draft, key: environment.signingKey, at: environment.clock.now(), salt: salt)
      } catch let error as StoreError {
        console.line()
        console.paragraph(phrases.text(.storeCannotSave))
        console.paragraph("(\(error.localizedDescription))")
        _ = try prompter.ask(
          phrases.prompt(.storeRetryPrompt), help: phrases.text(.storeSaveRetryHelp))
      }
    }
  }

  private func showReceipt(_ entry: LedgerEntry, phrases: Phrases) {
    let signedAt = Timestamp.parseUTC(entry.recordedAt) ?? environment.clock.now()
    console.clearScreen()
    console.heading(phrases.text(.receiptHeading))
    console.line()
    console.paragraph(phrases.text(.receiptSaved))
    console.line()
    console.line(phrases.text(.receiptReference, ["reference": entry.displayReference]))
    console.line(
      phrases.text(
        .receiptSignedAt,
        ["time": Timestamp.local(signedAt, in: content.english.catalog.school.timeZone)]))
    console.line()
    console.paragraph(phrases.text(.receiptKeep))
    console.line()
  }
}
