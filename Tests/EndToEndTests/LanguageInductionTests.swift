import Foundation
import InductionCore
import TestSupport
import Testing

/// A parent picks Polski at the welcome screen of the built binary on a real (pseudo) terminal,
/// completes the induction in Polish, and the export shows `pl` with the Polish guidance version.
/// And the line editor and tab completion work with Ł, ŵ and ñ.
@Suite("Inductions in another language", .hangGuard)
struct LanguageInductionTests {
  static let polishWords = DisplayedQuestion.Words(
    question: "Pytanie ", of: " z ", again: ", ponownie")

  @Test func aParentPicksPolskiCompletesTheInductionInPolishAndTheExportShowsPl() throws {
    let sandbox = try Sandbox()
    let terminal = try sandbox.startOnTerminal(seed: 21)
    let key = try AnswerKey(language: "pl", words: Self.polishWords)
    let (content, _) = try ContentLinter.load(directory: BuiltBinary.scenariosDirectory)
    let polish = try #require(content.content(for: "pl"))

    // Given the welcome screen, in English, listing the languages in their own names
    let welcome = try terminal.waitFor("Press Enter to begin: ", timeout: stepTimeout)
    #expect(welcome.contains("  1. English\n  2. Polski\n  3. Cymraeg\n"), "\(welcome)")
    // When the parent types 2
    try terminal.sendLine("2")
    // Then the welcome screen is shown again in Polish
    let powitanie = try terminal.waitFor(
      "Proszę nacisnąć Enter, aby rozpocząć: ", timeout: stepTimeout)
    #expect(powitanie.contains("Witamy w szkole Ashgate Nursery and Primary School"))
    #expect(powitanie.contains("odpowiedzą na 16 krótkich pytań o codzienne sytuacje,"))
    try terminal.sendLine("")

    // And the guidance is read in Polish, in four screens
    var screens = 0
    while true {
      let (index, screen) = try terminal.waitFor(
        anyOf: [
          "Proszę nacisnąć Enter, aby czytać dalej: ",
          "Proszę nacisnąć Enter, aby przejść do pytań: ",
        ], timeout: stepTimeout)
      screens += 1
      if screens == 1 { #expect(screen.contains("Media społecznościowe - wskazówki dla rodziców")) }
      try terminal.sendLine("")
      if index == 1 { break }
      try #require(screens < 10)
    }
    #expect(screens == 4)

    // And every question is answered, right first time, in Polish
    var answered = 0
    while true {
      let (index, screen) = try terminal.waitFor(
        anyOf: ["Proszę wpisać numer odpowiedzi (1-", "Bardzo dobrze"], timeout: stepTimeout)
      if index == 1 { break }
      try terminal.waitFor("): ", timeout: stepTimeout)
      try terminal.sendLine(String(try key.correctNumber(on: screen)))
      let feedback = try terminal.waitFor(
        "Proszę nacisnąć Enter, aby kontynuować: ", timeout: stepTimeout)
      #expect(feedback.contains("✓ Dobrze."), "\(feedback)")
      try terminal.sendLine("")
      answered += 1
      try #require(answered <= 16)
    }
    #expect(answered == 16)
    let summary = try terminal.waitFor(
      "Proszę nacisnąć Enter, aby kontynuować: ", timeout: stepTimeout)
    #expect(summary.contains("Dobre odpowiedzi za pierwszym razem: 16 z 16."))
    try terminal.sendLine("")

    // And the details are given, the class by its Polish label
    try terminal.waitFor("Imię i nazwisko: ", timeout: stepTimeout)
    try terminal.sendLine("Małgorzata Wiśniewska")
    try terminal.waitFor("Proszę wpisać numer (1-4): ", timeout: stepTimeout)
    try terminal.sendLine("1")
    try terminal.waitFor("Dziecko 1, imię i nazwisko: ", timeout: stepTimeout)
    try terminal.sendLine("Łukasz Wiśniewski")
    let classes = try terminal.waitFor(
      "Dziecko 1, klasa (numer lub nazwa): ", timeout: stepTimeout)
    #expect(classes.contains("  2. Zerówka (Niebieska)\n"))
    try terminal.sendLine("zerówka (niebieska)")
    try terminal.waitFor(
      "Czy chcą Państwo dodać kolejne dziecko z tej szkoły? (tak/nie): ", timeout: stepTimeout)
    try terminal.sendLine("nie")
    let check = try terminal.waitFor("Czy dane są poprawne? (tak/nie): ", timeout: stepTimeout)
    #expect(check.contains("  Państwo: Małgorzata Wiśniewska (rodzic)\n"))
    #expect(check.contains("  Dziecko: Łukasz Wiśniewski, Zerówka (Niebieska)\n"))
    try terminal.sendLine("tak")

    // And the Polish statement is signed
    let statement = try terminal.waitFor(
      "Aby podpisać, proszę wpisać swoje imię i nazwisko tak jak wcześniej: ",
      timeout: stepTimeout)
    #expect(collapse(statement).contains(collapse(polish.catalog.school.statement)))
    try terminal.sendLine("małgorzata wiśniewska")
    try terminal.waitFor(
      "Proszę wpisać tak, aby podpisać i zapisać, albo nie, aby zmienić dane: ",
      timeout: stepTimeout)
    try terminal.sendLine("tak")
    let receipt = try terminal.waitFor("Numer potwierdzenia: ", timeout: stepTimeout)
    #expect(receipt.contains("Państwa potwierdzenie zostało podpisane i zapisane."))
    let line = try terminal.waitFor("\n", timeout: stepTimeout)
    let reference = try #require(
      line.firstMatch(of: /([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})/).map { String($0.1) })
    #expect(try terminal.waitForExit(timeout: stepTimeout) == 0)

    // Then the ledger holds a Polish acknowledgement of the Polish text, and the English originals
    let english = content.english.catalog
    #expect(
      try sandbox.query(
        "SELECT reference, language, shown_guidance_sha256, shown_statement_sha256, guidance_sha256, statement_sha256 FROM \(signedEntries);"
      ) == [
        [
          reference.replacingOccurrences(of: "-", with: ""), "pl", polish.catalog.guidance.sha256,
          Digest.sha256Hex(polish.catalog.school.statement), english.guidance.sha256,
          english.school.statementSHA256,
        ].joined(separator: "|")
      ])
    #expect(try sandbox.query("SELECT language FROM session;") == ["pl"])
    #expect(
      try sandbox.query("SELECT name, class_name FROM acknowledged_child;") == [
        "Łukasz Wiśniewski|Reception (Blue)"
      ])
    #expect(try sandbox.query("SELECT relationship FROM personal_details;") == ["parent"])
    let verify = try sandbox.verify()
    #expect(verify.status == 0, "verify failed: \(verify.error)")
    #expect(verify.output == (try sandbox.verifyOK(2)))

    // And the export shows pl, with the Polish guidance version, current
    let export = try sandbox.induction(["export", "acknowledgements", "--out", "-"])
    #expect(export.status == 0, "\(export.error)")
    let rows = export.output.split(separator: "\r\n").map(String.init)
    #expect(rows.count == 2)
    #expect(
      rows.last?.hasSuffix(
        ",Małgorzata Wiśniewska,parent,Łukasz Wiśniewski,Reception (Blue),1 (\(polish.catalog.guidance.sha256.prefix(12))),current,16/16,Terminal,pl"
      ) == true, "\(rows)")
    #expect(rows.last?.hasPrefix(reference + ",") == true)
  }

  @Test func theLineEditorAndTabCompletionWorkWithPolishWelshAndSpanishLetters() throws {
    // Given a school whose classes are Łabędzie, Ŵyn Bach and Año 1 (English only)
    let sandbox = try Sandbox()
    let scenarios = sandbox.root.appendingPathComponent("Scenarios", isDirectory: true)
    try FileManager.default.copyItem(at: BuiltBinary.scenariosDirectory, to: scenarios)
    try FileManager.default.removeItem(at: scenarios.appendingPathComponent("translations"))
    let schoolFile = scenarios.appendingPathComponent("school.yaml")
    let school = try String(contentsOf: schoolFile, encoding: .utf8)
    let classes = try #require(school.range(of: "classes:"))
    try Data(
      (school[..<classes.lowerBound] + "classes:\n  - Łabędzie\n  - Ŵyn Bach\n  - Año 1\n").utf8
    ).write(to: schoolFile)
    let terminal = try InteractivePseudoTerminal(sandbox, scenarios: scenarios)
    let driver = InductionDriver(program: terminal.program, key: try AnswerKey())
    try driver.readWelcomeAndGuidance()
    try driver.passQuiz()
    let program = terminal.program
    let (left, backspace, tab) = ("\u{1B}[D", "\u{7F}", "\t")

    // When the parent's name is typed with a slip erased, and the cursor moved back over "ñ" to
    // retype the letter before it
    try program.waitFor("Your full name: ", timeout: stepTimeout)
    try program.send("Łx" + backspace + "ukasz Muxñoz")
    try program.send(left + left + left + backspace)
    try program.sendLine("")
    try program.waitFor("Type a number (1-4): ", timeout: stepTimeout)
    try program.sendLine("1")
    // And a child's name ends in "ñ" erased with one key press
    try program.waitFor("Child 1, full name: ", timeout: stepTimeout)
    try program.sendLine("Siân Ŵyñ" + backspace + "n")
    // And each class is completed with Tab from its first letter, typed in lower case
    try program.waitFor("Child 1, class (number or name): ", timeout: stepTimeout)
    try program.send("ł" + tab)
    try program.waitFor("Łabędzie", timeout: stepTimeout)
    try program.sendLine("")
    try program.waitFor("(yes/no): ", timeout: stepTimeout)
    try program.sendLine("yes")
    try program.waitFor("Child 2, full name: ", timeout: stepTimeout)
    try program.sendLine("Ŵil Ŵyn")
    try program.waitFor("Child 2, class (number or name): ", timeout: stepTimeout)
    try program.send("ŵ" + tab)
    try program.waitFor("Ŵyn Bach", timeout: stepTimeout)
    try program.sendLine("")
    try program.waitFor("(yes/no): ", timeout: stepTimeout)
    try program.sendLine("yes")
    try program.waitFor("Child 3, full name: ", timeout: stepTimeout)
    try program.sendLine("Nuño Muñoz")
    try program.waitFor("Child 3, class (number or name): ", timeout: stepTimeout)
    try program.send("añ" + tab)
    try program.waitFor("Año 1", timeout: stepTimeout)
    try program.sendLine("")
    try program.waitFor("(yes/no): ", timeout: stepTimeout)
    try program.sendLine("no")

    // Then the details shown are exactly what was meant
    let check = try program.waitFor("Is this right? (yes/no): ", timeout: stepTimeout)
    #expect(
      checkedDetails(in: check) == [
        "  You: Łukasz Muñoz (parent)", "  Child: Siân Ŵyn, Łabędzie",
        "  Child: Ŵil Ŵyn, Ŵyn Bach", "  Child: Nuño Muñoz, Año 1",
      ], "\(check)")
    try program.sendLine("yes")
    _ = try driver.signAndReadReference(name: "ŁUKASZ MUÑOZ")
    #expect(try program.waitForExit(timeout: stepTimeout) == 0)
    // And they are stored so
    #expect(try sandbox.query("SELECT parent_name FROM personal_details;") == ["Łukasz Muñoz"])
    #expect(
      try sandbox.query("SELECT name, class_name FROM acknowledged_child ORDER BY position;") == [
        "Siân Ŵyn|Łabędzie", "Ŵil Ŵyn|Ŵyn Bach", "Nuño Muñoz|Año 1",
      ])
  }

  @Test func lintReportsThePacksAndNamesOneThatFailsAtItsLine() throws {
    // Given the shipped scenarios
    let sandbox = try Sandbox()
    // When they are linted
    let shipped = try sandbox.induction(["scenarios", "lint"])
    // Then English and both packs pass, and lint says which languages are offered
    #expect(shipped.status == 0, "\(shipped.error)")
    let folder = BuiltBinary.scenariosDirectory.path
    #expect(
      shipped.output == """
        ok: 16 scenarios cover all 8 prohibited examples
        ok: Welsh (cy, Cymraeg) in \(folder)/translations/cy is offered
        ok: Polish (pl, Polski) in \(folder)/translations/pl is offered

        """)

    // Given a copy whose Polish scenario 03 marks another choice correct
    let scenarios = sandbox.root.appendingPathComponent("Scenarios", isDirectory: true)
    try FileManager.default.copyItem(at: BuiltBinary.scenariosDirectory, to: scenarios)
    let file = scenarios.appendingPathComponent("translations/pl/03-biting-in-nursery.yaml")
    let text = try String(contentsOf: file, encoding: .utf8)
    try Data(
      text.replacingOccurrences(of: "    correct: true\n", with: "")
        .replacingOccurrences(
          of: "  - text: Dodać tylko", with: "  - correct: true\n    text: Dodać tylko"
        ).utf8
    ).write(to: file)
    // When it is linted
    let broken = try sandbox.induction(["scenarios", "lint", scenarios.path])
    // Then the misalignment is named at its file and line, the pack is not offered, and lint fails
    #expect(broken.status == 1)
    #expect(
      broken.error == """
        \(scenarios.path)/translations/pl/03-biting-in-nursery.yaml:15: choice 2 is marked correct where the English scenario marks choice 3; keep the choices in the English order
        induction: 1 problem in \(scenarios.path); fix them and run this again

        """)
    #expect(
      broken.output.contains("not offered: \(scenarios.path)/translations/pl (1 problem above)"))
    #expect(broken.output.contains("ok: Welsh (cy, Cymraeg)"))
  }

  @Test func startInALanguageThatIsNotOfferedIsRefusedNamingThoseThatAre() throws {
    // Given the shipped scenarios
    let sandbox = try Sandbox()
    // When a parent session is asked for in German
    let result = try sandbox.induction(["start", "--language", "de"])
    // Then it is refused, listing the languages offered, and nothing is started
    #expect(result.status != 0)
    #expect(
      result.error
        == "induction: --language de is not offered (offered: en, pl, cy); a translation is offered when its folder in translations/ passes `induction scenarios lint`\n"
    )
    // And nothing is started: nothing shown, and the store not even opened
    #expect(result.output.isEmpty)
    if sandbox.databaseURL == nil {
      #expect(!FileManager.default.fileExists(atPath: sandbox.databasePath))
    } else {
      #expect(
        try sandbox.query(
          "SELECT count(*) FROM information_schema.tables WHERE table_name = 'session';") == ["0"])
    }
  }

  @Test func startWithLanguageBeginsInThatLanguageThroughAPipe() throws {
    // Given `induction start --language cy` with its input piped
    let sandbox = try Sandbox()
    let program = try PipedProgram(
      executable: sandbox.executable.path,
      arguments: sandbox.startArguments(seed: 5) + ["--language", "cy"],
      environment: sandbox.environment)
    // Then the welcome screen is in Welsh
    let welcome = try program.waitFor("Pwyswch Enter i ddechrau: ", timeout: stepTimeout)
    #expect(welcome.contains("Croeso i Ashgate Nursery and Primary School"))
    // And ending the input cancels in Welsh, with nothing signed
    program.closeInput()
    #expect(try program.waitForExit(timeout: stepTimeout) == 3)
    #expect(program.output.contains("Wedi'i ganslo. Does dim wedi'i lofnodi na'i gadw."))
    try expectNothingSigned(sandbox)
  }
}

/// `induction start` on a pseudo-terminal with another scenarios folder.
struct InteractivePseudoTerminal {
  let program: PseudoTerminal

  init(_ sandbox: Sandbox, scenarios: URL) throws {
    var environment = sandbox.environment
    environment["INDUCTION_SCENARIOS"] = scenarios.path
    program = try PseudoTerminal(
      executable: sandbox.executable.path,
      arguments: [
        "start", "--data-dir", sandbox.dataDirectory.path, "--scenarios", scenarios.path,
        "--seed", "31",
      ], environment: environment, columns: 100, rows: 40)
  }
}
