import Foundation
import InductionCore
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// MARK: - What the fault and load suites share
//
// The Fault*Tests suites drive the built binary hard: killed mid-signing, four kiosks at once, a
// database locked by another program, a full disk, files it cannot use. They share the pieces in
// this file: a signing *script* (every line a parent types, known in advance, so a whole induction
// can be piped in one go instead of prompt by prompt), and checks of the ledger's invariants through
// the `sqlite3` shell and `induction verify`.

/// Knobs for the long versions (defaults keep `swift test` to a couple of minutes).
enum FaultSettings {
  /// `INDUCTION_FAULT_ITERATIONS`: kill -9 iterations (default 100, about 10 s; 1,000 for the long run).
  static var killIterations: Int { positive("INDUCTION_FAULT_ITERATIONS") ?? 100 }
  /// `INDUCTION_LOAD_SIGNINGS`: signings per writer process in the load test (default 250, the 1,000 entries in all).
  static var signingsPerWriter: Int { positive("INDUCTION_LOAD_SIGNINGS") ?? 250 }
  /// `INDUCTION_FAULT_SEED`: the seed of the kill -9 moments (default fixed, so a failure repeats).
  static var seed: UInt64 {
    ProcessInfo.processInfo.environment["INDUCTION_FAULT_SEED"].flatMap(UInt64.init)
      ?? 0x1D_C7_10_4E
  }

  /// A time limit that grows with the long versions (the base is long for the reason
  /// `hangGuard` gives).
  static func timeLimit(minutes base: Int, perExtra: Double, extra: Int) -> TimeLimitTrait {
    .timeLimit(.minutes(base + Int((perExtra * Double(max(0, extra))).rounded(.up))))
  }

  private static func positive(_ name: String) -> Int? {
    guard let text = ProcessInfo.processInfo.environment[name], let value = Int(text), value > 0
    else { return nil }
    return value
  }
}

/// The seed the program is started with (`--seed`) in the fault suites: every session of it, in
/// `start` or `kiosk`, shuffles the questions the same way, so one script fits every session.
let scriptSeed: UInt64 = 606

/// Every line a parent types for one signing with `--seed` ``scriptSeed``, learned once per test
/// run by driving one induction prompt by prompt with the ``AnswerKey``.
struct SigningScript: Sendable {
  /// How many guidance screens there are (Enter on each).
  let guidanceScreens: Int
  /// The right answer's number for each question, in the order asked.
  let answers: [Int]

  /// The lines up to and including the typed signature; the program then asks
  /// "Type yes to sign and save, or no to change your details: ".
  func untilConfirmation(
    name: String = Parent.name, child: String = Parent.child, className: String = Parent.className
  )
    -> [String]
  {
    var lines = [""] + Array(repeating: "", count: guidanceScreens)
    for number in answers { lines += [String(number), ""] }
    lines.append("")  // "Well done"
    // The details: parent, relationship, one child, check.
    lines += [name, "1", child, className, "no", "yes"]
    lines.append(name)  // the signature
    return lines
  }

  /// A whole signing; in a kiosk, also the Enter after the receipt.
  func signing(
    name: String = Parent.name, child: String = Parent.child, className: String = Parent.className,
    kiosk: Bool = false
  ) -> [String] {
    untilConfirmation(name: name, child: child, className: className) + ["yes"]
      + (kiosk ? [""] : [])
  }

  /// `lines` as the bytes piped in.
  static func text(_ lines: [String]) -> String { lines.map { $0 + "\n" }.joined() }

  /// The script, learned on first use (about a second) and shared by every suite.
  static func learned() throws -> SigningScript {
    try cache.get { try learn() }
  }

  private static let cache = Once<SigningScript>()

