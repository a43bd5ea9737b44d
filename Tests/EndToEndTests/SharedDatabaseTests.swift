import Foundation
import InductionCore
import TestSupport
import Testing

/// Several PCs on one PostgreSQL database, through the built binary: each PC its own data folder
/// and key, enrolled by a PC already trusted; signings at once; moving a SQLite store over; and a
/// connection cut or a server gone while a parent signs.
@Suite(
  "Several PCs on one PostgreSQL database", .enabled(if: PostgresTestServer.shouldRun),
  .hangGuard)
struct SharedDatabaseTests {
  /// A fresh database and its URL.
  static func freshDatabase() throws -> (PostgresLocation, String) {
    let location = try PostgresTestServer.freshDatabase()
    return (location, PostgresTestServer.url(of: location))
  }

  /// A second data folder of `sandbox`'s PC, with its signing key, on the shared database `url`:
  /// a data folder is set up for one store, so the same PC's commands on the copy run from here.
  static func twin(of sandbox: Sandbox, on url: String) throws -> Sandbox {
    let twin = try Sandbox()
    twin.databaseURL = url
    try FileManager.default.createDirectory(
      at: twin.dataDirectory, withIntermediateDirectories: true,
      attributes: [.posixPermissions: 0o700])
    try FileManager.default.copyItem(
      at: sandbox.dataDirectory.appendingPathComponent("signing-key"),
      to: twin.dataDirectory.appendingPathComponent("signing-key"))
    return twin
  }

