import Foundation
import InductionCore
import TestSupport
import Testing

/// How long any one step (a prompt appearing, the program exiting) may take before a test fails.
let stepTimeout: TimeInterval = 10

/// A parent as the tests type them. The names are NFC, as a keyboard gives them.
enum Parent {
  static let name = "Zoë Ní Bhriain"
  static let child = "Siobhán O'Neil-Smith"
  static let className = "Reception (Blue)"
}

/// One test's own home and data folder, deleted when the test is done.
final class Sandbox {
  let root: URL
  let executable: URL
  /// A shared PostgreSQL database every command here uses, when set (else the SQLite file).
  var databaseURL: String?

  init() throws {
    executable = try BuiltBinary.induction()
    let template = FileManager.default.temporaryDirectory.appendingPathComponent(
      "induction-e2e.XXXXXX"
    ).path
    var bytes = Array(template.utf8CString)
    guard let made = mkdtemp(&bytes) else {
      throw BuiltBinaryError("could not make a temporary folder")
    }
    root = URL(fileURLWithPath: String(cString: made), isDirectory: true)
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    if TestEngine.default == .postgres {
      postgres = try PostgresTestServer.freshDatabase()
      databaseURL = postgres.map(PostgresTestServer.url(of:))
    }
  }

  /// The test's own PostgreSQL database, when the suites run on PostgreSQL.
  private(set) var postgres: PostgresLocation?

  deinit { try? FileManager.default.removeItem(at: root) }

  var home: URL { root.appendingPathComponent("home", isDirectory: true) }
  var dataDirectory: URL { root.appendingPathComponent("data", isDirectory: true) }
  var databasePath: String { dataDirectory.appendingPathComponent("induction.sqlite").path }

  /// A clean environment: a terminal that speaks UTF-8, and nothing from the developer's own setup.
  var environment: [String: String] {
    var environment = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "HOME": home.path,
      "XDG_DATA_HOME": home.appendingPathComponent(".local/share").path,
      "TERM": "xterm-256color",
      "LANG": "C.UTF-8",
      "INDUCTION_DATA_DIR": dataDirectory.path,
      "INDUCTION_SCENARIOS": BuiltBinary.scenariosDirectory.path,
    ]
    environment["INDUCTION_DATABASE_URL"] = databaseURL
    return environment
  }

  func startArguments(seed: UInt64) -> [String] {
    [
      "start", "--data-dir", dataDirectory.path, "--scenarios", BuiltBinary.scenariosDirectory.path,
      "--seed", String(seed),
    ]
  }

  /// `induction start` on a 100 × 40 pseudo-terminal.
  func startOnTerminal(seed: UInt64) throws -> PseudoTerminal {
    try PseudoTerminal(
      executable: executable.path, arguments: startArguments(seed: seed), environment: environment,
      columns: 100, rows: 40)
  }

  /// `induction admin` on a pseudo-terminal, once it shows its first prompt.
  func adminOnTerminal() throws -> PseudoTerminal {
    let terminal = try PseudoTerminal(
      executable: executable.path, arguments: ["admin", "--data-dir", dataDirectory.path],
      environment: environment)
    _ = try terminal.waitFor("admin> ")
    return terminal
  }

  /// `induction start` with pipes for standard input, output and error.
  func startPiped(seed: UInt64) throws -> PipedProgram {
    try PipedProgram(
      executable: executable.path, arguments: startArguments(seed: seed), environment: environment)
  }

  /// `induction verify --data-dir …`: exit status and standard output (trimmed).
  func verify() throws -> (status: Int32, output: String, error: String) {
    let result = try PipedProgram.run(
      executable.path, ["verify", "--data-dir", dataDirectory.path], environment: environment)
    return (
      result.status, result.output.trimmingCharacters(in: .whitespacesAndNewlines), result.error
    )
  }

  /// Runs one SQL statement with `sqlite3 -readonly` (or `psql` on the test's PostgreSQL
  /// database) and returns its output lines.
  func query(_ sql: String) throws -> [String] {
    if let postgres {
      return try PostgresTestServer.psql(postgres, "\(sql)").split(separator: "\n").map(String.init)
        .filter { !$0.isEmpty }
    }
    guard let sqlite3 = BuiltBinary.tool("sqlite3") else {
      throw BuiltBinaryError("the sqlite3 command-line tool is needed (apt-get install sqlite3)")
    }
    let result = try PipedProgram.run(
      sqlite3.path,
      ["-readonly", "-batch", "-noheader", "-cmd", ".timeout 5000", databasePath, sql],
      environment: environment)
    guard result.status == 0 else {
      throw BuiltBinaryError("sqlite3 failed (\(result.status)) on \(sql): \(result.error)")
    }
    return result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      .filter { !$0.isEmpty }
  }

  /// What `induction verify` prints for a sound ledger of `entries` entries (the genesis entry
  /// included), naming this data folder's key as the genesis key.
  func verifyOK(_ entries: Int) throws -> String {
    let raw = try Data(contentsOf: dataDirectory.appendingPathComponent("signing-key"))
    let fingerprint = KeyFingerprint.display(try SigningKey(rawRepresentation: raw).id)
    return "ok: \(entries) \(entries == 1 ? "entry" : "entries"); genesis key \(fingerprint)"
  }

  func count(_ table: String) throws -> Int {
    let lines = try query("SELECT count(*) FROM \(table);")
    guard lines.count == 1, let value = Int(lines[0]) else {
      throw BuiltBinaryError("unexpected count from \(table): \(lines)")
    }
    return value
  }
}