  private static func learn() throws -> SigningScript {
    let sandbox = try Sandbox()
    let program = try sandbox.startPiped(seed: scriptSeed)
    let key = try AnswerKey()
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
      guard screens < 50 else { throw ProgramDriverError("the guidance never ends") }
    }
    var answers: [Int] = []
    while true {
      let (index, screen) = try program.waitFor(
        anyOf: ["Type the number of your answer (1-", "Well done"], timeout: stepTimeout)
      if index == 1 { break }
      try program.waitFor("): ", timeout: stepTimeout)
      let number = try key.correctNumber(on: screen)
      answers.append(number)
      try program.sendLine(String(number))
      try program.waitFor("Press Enter to continue: ", timeout: stepTimeout)
      try program.sendLine("")
      guard answers.count <= key.scenarioCount else {
        throw ProgramDriverError("more questions than scenarios")
      }
    }
    program.closeInput()
    _ = try program.waitForExit(timeout: stepTimeout)
    return SigningScript(guidanceScreens: screens, answers: answers)
  }
}

/// A value computed once, on first use, by whichever test needs it first; a failure is remembered.
final class Once<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<Value, any Error>?

  func get(_ make: () throws -> Value) throws -> Value {
    lock.lock()
    defer { lock.unlock() }
    if result == nil { result = Result { try make() } }
    return try result!.get()
  }
}

// MARK: - Running programs

/// Runs `executable` with `input` piped to its standard input, to the end.
func runWithInput(
  _ executable: String, _ arguments: [String], input: String, environment: [String: String],
  timeout: TimeInterval = 30
) throws -> (status: Int32, output: String, error: String) {
  let program = try PipedProgram(
    executable: executable, arguments: arguments, environment: environment)
  try program.send(input)
  program.closeInput()
  let status = try program.waitForExit(timeout: timeout)
  return (status, program.output, program.errorOutput)
}

/// Whether the tests run as root, where file modes do not stop writes.
var runningAsRoot: Bool { geteuid() == 0 }

extension Sandbox {
  /// `induction staff set-pin` with a PIN typed twice through a pipe (creates the database and key).
  func setFaultSuitePin() throws {
    let result = try runWithInput(
      executable.path, ["staff", "set-pin", "--data-dir", dataDirectory.path],
      input: "482915\n482915\n",
      environment: environment, timeout: 60)
    guard result.status == 0 else {
      throw BuiltBinaryError("staff set-pin failed (\(result.status)): \(result.error)")
    }
  }

  /// The arguments of `induction kiosk` at `station` with `--seed` ``scriptSeed``.
  func faultKioskArguments(station: String) -> [String] {
    [
      "kiosk", "--station", station, "--data-dir", dataDirectory.path, "--scenarios",
      BuiltBinary.scenariosDirectory.path,
      "--seed", String(scriptSeed),
    ]
  }