  /// Reads the reference on `program`'s receipt, waits for it to end with status 0, and checks the
  /// shared ledger holds that one acknowledgement and no other.
  static func expectSignedOnce(_ program: PipedProgram, in location: PostgresLocation) throws {
    let receipt = try program.waitFor("Your reference: ", timeout: 30)
    let line = try program.waitFor("\n", timeout: stepTimeout)
    let reference = try #require(displayedReference(in: receipt + line))
    #expect(try program.waitForExit(timeout: stepTimeout) == 0)
    #expect(
      try PostgresTestServer.psql(
        location, "SELECT reference FROM ledger WHERE kind = 'acknowledgement'"
      )
      .trimmingCharacters(in: .whitespacesAndNewlines)
        == reference.replacingOccurrences(of: "-", with: ""))
  }

  /// The fingerprint `keys show` prints for this PC, as typed to enrol it.
  static func fingerprint(_ sandbox: Sandbox) throws -> String {
    let shown = try sandbox.induction(["keys", "show"])
    let line = try #require(
      shown.output.split(separator: "\n").first { $0.hasPrefix("This PC's key: ") },
      "keys show said:\n\(shown.output)\(shown.error)")
    return String(line.dropFirst("This PC's key: ".count).prefix(19)).replacingOccurrences(
      of: " ", with: "")
  }

  @Test func onlyAnEnrolledPCMayResetTheSharedStaffPinAndTheLogNamesIt() throws {
    // Given the first PC set the PIN, and a second PC joined but is not enrolled
    let (location, url) = try Self.freshDatabase()
    let first = try Sandbox()
    let second = try Sandbox()
    first.databaseURL = url
    second.databaseURL = url
    try first.setStaffPin("482915")
    #expect(try second.induction(["keys", "show"]).status == 0)

    // When the second PC's user, who owns its own data folder, resets the PIN
    let refused = try second.induction(
      ["staff", "set-pin", "--reset"], dataDirectory: second.dataDirectory,
      input: "904417\n904417\n")

    // Then it is refused, and the PIN is unchanged
    #expect(refused.status == 1)
    #expect(
      refused.error.contains("only a PC whose key is enrolled may reset the staff PIN"),
      "\(refused.error)")

    // And once enrolled as Desk 2 it may, and the staff log names Desk 2
    let enrolled = try first.induction([
      "keys", "enrol", try Self.fingerprint(second), "--name", "Desk 2",
    ])
    #expect(enrolled.status == 0, "\(enrolled.error)")
    let reset = try second.induction(
      ["staff", "set-pin", "--reset"], dataDirectory: second.dataDirectory,
      input: "904417\n904417\n")
    #expect(reset.status == 0, "\(reset.error)")
    #expect(
      try PostgresTestServer.psql(
        location, "SELECT station FROM staff_event WHERE action LIKE 'pin reset%'"
      ).trimmingCharacters(in: .whitespacesAndNewlines) == "staff set-pin on Desk 2")
  }

  @Test func twoPCsSignAtOnceAndTheLedgerVerifiesWithBothKeys() throws {
    let (location, url) = try Self.freshDatabase()
    let first = try Sandbox()
    let second = try Sandbox()
    first.databaseURL = url
    second.databaseURL = url

    // Given the first PC opened the database (its key is the genesis)
    #expect(try first.induction(["keys", "show"]).status == 0)
    // When the second PC starts, it is refused before the welcome screen, saying how to enrol it
    let refused = try PipedProgram.run(
      second.executable.path, second.startArguments(seed: 1), environment: second.environment)
    #expect(refused.status != 0)
    #expect(collapse(refused.error).contains("is not enrolled in the ledger"), "\(refused.error)")
    #expect(!refused.output.contains("Welcome"))
    // And once the first PC enrols it by its fingerprint
    let fingerprint = try Self.fingerprint(second)
    let enrolled = try first.induction(["keys", "enrol", fingerprint, "--name", "Desk 2"])
    #expect(enrolled.status == 0, "\(enrolled.error)")

    // Then two parents, one at each PC, sign at the same moment
    let terminals = [
      try first.startOnTerminal(seed: 31), try second.startOnTerminal(seed: 32),
    ]
    let key = try AnswerKey()
    for terminal in terminals {
      let driver = InductionDriver(program: terminal, key: key)
      try driver.readWelcomeAndGuidance()
      try driver.passQuiz()
      try terminal.waitFor("Your full name: ", timeout: stepTimeout)
      _ = try driver.enterDetailsAfterNamePrompt()
      try terminal.waitFor("To sign, type your full name as you gave it: ", timeout: stepTimeout)
      try terminal.sendLine(Parent.name)
      try terminal.waitFor(
        "Type yes to sign and save, or no to change your details: ", timeout: stepTimeout)
    }
    for terminal in terminals { try terminal.sendLine("yes") }
    var references: [String] = []
    for terminal in terminals {
      let receipt = try terminal.waitFor("Your reference: ", timeout: stepTimeout)
      let line = try terminal.waitFor("\n", timeout: stepTimeout)
      references.append(try #require(displayedReference(in: receipt + line)))
      #expect(try terminal.waitForExit(timeout: stepTimeout) == 0)
    }

    // And the ledger is one unforked chain signed by both keys, which verifies
    let rows = try PostgresTestServer.psql(
      location, "SELECT seq || ' ' || kind || ' ' || key_id FROM ledger ORDER BY seq"
    ).split(separator: "\n").map(String.init)
    #expect(rows.count == 4, "\(rows)")
    #expect(rows.map { $0.split(separator: " ")[0] } == ["1", "2", "3", "4"])
    let signers = Set(rows.dropFirst(2).map { $0.split(separator: " ").last! })
    #expect(signers.count == 2, "both PCs' keys sign: \(rows)")
    let stored = try PostgresTestServer.psql(
      location, "SELECT reference FROM ledger WHERE kind = 'acknowledgement' ORDER BY seq")
    #expect(
      Set(stored.split(separator: "\n").map(String.init))
        == Set(references.map { $0.replacingOccurrences(of: "-", with: "") }))
    for sandbox in [first, second] {
      let verify = try sandbox.induction(["verify"])
      #expect(verify.status == 0, "\(verify.error)")
      #expect(verify.output.contains("ok: 4 entries; genesis key "))
      #expect(verify.output.contains("and 1 enrolled key trusted"))
    }
    // And nothing personal is kept in either data folder: only the station key (and caches)
    for sandbox in [first, second] {
      let files = try FileManager.default.contentsOfDirectory(atPath: sandbox.dataDirectory.path)
      #expect(!files.contains("induction.sqlite"), "\(files)")
    }
  }

  @Test func aSQLiteStoreMovesOverVerifiesAndExportsByteForByteTheSame() throws {
    // Given a PC with a signed induction in its SQLite store
    let sandbox = try Sandbox()
    sandbox.databaseURL = nil
    let program = try sandbox.startPiped(seed: 41)
    let (reference, _) = try InductionDriver(program: program, key: try AnswerKey())
      .completeInduction()
    #expect(try program.waitForExit(timeout: stepTimeout) == 0)
    let (location, url) = try Self.freshDatabase()

    // When it is migrated to an empty PostgreSQL database
    let migrated = try sandbox.induction(["migrate", "--to", url])
    #expect(migrated.status == 0, "\(migrated.error)")
    #expect(
      migrated.error.isEmpty, "a small store copies without progress lines: \(migrated.error)")

    // Then the counts are shown side by side, equal, and the copy verifies
    let counts = migrated.output.split(separator: "\n").map {
      $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    }
    #expect(counts.first == ["table", "sqlite", "postgresql"])
    for row in counts.dropFirst() where row.count == 3 { #expect(row[1] == row[2], "\(row)") }
    #expect(counts.contains(["ledger", "2", "2"]))
    #expect(counts.contains(["personal_details", "1", "1"]))
    #expect(migrated.output.contains("ok: 2 entries copied and verified"))
    #expect(
      try PostgresTestServer.psql(location, "SELECT reference FROM ledger WHERE seq = 2")
        .trimmingCharacters(in: .whitespacesAndNewlines)
        == reference.replacingOccurrences(of: "-", with: ""))
    // And every export is the same file, byte for byte, from either store
    for kind in ["acknowledgements", "completion", "outstanding"] {
      let fromSQLite = try sandbox.induction(["export", kind, "--out", "-"])
      let fromPostgres = try Self.twin(of: sandbox, on: url).induction(
        ["export", kind, "--out", "-"])
      #expect(fromSQLite.status == 0 && fromPostgres.status == 0)
      #expect(fromSQLite.output == fromPostgres.output, "\(kind) differs")
      #expect(fromSQLite.output.contains(Parent.name) || kind == "outstanding")
    }
    let verify = try Self.twin(of: sandbox, on: url).induction(["verify"])
    let expected = try sandbox.verifyOK(2)
    #expect(verify.status == 0 && verify.output == expected + "\n", "\(verify)")

    // And a second migration into the now full database is refused, leaving it as it was
    let again = try sandbox.induction(["migrate", "--to", url])
    #expect(again.status == 1)
    #expect(collapse(again.error).contains("so nothing was copied"), "\(again.error)")
    #expect(
      try PostgresTestServer.psql(location, "SELECT count(*) FROM ledger")
        .trimmingCharacters(in: .whitespacesAndNewlines) == "2")
  }

  @Test func aServerGoneWhileSigningLosesNothingAndEnterAfterItIsBackSignsOnce() throws {
    let script = try SigningScript.learned()
    let (location, _) = try Self.freshDatabase()
    let relay = try TCPRelay(upstreamPort: location.port)
    var relayed = location
    relayed.port = Int(relay.port)
    let sandbox = try Sandbox()
    sandbox.databaseURL = PostgresTestServer.url(of: relayed)

    // Given a parent at the last step
    let program = try sandbox.startPiped(seed: scriptSeed)
    try program.send(SigningScript.text(script.untilConfirmation()))
    try program.waitFor(
      "Type yes to sign and save, or no to change your details: ", timeout: stepTimeout)

    // When the server goes away (every connection cut, new ones refused) and they type yes
    relay.stop()
    try program.sendLine("yes")

    // Then they are told plainly it is not saved, and nothing is
    let screen = try program.waitFor("Press Enter to try again: ", timeout: 30)
    #expect(
      collapse(screen).contains(
        "Sorry, your acknowledgement could not be saved, so it is not signed yet."),
      "screen:\n\(screen)")
    #expect(!program.plainText.contains("Your reference"))
    #expect(!screen.contains("Swift") && !screen.contains("PSQLError"), "screen:\n\(screen)")
    let acknowledgements = "SELECT count(*) FROM ledger WHERE kind = 'acknowledgement'"
    #expect(
      try PostgresTestServer.psql(location, acknowledgements).trimmingCharacters(
        in: .whitespacesAndNewlines) == "0")

    // And once it is back, Enter signs with what they typed, exactly once
    try relay.start()
    try program.sendLine("")
    try Self.expectSignedOnce(program, in: location)
    #expect(
      try PostgresTestServer.psql(location, "SELECT parent_name FROM personal_details")
        .trimmingCharacters(in: .whitespacesAndNewlines) == Parent.name)
    let verify = try sandbox.induction(["verify"])
    #expect(verify.status == 0 && verify.output.hasPrefix("ok: 2 entries"), "\(verify)")
  }

  @Test func aConnectionKilledByTheServerIsMadeAgainAndTheSigningGoesThrough() throws {
    let script = try SigningScript.learned()
    let (location, url) = try Self.freshDatabase()
    let sandbox = try Sandbox()
    sandbox.databaseURL = url
    let program = try sandbox.startPiped(seed: scriptSeed)
    try program.send(SigningScript.text(script.untilConfirmation()))
    try program.waitFor(
      "Type yes to sign and save, or no to change your details: ", timeout: stepTimeout)

    // When an administrator ends the kiosk's connection (pg_terminate_backend) before they sign
    let killed = try PostgresTestServer.psql(
      location,
      """
      SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
      WHERE datname = '\(location.database)' AND application_name = 'induction'
      """)
    #expect(killed.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    try program.sendLine("yes")

    // Then the signing connects again and is saved once
    try Self.expectSignedOnce(program, in: location)
  }

  @Test func aKioskWithItsStaffPinRunsOnTheSharedDatabase() throws {
    let (location, url) = try Self.freshDatabase()
    let sandbox = try Sandbox()
    sandbox.databaseURL = url
    // Given the staff PIN set (stored in the shared database)
    try sandbox.setStaffPin()
    // When a parent signs at the kiosk and staff close it with the PIN
    let terminal = try sandbox.kioskOnTerminal(station: "Reception", seed: 51)
    let driver = InductionDriver(program: terminal, key: try AnswerKey())
    let reference = try driver.completeKioskSession(as: .ann)
    try terminal.waitFor("Press Enter to begin: ", timeout: stepTimeout)
    #expect(try driver.closeKiosk() == 0)
    // Then the database holds the signed session, from the kiosk's station
    let stored = try PostgresTestServer.psql(
      location,
      """
      SELECT l.reference || ' ' || l.station || ' ' || s.outcome FROM ledger l
      JOIN session s ON s.ledger_seq = l.seq WHERE l.kind = 'acknowledgement'
      """)
    #expect(
      stored.trimmingCharacters(in: .whitespacesAndNewlines)
        == "\(reference.replacingOccurrences(of: "-", with: "")) Reception signed")
    #expect(
      try PostgresTestServer.psql(location, "SELECT count(*) FROM staff_pin")
        .trimmingCharacters(in: .whitespacesAndNewlines) == "1")
  }

  @Test func everyAdminCommandAnswersTheSameFromEitherStore() throws {
    // Given two signed inductions and a roster in a PC's SQLite store, copied to PostgreSQL
    let sandbox = try Sandbox()
    sandbox.databaseURL = nil
    var references: [String] = []
    for seed: UInt64 in [61, 62] {
      let program = try sandbox.startPiped(seed: seed)
      references.append(
        try InductionDriver(program: program, key: try AnswerKey()).completeInduction().reference)
      #expect(try program.waitForExit(timeout: stepTimeout) == 0)
    }
    let roster = sandbox.root.appendingPathComponent("roster.csv")
    try Data(
      ("Parent Name,Parent Email,Child Name,Class\n\(Parent.name),,\(Parent.child),\(Parent.className)\n"
        + "Tom Jones,tom@example.test,Ben Jones,Year 1\n").utf8
    ).write(to: roster)
    #expect(try sandbox.induction(["roster", "import", roster.path]).status == 0)
    let (_, url) = try Self.freshDatabase()
    #expect(try sandbox.induction(["migrate", "--to", url]).status == 0)

    // When the same commands run against each store, Then each answers the same
    let twin = try Self.twin(of: sandbox, on: url)
    func same(_ arguments: [String], _ label: String) throws {
      let sqlite = try sandbox.induction(arguments)
      let postgres = try twin.induction(arguments)
      #expect(sqlite.status == postgres.status, "\(label): \(sqlite.error) | \(postgres.error)")
      #expect(sqlite.output == postgres.output, "\(label) differs")
      #expect(!sqlite.output.isEmpty || !sqlite.error.isEmpty, "\(label) said nothing")
    }
    func exportsAndStats(_ moment: String) throws {
      for kind in ["acknowledgements", "completion", "outstanding"] {
        try same(["export", kind, "--out", "-"], "\(moment): export \(kind)")
      }
      try same(["export", "completion", "--out", "-", "--class", "year 1"], "\(moment): class")
      try same(["stats"], "\(moment): stats")
      try same(["roster", "unmatched"], "\(moment): unmatched")
    }
    try exportsAndStats("as copied")
    // (Both stores get the same revocation and erasure, each signed by this PC.)
    try same(["revoke", references[0], "--reason", "signed twice"], "revoke")
    try exportsAndStats("after a revocation")
    try same(["erase", references[1], "--yes"], "erase")
    try exportsAndStats("after an erasure")
    for (index, pc) in [sandbox, twin].enumerated() {
      let store: [String] = []
      let verify = try pc.induction(["verify"] + store)
      #expect(verify.status == 0 && verify.output.hasPrefix("ok: 5 entries"), "\(verify)")
      let checkpoint = sandbox.root.appendingPathComponent("checkpoint-\(index).txt")
      let made = try pc.induction(["checkpoint"] + store)
      try Data(made.output.utf8).write(to: checkpoint)
      let against = try pc.induction(["verify", "--against", checkpoint.path] + store)
      #expect(against.status == 0, "\(against.error)")
      let report = sandbox.root.appendingPathComponent("access-\(index).json")
      let access = try pc.induction(
        ["access", "--reference", references[0], "--out", report.path] + store)
      #expect(access.status == 0, "\(access.error)")
      #expect(try String(contentsOf: report, encoding: .utf8).contains(Parent.name))
      let purge = try pc.induction(["purge", "--dry-run"] + store)
      #expect(purge.status == 0 && purge.output.hasPrefix("would erase 0 acknowledgements"))
    }
  }
}