/// Knows the shipped scenarios, and so which displayed number is the right answer.
struct AnswerKey {
  let catalog: ScenarioCatalog
  /// How a question's heading starts, and marks a question asked again, in the language shown.
  var words = DisplayedQuestion.Words.english

  init() throws {
    catalog = try ScenarioLinter.load(directory: BuiltBinary.scenariosDirectory)
  }

  /// The key to the shipped scenarios in the translation `tag` (`pl`), with its heading words.
  init(language tag: String, words: DisplayedQuestion.Words) throws {
    let (content, _) = try ContentLinter.load(directory: BuiltBinary.scenariosDirectory)
    catalog = try #require(content.content(for: tag)).catalog
    self.words = words
  }

  var scenarioCount: Int { catalog.scenarios.count }

  /// The number on `screen` (plain text of one question) that carries the scenario's correct choice.
  func correctNumber(on screen: String) throws -> Int {
    let question = try #require(
      DisplayedQuestion(screen: screen, words: words), "no question heading on screen:\n\(screen)")
    let scenario = try #require(
      catalog.scenarios.first { $0.title == question.title }, "no scenario titled \(question.title)"
    )
    let correct = try #require(scenario.choices.first { $0.isCorrect })
    #expect(
      question.choices.count == scenario.choices.count, "choices on screen: \(question.choices)")
    let prefix = String(collapse(correct.text).prefix(25))
    let matches = question.choices.filter { collapse($0.text).hasPrefix(prefix) }
    try #require(
      matches.count == 1, "\(matches.count) choices on screen start with \"\(prefix)\":\n\(screen)")
    return matches[0].number
  }

  /// Some number on `screen` that carries a wrong choice.
  func wrongNumber(on screen: String) throws -> Int {
    let right = try correctNumber(on: screen)
    return right == 1 ? 2 : 1
  }
}

/// A question as shown: its title and its numbered choices (wrapped lines joined).
struct DisplayedQuestion {
  /// The words of a question's heading in one language: `Question 3 of 16, again: Title`.
  struct Words {
    var question: String
    var of: String
    var again: String

    static let english = Words(question: "Question ", of: " of ", again: ", again")
  }

  var title: String
  var isRetry: Bool
  var choices: [(number: Int, text: String)]

