import Foundation
import InductionCore

/// One parent's induction: welcome, guidance, quiz, details, statement, signature, receipt.
///
/// Nothing is signed until the parent confirms, and the receipt is shown only after the ledger
/// append has committed (durably, `synchronous=FULL`), so a reference on screen is always stored.
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
  let catalog: ScenarioCatalog
  let guidanceText: String
  let context: SessionContext
  let kiosk: KioskOptions?

  /// Creates the flow for one parent; `kiosk` is set when it runs inside a kiosk.
  public init(
    environment: Environment, catalog: ScenarioCatalog, guidanceText: String,
    context: SessionContext,
    kiosk: KioskOptions? = nil
  ) {
    self.environment = environment
    self.catalog = catalog
    self.guidanceText = guidanceText
    self.context = context
    self.kiosk = kiosk
  }

  var console: Console { environment.console }
  var prompter: Prompter {
    Prompter(reader: environment.reader, console: console, guidance: catalog.guidance)
  }

  /// Runs until the parent signs, cancels, or the session is ended; Ctrl-C then "yes" starts over.
  public func run() throws -> ParentOutcome {
    while true {
      var session: Int64?
      environment.reader.idleTimeout = nil
      defer { environment.reader.idleTimeout = nil }
      do {
        try welcome()
        environment.reader.idleTimeout = kiosk?.idleTimeout
        session = try startSession()
        let entry = try induct(session: session!)
        return .signed(entry)
      } catch let exit as FlowExit {
        let outcome: SessionOutcome
        switch exit {
        case .startOver: outcome = .restarted
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
        case .startOver:
          environment.reader.forgetHistory()
          console.clearScreen()
          continue
        case .cancelled:
          console.line()
          console.line("Cancelled. Nothing has been signed or saved.")
          return .cancelled
        case .terminated:
          console.line()
          console.line("This session was closed. Nothing has been signed.")
          return .terminated
        case .timedOut:
          return .timedOut
        case .staffRequested:
          return .staffRequested
        }
      }
    }
  }

  /// Starts the session record; when the database cannot be written, says so plainly and waits for
  /// staff, so a kiosk never dies in front of a parent.
  private func startSession() throws -> Int64 {
    while true {
      do {
        return try environment.database.startSession(
          context: context, guidance: catalog.guidance, guidanceText: guidanceText,
          at: environment.clock.now())
      } catch let error as StoreError {
        console.line()
        console.paragraph(
          "Sorry, this computer cannot save anything just now, so the induction cannot start. Please ask a member of staff."
        )
        console.paragraph("(\(error.localizedDescription))")
        _ = try prompter.ask("Press Enter to try again: ", help: "Press Enter to try again.")
      }
    }
  }

  private func welcome() throws {
    console.clearScreen()
    console.heading("Welcome to \(catalog.school.name)")
    console.line()
    console.paragraph("This short induction takes about ten minutes. You will:")
    console.line("  1. read the school's guidance on social media,")
    console.line(
      "  2. answer \(catalog.scenarios.count) short questions about everyday situations,")
    console.line("  3. sign to say you have read and understood it.")
    console.line()
    console.paragraph(
      "At any question you can type \"help\", or \"guidance\" to read the guidance again.")
    console.line()
    let typed = try prompter.ask(
      "Press Enter to begin: ", help: "Press Enter to start the induction.")
    if let kiosk, typed == kiosk.staffWord { throw FlowExit.staffRequested }
  }

  private func induct(session: Int64) throws -> LedgerEntry {
    try showChangesForReturningParent()
    try showGuidance()
    let quiz = try QuizScreen(environment: environment, prompter: prompter, session: session)
      .run(scenarios: catalog.scenarios)
    let summary = quiz.summary
    console.clearScreen()
    console.heading("Well done")
    console.line()
    console.paragraph(
      "You got \(summary.firstTryCorrect) of \(summary.scenarioCount) right first time, and every one right in the end."
    )
    console.line()
    _ = try prompter.ask("Press Enter to continue: ", help: "Press Enter to go on to signing.")

    while true {
      let answers = try DetailsScreen(
        console: console, prompter: prompter, classes: catalog.school.classes
      ).run()
      guard let signature = try sign(answers) else { continue }
      let details = PersonalDetails(
        parentName: answers.parentName, relationship: answers.relationship, signature: signature,
        children: answers.children)
      let draft = AcknowledgementDraft(
        session: session, context: context, guidanceSHA256: catalog.guidance.sha256,
        statement: catalog.school.statement, summary: summary,
        attempts: quiz.attempts, details: details)
      let entry = try save(draft)
      showReceipt(entry)
      // The receipt is on screen: now the log can be copied into the database without a parent
      // waiting on it.
      environment.database.checkpointWAL()
      if kiosk != nil {
        // Already signed and saved: whatever happens at this prompt, the kiosk moves on.
        _ = try? prompter.ask(
          "Press Enter when you have noted your reference: ",
          help: "Press Enter to finish. The screen will be cleared for the next person.")
      }
      return entry
    }
  }

  /// Once the guidance has changed, a parent who signed an older version can type their reference
  /// to see what is new before reading it all again.
  private func showChangesForReturningParent() throws {
    let versions = try environment.database.guidanceVersions()
    guard versions.count > 1 else { return }
    console.clearScreen()
    console.heading("The guidance has been updated")
    console.line()
    console.paragraph(
      "If you have signed before, type the reference from your receipt to see what has changed. Otherwise just press Enter."
    )
    while true {
      let typed = try prompter.ask(
        "Your reference, or Enter: ", kind: .personal,
        help:
          "Your reference is 8 letters and numbers, like 7K3M-Q9TZ. If you do not have it, press Enter."
      )
      if typed.isEmpty { return }
      guard let entry = try environment.database.entry(reference: typed),
        entry.kind == .acknowledgement,
        let old = versions.first(where: { $0.sha256 == entry.guidanceSHA256 })
      else {
        console.line("That reference was not found. Check it, or press Enter to carry on.")
        continue
      }
      let changes = GuidanceChanges(from: Guidance(text: old.text), to: catalog.guidance)
      console.line()
      if changes.isEmpty {
        console.paragraph(
          "Nothing has changed since you signed. Please read it again and answer the questions.")
      } else {
        console.paragraph("Since you signed, this is new:")
        for item in changes.added { console.paragraph("+ \(item)", indent: 2, hanging: 2) }
        if !changes.removed.isEmpty {
          console.paragraph("And this has been taken out:")
          for item in changes.removed { console.paragraph("- \(item)", indent: 2, hanging: 2) }
        }
      }
      console.line()
      _ = try prompter.ask(
        "Press Enter to read the full guidance: ", help: "Press Enter to carry on.")
      return
    }
  }

  private func showGuidance() throws {
    let screen = GuidanceScreen(console: console, guidance: catalog.guidance)
    let screens = screen.screens
    for (index, blocks) in screens.enumerated() {
      console.clearScreen()
      console.heading("\(catalog.guidance.title) (\(index + 1) of \(screens.count))")
      console.line()
      screen.show(blocks)
      _ = try prompter.ask(
        index + 1 == screens.count
          ? "Press Enter to start the questions: " : "Press Enter to read on: ",
        help: "Press Enter to read the next part of the guidance.")
    }
  }

  /// Shows the statement and takes the typed signature; nil when the parent wants to change details.
  private func sign(_ answers: DetailsScreen.Answers) throws -> String? {
    console.clearScreen()
    console.heading("Your acknowledgement")
    console.line()
    console.paragraph("\(catalog.school.statement)")
    console.line()
    var signature = ""
    while true {
      signature = try prompter.ask(
        "To sign, type your full name as you gave it: ", kind: .personal,
        help:
          "Type your full name exactly as you gave it before (capital letters do not matter). This is your signature."
      )
      if NameNormalisation.signatureMatches(signature, name: answers.parentName) { break }
      console.line("That does not match the name you gave. Please type your full name again.")
    }
    console.line()
    let confirmed = try prompter.askYesNo(
      "Type yes to sign and save, or no to change your details: ",
      help:
        "Type yes to sign the statement. Type no to go back and change your details; nothing is saved until you type yes."
    )
    return confirmed ? NameNormalisation.tidy(signature) : nil
  }

  /// Appends to the ledger; when saving fails, says so plainly, keeps everything typed, and retries.
  private func save(_ draft: AcknowledgementDraft) throws -> LedgerEntry {
    let salt = environment.makeSalt()
    while true {
      do {
        return try environment.database.appendAcknowledgement(
          draft, key: environment.signingKey, at: environment.clock.now(), salt: salt)
      } catch let error as StoreError {
        console.line()
        console.paragraph(
          "Sorry, your acknowledgement could not be saved, so it is not signed yet. Please ask a member of staff."
        )
        console.paragraph("(\(error.localizedDescription))")
        _ = try prompter.ask(
          "Press Enter to try again: ",
          help: "Press Enter to try saving again. Your answers are kept.")
      }
    }
  }

  private func showReceipt(_ entry: LedgerEntry) {
    let signedAt = Timestamp.parseUTC(entry.recordedAt) ?? environment.clock.now()
    console.clearScreen()
    console.heading("Thank you")
    console.line()
    console.paragraph("Your acknowledgement is signed and saved.")
    console.line()
    console.line("  Your reference: \(trusted: entry.displayReference)")
    console.line("  Signed: \(Timestamp.local(signedAt, in: catalog.school.timeZone))")
    console.line()
    console.paragraph(
      "Please write the reference down or take a photo of it. The office can use it to find your acknowledgement."
    )
    console.line()
  }
}