  /// `sqlite3 DB SQL` (read-write), for changes a test makes behind the program's back.
  func sqlite(_ sql: String) throws -> String {
    let sqlite3 = try #require(
      BuiltBinary.tool("sqlite3"), "the sqlite3 command-line tool is needed")
    let result = try PipedProgram.run(
      sqlite3.path, ["-batch", "-cmd", ".timeout 5000", databasePath, sql], environment: environment
    )
    guard result.status == 0 else {
      throw BuiltBinaryError("sqlite3 failed (\(result.status)) on \(sql): \(result.error)")
    }
    return result.output
  }

  /// `PRAGMA integrity_check`'s answer, one line per problem ("ok" when none).
  func integrityCheck() throws -> [String] { try query("PRAGMA integrity_check;") }

  /// The ledger's references (stored without the hyphen), in `seq` order.
  func storedReferences() throws -> [String] {
    try query("SELECT reference FROM \(signedEntries) ORDER BY seq;")
  }

  /// Every way the tables can disagree after a crash, each with how many rows show it; empty when
  /// none: half records (personal details without their ledger row or the reverse, children without
  /// details), ledger rows whose session is not 'signed', signed sessions without their entry, gaps
  /// in `seq`, and two entries chained to the same predecessor (a fork).
  /// With `sessions` false (a ledger seeded through the batch API, which starts no sessions), the
  /// checks against table `session` are left out.
  func ledgerInvariantProblems(sessions: Bool = true) throws -> [String] {
    var checks: [(String, String)] = [
      (
        "personal details without their ledger row",
        "SELECT count(*) FROM personal_details p WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.seq = p.ledger_seq)"
      ),
      (
        "acknowledgements without personal details",
        "SELECT count(*) FROM ledger l WHERE l.kind = 'acknowledgement' AND NOT EXISTS (SELECT 1 FROM personal_details p WHERE p.ledger_seq = l.seq)"
      ),
      (
        "children without personal details",
        "SELECT count(*) FROM acknowledged_child c WHERE NOT EXISTS (SELECT 1 FROM personal_details p WHERE p.ledger_seq = c.ledger_seq)"
      ),
      (
        "personal details without any child",
        "SELECT count(*) FROM personal_details p WHERE NOT EXISTS (SELECT 1 FROM acknowledged_child c WHERE c.ledger_seq = p.ledger_seq)"
      ),
      (
        "acknowledgements whose session is not 'signed'",
        "SELECT count(*) FROM ledger l WHERE l.kind = 'acknowledgement' AND NOT EXISTS (SELECT 1 FROM session s WHERE s.ledger_seq = l.seq AND s.outcome = 'signed')"
      ),
      (
        "'signed' sessions without their ledger row",
        "SELECT count(*) FROM session s WHERE s.outcome = 'signed' AND NOT EXISTS (SELECT 1 FROM ledger l WHERE l.seq = s.ledger_seq)"
      ),
    ]
    if !sessions { checks.removeAll { $0.0.contains("session") } }
    checks += [
      (
        "gaps in seq",
        "SELECT coalesce(max(seq), 0) - count(*) + (CASE WHEN count(*) > 0 AND min(seq) <> 1 THEN 1 ELSE 0 END) FROM ledger"
      ),
      (
        "entries chained to the same predecessor",
        "SELECT count(*) - count(DISTINCT prev_hash) FROM ledger"
      ),
    ]
    let sql = "SELECT " + checks.map { "(\($0.1))" }.joined(separator: " || '|' || ") + ";"
    let lines = try query(sql)
    let counts = try #require(lines.first, "no answer to \(sql)").split(separator: "|").map {
      Int($0) ?? -1
    }
    try #require(counts.count == checks.count, "unexpected answer \(lines)")
    return zip(checks, counts).filter { $0.1 != 0 }.map { "\($0.1) \($0.0.0)" }
  }

  /// Checks, after everything is over, what must hold whatever happened: no half records,
  /// `PRAGMA integrity_check` ok, and `induction verify` ok with `entries` entries.
  func expectLedgerWhole(entries: Int, sessions: Bool = true, _ comment: String = "") throws {
    let problems = try ledgerInvariantProblems(sessions: sessions)
    #expect(problems == [], "\(comment)")
    #expect(try integrityCheck() == ["ok"], "\(comment)")
    let verify = try verify()
    #expect(verify.status == 0, "verify failed: \(verify.error) \(comment)")
    // `entries` counts what people did; the genesis entry comes first.
    #expect(verify.output == (try verifyOK(entries + 1)), "\(comment)")
  }

  /// Every file in `folder` (not recursing) with its bytes.
  func snapshot(of folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return files
  }
}

/// The `Your reference: XXXX-XXXX` values in `text`, without the hyphen as the ledger stores them.
func shownReferences(in text: String) -> [String] {
  text.matches(of: /Your reference: ([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})/).map {
    String($0.1) + String($0.2)
  }
}

// MARK: - The script itself

@Suite("Fault suite: the scripted signing", .hangGuard)
struct FaultScriptTests {
  @Test func theScriptPipedInOneGoSignsOnceWithTheDetailsTyped() throws {
    // Given the script learned for --seed 606
    let script = try SigningScript.learned()
    #expect(script.answers.count == (try AnswerKey()).scenarioCount)

    // When the whole signing is piped into a new `induction start` in one write
    let sandbox = try Sandbox()
    let program = try sandbox.startPiped(seed: scriptSeed)
    try program.send(SigningScript.text(script.signing()))
    program.closeInput()
    #expect(try program.waitForExit(timeout: 30) == 0, "\(program.plainText.suffix(2000))")

    // Then it is signed once, with the reference shown, and nothing else happened on the way
    let shown = shownReferences(in: program.plainText)
    #expect(shown.count == 1)
    #expect(!program.plainText.contains("Not quite."))
    #expect(!program.plainText.contains("Please type"))
    #expect(program.errorOutput.isEmpty, "standard error: \(program.errorOutput)")
    if let reference = shown.first {
      try expectSigned(sandbox, reference: reference)
    }
  }
}