  init?(screen: String, words: Words = .english) {
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard
      let heading = lines.last(where: {
        $0.hasPrefix(words.question) && $0.contains(words.of) && $0.contains(": ")
      }),
      let colon = heading.range(of: ": ")
    else { return nil }
    title = String(heading[colon.upperBound...]).trimmingCharacters(in: .whitespaces)
    isRetry = heading[..<colon.lowerBound].hasSuffix(words.again)
    choices = []
    var open = false
    for line in lines.drop(while: { $0 != heading }) {
      if let match = line.firstMatch(of: /^  (\d+)\. (.*)$/), let number = Int(match.1) {
        choices.append((number, String(match.2)))
        open = true
      } else if open && line.hasPrefix("  ") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
        choices[choices.count - 1].text += " " + line.trimmingCharacters(in: .whitespaces)
      } else {
        open = false
      }
    }
  }
}

/// `text` with every run of white space made one space, trimmed.
func collapse(_ text: String) -> String {
  text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

/// The reference shown on a receipt line, e.g. `7K2M-9QXD` (Crockford base32: no I, L, O or U).
func displayedReference(in text: String) -> String? {
  text.firstMatch(of: /Your reference: ([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})/).map {
    String($0.1)
  }
}

/// Drives `induction start` through its screens, the same way whether on a terminal or a pipe.
struct InductionDriver {
  let program: InteractiveProgram
  let key: AnswerKey

  /// Presses Enter at the welcome and through every guidance screen.
  func readWelcomeAndGuidance() throws {
    try program.waitFor("Press Enter to begin: ", timeout: stepTimeout)
    try program.sendLine("")
    var screens = 0
    while true {
      let (index, _) = try program.waitFor(
        anyOf: ["Press Enter to read on: ", "Press Enter to start the questions: "],
        timeout: stepTimeout)
      screens += 1
      try program.sendLine("")
      if index == 1 { break }
      try #require(screens < 50, "the guidance never ends")
    }
    #expect(screens == 4)
  }

  /// Waits for the next question; returns its screen (plain text, from after the last prompt).
  func nextQuestion() throws -> String {
    let screen = try program.waitFor("Type the number of your answer (1-", timeout: stepTimeout)
    try program.waitFor("): ", timeout: stepTimeout)
    return screen
  }

  /// Answers the question on `screen` with `number`; checks the feedback and presses Enter.
  func answer(_ number: Int, expectRight: Bool) throws {
    try program.sendLine(String(number))
    let feedback = try program.waitFor("Press Enter to continue: ", timeout: stepTimeout)
    #expect(
      feedback.contains(expectRight ? "That's right." : "Not quite."), "feedback was:\n\(feedback)")
    try program.sendLine("")
  }

  /// Answers `count` questions correctly (all of them when nil), leaving the program at the next screen.
  @discardableResult
  func answerCorrectly(count: Int? = nil) throws -> Int {
    var answered = 0
    while count.map({ answered < $0 }) ?? true {
      if count == nil {
        let (index, screen) = try program.waitFor(
          anyOf: ["Type the number of your answer (1-", "Well done"], timeout: stepTimeout)
        if index == 1 { break }
        try program.waitFor("): ", timeout: stepTimeout)
        try answer(try key.correctNumber(on: screen), expectRight: true)
      } else {
        try answer(try key.correctNumber(on: try nextQuestion()), expectRight: true)
      }
      answered += 1
      try #require(answered <= key.scenarioCount, "more questions than scenarios")
    }
    return answered
  }

  /// Answers every question right first time and passes the "Well done" screen.
  func passQuiz() throws {
    let answered = try answerCorrectly()
    #expect(answered == key.scenarioCount)
    let summary = try program.waitFor("Press Enter to continue: ", timeout: stepTimeout)
    #expect(
      summary.contains("You got \(key.scenarioCount) of \(key.scenarioCount) right first time"),
      "summary was:\n\(summary)")
    try program.sendLine("")
  }

  /// Types the name (at a `Your full name: ` prompt already waited for), relationship and one child,
  /// and confirms. Returns the "Please check these details" screen.
  func enterDetailsAfterNamePrompt(name: String = Parent.name) throws -> String {
    try program.sendLine(name)
    try program.waitFor("Type a number (1-4): ", timeout: stepTimeout)
    try program.sendLine("1")
    try program.waitFor("Child 1, full name: ", timeout: stepTimeout)
    try program.sendLine(Parent.child)
    try program.waitFor("Child 1, class (number or name): ", timeout: stepTimeout)
    try program.sendLine(Parent.className)
    try program.waitFor(
      "Do you have another child at the school to add? (yes/no): ", timeout: stepTimeout)
    try program.sendLine("no")
    let check = try program.waitFor("Is this right? (yes/no): ", timeout: stepTimeout)
    try program.sendLine("yes")
    return check
  }

  /// Signs and waits for the receipt; returns the reference shown (with its hyphen).
  func signAndReadReference(name: String = Parent.name) throws -> String {
    try program.waitFor("To sign, type your full name as you gave it: ", timeout: stepTimeout)
    try program.sendLine(name)
    try program.waitFor(
      "Type yes to sign and save, or no to change your details: ", timeout: stepTimeout)
    try program.sendLine("yes")
    let receipt = try program.waitFor("Your reference: ", timeout: stepTimeout)
    let line = try program.waitFor("\n", timeout: stepTimeout)
    return try #require(
      displayedReference(in: receipt + line), "no reference in:\n\(receipt + line)")
  }

  /// The whole induction, answered right first time; returns the reference and the details check.
  func completeInduction() throws -> (reference: String, check: String) {
    try readWelcomeAndGuidance()
    try passQuiz()
    try program.waitFor("Your full name: ", timeout: stepTimeout)
    let check = try enterDetailsAfterNamePrompt()
    return (try signAndReadReference(), check)
  }
}

