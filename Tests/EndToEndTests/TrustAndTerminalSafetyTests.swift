import Foundation
import InductionCore
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

extension Sandbox {
  /// `induction ARGUMENTS --data-dir FOLDER` through pipes, with `input` typed on standard input.
  func induction(
    _ arguments: [String], dataDirectory folder: URL, input: String = ""
  ) throws -> (status: Int32, output: String, error: String) {
    let program = try PipedProgram(
      executable: executable.path, arguments: arguments + ["--data-dir", folder.path],
      environment: environment)
    if !input.isEmpty { try program.send(input) }
    program.closeInput()
    let status = try program.waitForExit(timeout: 60)
    return (status, program.output, program.errorOutput)
  }
}

extension Sandbox {
  /// Runs `sql` against the database with the sqlite3 tool, writing, as someone with the file would.
  func tamper(_ sql: String) throws {
    let sqlite3 = try #require(BuiltBinary.tool("sqlite3"))
    let result = try PipedProgram.run(
      sqlite3.path, ["-batch", "-cmd", ".timeout 5000", databasePath, sql], environment: environment
    )
    guard result.status == 0 else { throw BuiltBinaryError("sqlite3 failed: \(result.error)") }
  }
}

/// Copies a database file with its write-ahead log, as a whole folder copy would.
func copyDatabase(_ from: String, to: String) throws {
  for suffix in ["", "-wal"] {
    try? FileManager.default.removeItem(atPath: to + suffix)
    if FileManager.default.fileExists(atPath: from + suffix) {
      try FileManager.default.copyItem(atPath: from + suffix, toPath: to + suffix)
    }
  }
  try? FileManager.default.removeItem(atPath: to + "-shm")
}

/// Whether `text` holds a byte that drives a terminal: ESC, BEL, CSI or any other C0/C1 control
/// but a line feed.
func holdsRawControl(_ text: String) -> Bool {
  text.unicodeScalars.contains {
    ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
  }
}

@Suite("Trust and terminal safety through the built binary")
struct TrustAndTerminalSafetyTests {
  static let title = "\u{1B}]0;pwned\u{7}"

