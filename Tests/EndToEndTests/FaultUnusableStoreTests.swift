import Foundation
import InductionCore
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Data the program cannot use: a read-only data folder, one that cannot be created, a database
/// file that is not a database or is damaged, one made by a newer version. Every command that opens
/// it stops with status 1 and one plain sentence naming the file (no stack trace), and never changes
/// a byte of it.
@Suite("Fault suite: a data folder or database the program cannot use", .hangGuard)
struct FaultUnusableStoreTests {
  /// The capabilities root uses to ignore file modes; dropped (with `setpriv`) so that a read-only
  /// folder is read-only for the program even when the tests run as root.
  static let modeOverridingCapabilities = "-dac_override,-dac_read_search,-fowner"

  /// How a command ended.
  struct Outcome {
    var command: String
    var status: Int32
    var output: String
    var error: String
    /// Whether a file appeared at the export's target.
    var wroteExport = false
  }

  /// Runs `start`, `verify` and `export acknowledgements` on `dataDirectory`, with input closed;
  /// as root, without the capabilities that override file modes when `dropCapabilities`. `beforeEach`
  /// runs before each command (to undo what a misbehaving one did, so each is judged on its own).
  static func runEveryCommand(
    _ sandbox: Sandbox, dataDirectory: String, dropCapabilities: Bool = false,
    beforeEach: () -> Void = {}
  ) throws -> [Outcome] {
    let exportTarget = sandbox.root.appendingPathComponent("export.csv").path
    let commands: [(String, [String])] = [
      ("start", ["start", "--scenarios", BuiltBinary.scenariosDirectory.path]),
      ("verify", ["verify"]),
      ("export", ["export", "acknowledgements", "--out", exportTarget]),
    ]
    var outcomes: [Outcome] = []
    for (name, arguments) in commands {
      beforeEach()
      var executable = sandbox.executable.path
      var all = arguments + ["--data-dir", dataDirectory]
      if dropCapabilities && runningAsRoot {
        let setpriv = try #require(
          BuiltBinary.tool("setpriv"), "setpriv (util-linux) is needed as root")
        all = ["--bounding-set=\(modeOverridingCapabilities)", "--", executable] + all
        executable = setpriv.path
      }
      let result = try PipedProgram.run(
        executable, all, environment: sandbox.environment, timeout: 30)
      let wrote = FileManager.default.fileExists(atPath: exportTarget)
      try? FileManager.default.removeItem(atPath: exportTarget)
      outcomes.append(
        Outcome(
          command: name, status: result.status, output: result.output, error: result.error,
          wroteExport: wrote))
    }
    return outcomes
  }

  /// Checks `outcome` is a refusal: status 1, nothing on standard output, one plain sentence on
  /// standard error that names `path`, no export written.
  static func expectRefusal(_ outcome: Outcome, naming path: String, _ label: String) {
    #expect(!outcome.wroteExport, "\(label), \(outcome.command): an export was written")
    let message = outcome.error.trimmingCharacters(in: .newlines)
    #expect(
      outcome.status == 1,
      "\(label), \(outcome.command): status \(outcome.status)\n\(outcome.output.suffix(500))\(message)"
    )
    #expect(
      outcome.output.isEmpty,
      "\(label), \(outcome.command): standard output: \(outcome.output.suffix(500))")
    #expect(!message.contains("\n"), "\(label), \(outcome.command): more than one line: \(message)")
    #expect(message.hasPrefix("induction: "), "\(label), \(outcome.command): \(message)")
    #expect(
      message.contains(path), "\(label), \(outcome.command): does not name \(path): \(message)")
    for trace in ["Fatal error", "Stack dump", "backtrace", "Error Domain", "GRDB", "0x0000"] {
      #expect(!message.contains(trace), "\(label), \(outcome.command): \(message)")
    }
  }

  /// Checks that every file of `before` is still there byte for byte. A file that appeared may only
  /// be SQLite's shared-memory index (`-shm`) or an *empty* `-wal` that a read-only look at a WAL
  /// database leaves (an empty log changes nothing; a non-empty one would be replayed into a
  /// database restored over the refused one).
  static func expectUnchanged(_ before: [String: Data], _ after: [String: Data], _ label: String) {
    for (name, bytes) in before.sorted(by: { $0.key < $1.key }) {
      #expect(after[name] != nil, "\(label): \(name) was removed")
      if let now = after[name], now != bytes {
        let offset =
          zip(now, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset
          ?? min(now.count, bytes.count)
        Issue.record(
          "\(label): \(name) changed (\(bytes.count) → \(now.count) bytes, first difference at byte \(offset))"
        )
      }
    }
    for (name, bytes) in after where before[name] == nil {
      let harmless = name.hasSuffix("-shm") || (name.hasSuffix("-wal") && bytes.isEmpty)
      #expect(harmless, "\(label): \(name) appeared (\(bytes.count) bytes)")
    }
  }

  // MARK: Read-only data folder

  @Test func aDataFolderMadeReadOnlyByItsOwnerIsRefusedAndLeftAsItWas() throws {
    // Given a data folder with a database in it, made read-only (0500) by its owner
    let sandbox = try Sandbox()
    try sandbox.setFaultSuitePin()
    let folder = sandbox.dataDirectory
    let before = try sandbox.snapshot(of: folder)
    chmod(folder.path, 0o500)
    defer { chmod(folder.path, 0o700) }

    // When each command is pointed at it (as root: without the capabilities that ignore file modes)
    let outcomes = try Self.runEveryCommand(
      sandbox, dataDirectory: folder.path, dropCapabilities: true
    ) {
      chmod(folder.path, 0o500)
    }

    // Then start and export refuse: the owner's read-only folder is not theirs to make writable.
    // (Was a bug, fixed while this suite was written: `DataDirectory.prepare()` ran `chmod(dir, 0o700)`,
    // so for its owner a 0500 folder became writable again and `start`/`export` wrote to it.)
    for outcome in outcomes where outcome.command != "verify" {
      Self.expectRefusal(outcome, naming: folder.path, "read-only data folder (owner)")
    }
    // And verify either checks the ledger without writing or refuses plainly
    if let verify = outcomes.first(where: { $0.command == "verify" }), verify.status != 0 {
      Self.expectRefusal(verify, naming: folder.path, "read-only data folder (owner)")
    }
    // And nothing in it changed, and it is still read-only
    var info = stat()
    stat(folder.path, &info)
    #expect(
      info.st_mode & 0o777 == 0o500,
      "the folder's mode became \(String(info.st_mode & 0o777, radix: 8))")
    Self.expectUnchanged(before, try sandbox.snapshot(of: folder), "read-only data folder (owner)")
  }

  @Test(.enabled(if: runningAsRoot, "only root can give the folder to another user"))
  func aReadOnlyDataFolderOwnedBySomeoneElseIsRefusedNamingItAndLeftAsItWas() throws {
    // Given a data folder with a database, owned by another user and only readable by this one
    let sandbox = try Sandbox()
    try sandbox.setFaultSuitePin()
    let folder = sandbox.dataDirectory
    let before = try sandbox.snapshot(of: folder)
    try #require(chown(folder.path, 65534, 65534) == 0)
    chmod(folder.path, 0o755)
    chmod(sandbox.root.path, 0o755)
    defer { _ = chown(folder.path, 0, 0) }

    // When each command is pointed at it, without the capabilities that ignore file modes
    let outcomes = try Self.runEveryCommand(
      sandbox, dataDirectory: folder.path, dropCapabilities: true)

    // Then start and export refuse with one sentence naming the folder; verify refuses or verifies
    for outcome in outcomes where outcome.command != "verify" || outcome.status != 0 {
      Self.expectRefusal(outcome, naming: folder.path, "read-only data folder (another owner)")
    }
    // And nothing in it changed
    Self.expectUnchanged(
      before, try sandbox.snapshot(of: folder), "read-only data folder (another owner)")
  }

  // MARK: A data folder that cannot be created

  @Test func aDataFolderWhoseParentCannotBeCreatedIsRefusedNamingIt() throws {
    let sandbox = try Sandbox()
    let aFile = sandbox.root.appendingPathComponent("not-a-folder")
    try Data("just a file\n".utf8).write(to: aFile)
    let cases = [
      ("parent is a file", aFile.appendingPathComponent("induction/data").path),
      ("parent in /proc", "/proc/induction-fault-test/data"),
      ("the data folder is a file", aFile.path),
    ]
    for (label, path) in cases {
      // When each command is pointed at a data folder that cannot be made
      let outcomes = try Self.runEveryCommand(sandbox, dataDirectory: path, dropCapabilities: true)
      // Then each refuses with one sentence naming it, and nothing was created
      for outcome in outcomes {
        Self.expectRefusal(outcome, naming: path, label)
      }
      #expect(
        try Data(contentsOf: aFile) == Data("just a file\n".utf8), "\(label): the file changed")
      #expect(!FileManager.default.fileExists(atPath: "/proc/induction-fault-test"))
    }
  }

  // MARK: Damaged databases

  @Test func aDatabaseFileOfRandomBytesIsRefusedNamingItAndNeverOverwritten() throws {
    var random = SplitMix64(seed: 77)
    let header = Array("SQLite format 3\u{0}".utf8)
    let noise = (0..<(64 * 1024)).map { _ in UInt8.random(in: 0...255, using: &random) }
    let cases: [(String, [UInt8])] = [
      ("random bytes", noise),
      ("SQLite's header then random bytes", header + noise.dropFirst(header.count)),
    ]
    for (label, bytes) in cases {
      // Given a data folder whose database file is `bytes`
      let sandbox = try Sandbox()
      try FileManager.default.createDirectory(
        at: sandbox.dataDirectory, withIntermediateDirectories: true)
      try Data(bytes).write(to: URL(fileURLWithPath: sandbox.databasePath))
      let before = try sandbox.snapshot(of: sandbox.dataDirectory)

      // When each command opens it
      let outcomes = try Self.runEveryCommand(sandbox, dataDirectory: sandbox.dataDirectory.path)

      // Then each refuses with one sentence naming the file, and the folder is exactly as it was
      for outcome in outcomes {
        Self.expectRefusal(outcome, naming: sandbox.databasePath, label)
        #expect(
          outcome.error.contains("not an induction database or is damaged"),
          "\(label): \(outcome.error)")
      }
      Self.expectUnchanged(before, try sandbox.snapshot(of: sandbox.dataDirectory), label)
    }
  }

  @Test func atATerminalTheWelcomeDrawnFirstIsClearedSoTheRefusalStandsAlone() throws {
    // Given a data folder whose database file is random bytes, and a start at a terminal (which
    // draws the welcome before it opens the store)
    let sandbox = try Sandbox()
    try FileManager.default.createDirectory(
      at: sandbox.dataDirectory, withIntermediateDirectories: true)
    var random = SplitMix64(seed: 78)
    try Data((0..<(64 * 1024)).map { _ in UInt8.random(in: 0...255, using: &random) })
      .write(to: URL(fileURLWithPath: sandbox.databasePath))
    let before = try sandbox.snapshot(of: sandbox.dataDirectory)

    // When it starts
    let terminal = try sandbox.startOnTerminal(seed: 11)
    #expect(try terminal.waitForExit(timeout: stepTimeout) == 1)

    // Then the welcome it drew is cleared before the one sentence of the refusal, nothing asks the
    // parent anything, and the folder is exactly as it was
    let clear = "\u{1B}[H\u{1B}[2J\u{1B}[3J"
    let shown = terminal.output
    let welcome = try #require(shown.range(of: "Welcome to"))
    let cleared = try #require(shown.range(of: clear, range: welcome.upperBound..<shown.endIndex))
    #expect(
      shown[cleared.upperBound...].contains("not an induction database or is damaged"),
      "\(shown[cleared.upperBound...])")
    #expect(!shown.contains("Press Enter to begin"))
    Self.expectUnchanged(before, try sandbox.snapshot(of: sandbox.dataDirectory), "terminal")
  }

  @Test func aTruncatedDatabaseIsRefusedNamingItAndNeverOverwritten() throws {
    // Given a real database of 2,000 acknowledgements, cut off part-way (as a failed copy leaves it)
    let sandbox = try Sandbox()
    do {
      let builder = try sandbox.seed()
      try builder.bulk(count: 2_000, start: LedgerBuilder.utc("2026-07-01 08:00"))
    }
    let whole = try Data(contentsOf: URL(fileURLWithPath: sandbox.databasePath))
    try #require(
      !FileManager.default.fileExists(atPath: sandbox.databasePath + "-wal"),
      "the WAL was not checkpointed")
    for fraction in [0.5, 0.9] {
      let cut = whole.prefix(Int(Double(whole.count) * fraction) / 4096 * 4096 + 100)
      try cut.write(to: URL(fileURLWithPath: sandbox.databasePath))
      let before = try sandbox.snapshot(of: sandbox.dataDirectory)
      let label = "cut to \(cut.count) of \(whole.count) bytes"

      // When each command opens it
      let outcomes = try Self.runEveryCommand(sandbox, dataDirectory: sandbox.dataDirectory.path)

      // Then each refuses with one sentence naming the file, and the file is exactly as it was
      for outcome in outcomes {
        Self.expectRefusal(outcome, naming: sandbox.databasePath, label)
      }
      Self.expectUnchanged(before, try sandbox.snapshot(of: sandbox.dataDirectory), label)
    }
  }

  // MARK: A newer version's database

  @Test func aDatabaseFromANewerVersionIsRefusedNamingItAndNeverOverwritten() throws {
    // Given a database whose migrations include one this version does not know
    let sandbox = try Sandbox()
    try sandbox.setFaultSuitePin()
    _ = try sandbox.sqlite(
      "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-a-newer-version');")
    let before = try sandbox.snapshot(of: sandbox.dataDirectory)
    try #require(
      before.keys.sorted() == ["induction.lock", "induction.sqlite", "signing-key"],
      "\(before.keys.sorted())")

    // When each command opens it
    let outcomes = try Self.runEveryCommand(sandbox, dataDirectory: sandbox.dataDirectory.path)

    // Then each refuses with one sentence naming the file and saying why
    for outcome in outcomes {
      Self.expectRefusal(outcome, naming: sandbox.databasePath, "newer version")
      #expect(
        outcome.error.contains("made by a newer version"), "\(outcome.command): \(outcome.error)")
    }
    // And the database and key are byte for byte as they were. (Was a bug, fixed while this suite was
    // written: `AppDatabase.open` created the GRDB pool first, whose WAL set-up writes a table and drops
    // it, so the refused file grew by a page though the message says it was not changed.)
    Self.expectUnchanged(before, try sandbox.snapshot(of: sandbox.dataDirectory), "newer version")
  }
}