/// The lines after "Please check these details:" up to the next blank line.
func checkedDetails(in screen: String) -> [String] {
  guard let start = screen.range(of: "Please check these details:") else { return [] }
  return
    screen[start.upperBound...]
    .split(separator: "\n", omittingEmptySubsequences: false)
    .dropFirst()
    .prefix(while: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    .map(String.init)
}

/// The ledger rows that record what people did: every entry but the key entries (the genesis entry
/// is always seq 1).
let signedEntries = "ledger WHERE kind NOT IN ('genesis', 'key enrolment', 'key retirement')"

/// Checks the database and `verify` after a signed induction with `reference` on screen.
func expectSigned(_ sandbox: Sandbox, reference: String) throws {
  let stored = try sandbox.query("SELECT reference FROM \(signedEntries);")
  #expect(stored == [reference.replacingOccurrences(of: "-", with: "")])
  #expect(
    try sandbox.query("SELECT kind FROM ledger ORDER BY seq;") == ["genesis", "acknowledgement"])
  #expect(try sandbox.query("SELECT parent_name FROM personal_details;") == [Parent.name])
  #expect(try sandbox.query("SELECT relationship FROM personal_details;") == ["parent"])
  #expect(try sandbox.query("SELECT name FROM acknowledged_child;") == [Parent.child])
  #expect(try sandbox.query("SELECT class_name FROM acknowledged_child;") == [Parent.className])
  let verify = try sandbox.verify()
  #expect(verify.status == 0, "verify failed: \(verify.error)")
  #expect(verify.output == (try sandbox.verifyOK(2)))
}

/// Checks that nothing was signed: no ledger entry but the genesis, no personal details, and `verify` agrees.
func expectNothingSigned(_ sandbox: Sandbox) throws {
  #expect(try sandbox.count(signedEntries) == 0)
  #expect(try sandbox.count("personal_details") == 0)
  #expect(try sandbox.count("acknowledged_child") == 0)
  let verify = try sandbox.verify()
  #expect(verify.status == 0, "verify failed: \(verify.error)")
  #expect(verify.output == (try sandbox.verifyOK(1)))
}