  @Test func escapesInArgumentsFilesAndTheDatabaseNeverReachTheTerminalRaw() throws {
    let sandbox = try Sandbox()
    let builder = try sandbox.seed()
    try builder.sign(
      parent: "Ann Able", children: [("Kit Able", "Year 1")],
      at: LedgerBuilder.utc("2026-09-01 09:00"))
    var messages: [(String, String)] = []

    // A reference typed with an escape sequence in it
    let revoke = try sandbox.induction(["revoke", "AB\(Self.title)CD", "--reason", "x"])
    #expect(revoke.status != 0)
    messages.append(("revoke", revoke.error))

    // A checkpoint whose time line was edited to hold an escape (checkpoints arrive by email)
    let checkpoint = try sandbox.induction(["checkpoint"])
    #expect(checkpoint.status == 0, "\(checkpoint.error)")
    let edited = checkpoint.output.replacingOccurrences(
      of: "time: ", with: "time: \(Self.title)")
    let file = sandbox.root.appendingPathComponent("checkpoint.txt")
    try Data(edited.utf8).write(to: file)
    let against = try sandbox.induction(["verify", "--against", file.path])
    #expect(against.status != 0)
    #expect(against.error.contains("\\u{1B}]0;pwned\\u{7}"))
    messages.append(("verify --against", against.error))

    // A file name with an escape in it
    let missing = try sandbox.induction([
      "verify", "--against", sandbox.root.path + "/\(Self.title)",
    ])
    #expect(missing.status != 0)
    messages.append(("verify --against a missing file", missing.error))

    // A scenario file whose unknown field's name holds an escape
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    folder.write(
      "01-rule-one.yaml",
      ScenarioFolder.scenario(id: "rule-one", example: "Rule one.")
        + "\"bad\\e]0;pwned\\a\": 1\n")
    let lint = try sandbox.induction(["scenarios", "lint", folder.url.path])
    #expect(lint.status != 0)
    #expect(lint.error.contains("unknown field \"bad\\u{1B}]0;pwned\\u{7}\""))
    messages.append(("lint", lint.error))

    // A class name with an OSC 8 hyperlink written into the database behind the program's back
    try sandbox.tamper(
      "UPDATE acknowledged_child SET class_name = 'Year 1' || char(27) || ']8;;http://x.example' || char(7) || 'x';"
    )
    let export = try sandbox.induction(["export", "acknowledgements", "--out", "-"])
    #expect(export.status == 0, "\(export.error)")
    #expect(export.output.contains("Year 1\\u{1B}]8;;http://x.example\\u{7}x"))
    messages.append(("export --out - (standard output)", export.output))
    messages.append(("export --out - (standard error)", export.error))

    for (label, text) in messages {
      #expect(
        !holdsRawControl(text.replacingOccurrences(of: "\r\n", with: "\n")),
        "\(label): \(text.debugDescription)")
    }
  }

  @Test func anExportToAPipeOrAnExistingReportIsRefusedAndLeftAlone() throws {
    let sandbox = try Sandbox()
    let builder = try sandbox.seed()
    try builder.sign(
      parent: "Ann Able", children: [("Kit Able", "Year 1")],
      at: LedgerBuilder.utc("2026-09-01 09:00"))
    let fifo = sandbox.root.appendingPathComponent("pipe.csv")
    try #require(mkfifo(fifo.path, 0o600) == 0)
    let export = try sandbox.induction(["export", "completion", "--out", fifo.path, "--force"])
    #expect(export.status == 1)
    #expect(
      export.error
        == "induction: \(fifo.path) is not a regular file (it is a folder, device, pipe, socket or link), so it is never replaced; choose a file name for --out\n"
    )
    var info = stat()
    #expect(lstat(fifo.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)

    let report = sandbox.root.appendingPathComponent("access.json")
    try Data("earlier report".utf8).write(to: report)
    let access = try sandbox.induction(["access", "--parent", "Ann Able", "--out", report.path])
    #expect(access.status == 1)
    #expect(
      access.error
        == "induction: \(report.path) already exists; choose another --out or add --force to replace it\n"
    )
    #expect(try String(contentsOf: report, encoding: .utf8) == "earlier report")
    let forced = try sandbox.induction([
      "access", "--parent", "Ann Able", "--out", report.path, "--force",
    ])
    #expect(forced.status == 0, "\(forced.error)")
    #expect(
      try String(contentsOf: report, encoding: .utf8).contains("\"parentName\" : \"Ann Able\""))
  }

  @Test func aLinkedOrReadableKeyFileIsRefusedSayingHowToFixIt() throws {
    let sandbox = try Sandbox()
    _ = try sandbox.seed()
    let key = sandbox.dataDirectory.appendingPathComponent("signing-key")
    // A key readable by others
    chmod(key.path, 0o644)
    let loose = try sandbox.induction(["checkpoint"])
    #expect(loose.status == 1)
    #expect(
      loose.error
        == "induction: the signing key \(key.path) can be read by other users (mode 0644); make it private with: chmod 600 \(key.path)\n"
    )
    // A key replaced by a link to another file
    chmod(key.path, 0o600)
    let real = sandbox.root.appendingPathComponent("planted-key")
    try FileManager.default.moveItem(at: key, to: real)
    try FileManager.default.createSymbolicLink(at: key, withDestinationURL: real)
    let linked = try sandbox.induction(["checkpoint"])
    #expect(linked.status == 1)
    #expect(
      linked.error
        == "induction: the signing key \(key.path) is a symbolic link, which could point anywhere; replace it with the key file itself (restore it from a backup)\n"
    )
  }

  @Test func changingTheStaffPinNeedsTheCurrentOneOrTheFolderOwnersReset() throws {
    let sandbox = try Sandbox()
    try sandbox.setStaffPin("482915")
    // A new PIN without the current one is refused, and the old one stays
    let wrong = try sandbox.induction(
      ["staff", "set-pin"], dataDirectory: sandbox.dataDirectory, input: "111111\n222222\n222222\n")
    #expect(wrong.status == 1)
    #expect(
      wrong.error
        == "induction: that is not the current staff PIN, so it was not changed; if it is forgotten, the data folder's owner can run `induction staff set-pin --reset`\n"
    )
    // With the current PIN it changes
    let right = try sandbox.induction(
      ["staff", "set-pin"], dataDirectory: sandbox.dataDirectory, input: "482915\n735102\n735102\n")
    #expect(right.status == 0, "\(right.error)")
    #expect(right.output.contains("The staff PIN is set."))
    // A forgotten PIN is reset by the folder's owner, and the staff log says so
    let reset = try sandbox.induction(
      ["staff", "set-pin", "--reset"], dataDirectory: sandbox.dataDirectory,
      input: "904417\n904417\n")
    #expect(reset.status == 0, "\(reset.error)")
    // Two different new PINs are asked for again, not the end of the command
    let mistyped = try sandbox.induction(
      ["staff", "set-pin"], dataDirectory: sandbox.dataDirectory,
      input: "904417\n519283\n519284\n735102\n735102\n")
    #expect(mistyped.status == 0, "\(mistyped.error)")
    #expect(mistyped.output.contains("The two PINs are different. Please start again."))
    #expect(mistyped.output.contains("The staff PIN is set."))
    #expect(
      try sandbox.query("SELECT action FROM staff_event ORDER BY id;") == [
        "pin set", "pin rejected", "pin set", "pin reset without the old pin", "pin set", "pin set",
      ])
  }

  @Test func aSecondPCIsEnrolledByFingerprintAndThenMaySign() throws {
    // Given the first PC's ledger, copied to a second PC (its own data folder and key)
    let sandbox = try Sandbox()
    let builder = try sandbox.seed()
    try builder.sign(
      parent: "Ann Able", children: [("Kit Able", "Year 1")],
      at: LedgerBuilder.utc("2026-09-01 09:00"))
    let second = sandbox.root.appendingPathComponent("pc2", isDirectory: true)
    try FileManager.default.createDirectory(at: second, withIntermediateDirectories: false)
    chmod(second.path, 0o700)
    let copy = second.appendingPathComponent("induction.sqlite")
    try copyDatabase(sandbox.databasePath, to: copy.path)

    // When the second PC shows its key, it is not enrolled and may not sign
    let shown = try sandbox.induction(["keys", "show"], dataDirectory: second)
    #expect(shown.status == 0, "\(shown.error)")
    let line = try #require(shown.output.split(separator: "\n").first.map(String.init))
    let fingerprint = try #require(
      line.firstMatch(of: /This PC's key: ([0-9A-F ]{19}) \(not enrolled\)/)
    ).1
    let refused = try sandbox.induction(["checkpoint"], dataDirectory: second)
    #expect(refused.status == 1)
    #expect(refused.error.contains("is not enrolled in the ledger, so it may not"))
    // And it may not change records or read anyone's details either, but may count
    for command in [
      ["roster", "import", "/nonexistent.csv"], ["access", "--reference", "AAAA-AAAA"],
      ["purge", "--dry-run"], ["export", "completion", "--out", "-"], ["roster", "unmatched"],
    ] {
      let attempt = try sandbox.induction(command, dataDirectory: second)
      #expect(attempt.status == 1, "\(command)")
      #expect(
        attempt.error.contains("so it may not change records or read anyone's details"),
        "\(command): \(attempt.error)")
    }
    #expect(try sandbox.induction(["stats"], dataDirectory: second).status == 0)

    // When the first PC enrols it by the fingerprint read aloud (on the second PC's copy here,
    // standing for the shared database)
    try copyDatabase(copy.path, to: sandbox.databasePath)
    let enrol = try sandbox.induction([
      "keys", "enrol", String(fingerprint).lowercased(), "--name", "Reception 2",
    ])
    #expect(enrol.status == 0, "\(enrol.error)")
    #expect(
      enrol.output
        == "enrolled \(fingerprint) as \"Reception 2\" (ledger entry 3); that PC may sign from now on\n"
    )
    try copyDatabase(sandbox.databasePath, to: copy.path)

    // Then the second PC may sign, and verify names both keys
    let checkpoint = try sandbox.induction(["checkpoint"], dataDirectory: second)
    #expect(checkpoint.status == 0, "\(checkpoint.error)")
    let verify = try sandbox.induction(["verify"], dataDirectory: second)
    #expect(verify.status == 0, "\(verify.error)")
    #expect(verify.output == (try sandbox.verifyOK(3)) + " and 1 enrolled key trusted\n")
    let listed = try sandbox.induction(["keys", "show"], dataDirectory: second)
    #expect(listed.output.contains("This PC's key: \(fingerprint) (trusted)"))
    #expect(listed.output.contains("\(fingerprint)  trusted       Reception 2"))
    // And when it was enrolled reads as the office reads a time: the school's, to the minute
    let enrolled = String(
      listed.output.split(separator: "\n").first { $0.contains("Reception 2") } ?? "")
    #expect(
      enrolled.range(of: #"since \d{4}-\d{2}-\d{2} \d{2}:\d{2}$"#, options: .regularExpression)
        != nil, "\(enrolled)")
  }
}
