import Foundation
import InductionCore
import TestSupport
import Testing

/// A data folder remembers the shared database it was set up with (`induction setup`), so a PC set
/// up for PostgreSQL never starts a second, local ledger by accident.
@Suite(
  "A data folder remembers its shared database", .enabled(if: PostgresTestServer.shouldRun),
  .hangGuard)
struct RememberedDatabaseTests {
  /// A sandbox given no database by its environment.
  static func pc() throws -> Sandbox {
    let sandbox = try Sandbox()
    sandbox.databaseURL = nil
    return sandbox
  }

  static func conf(_ sandbox: Sandbox) -> URL {
    sandbox.dataDirectory.appendingPathComponent("database.conf")
  }

  @Test func aPCSetUpForTheServerUsesItWithoutTheFlagAndEnrolHintsNameIt() throws {
    let location = try PostgresTestServer.freshDatabase()
    let url = PostgresTestServer.url(of: location)
    let remembered = location.urlWithoutPassword
    let first = try Self.pc()
    let second = try Self.pc()

    // Given the first PC is set up for the shared database
    let setUp = try first.induction(["setup", "--database", url])
    #expect(setUp.status == 0, "\(setUp.error)")
    #expect(
      setUp.output.hasPrefix(
        "ok: this data folder (\(first.dataDirectory.path)) now uses the shared database \(remembered); commands here need no --database\n"
      ), "\(setUp.output)")
    #expect(setUp.output.contains("(trusted)"))
    let text = try String(contentsOf: Self.conf(first), encoding: .utf8)
    #expect(text.contains("database = \(remembered)\n"))
    let mode =
      try FileManager.default.attributesOfItem(atPath: Self.conf(first).path)[
        .posixPermissions] as? Int
    #expect(mode == 0o600)

    // When a second PC is set up, it is told the whole command that enrols it, --database included
    let joined = try second.induction(["setup", "--database", url])
    #expect(joined.status == 0, "\(joined.error)")
    #expect(joined.output.contains("(not enrolled)"))
    let hint = try #require(
      joined.output.split(separator: "\n").first { $0.contains("there, run: induction keys enrol") }
    )
    #expect(hint.hasSuffix("--name \"NAME\" --database '\(remembered)'"), "\(hint)")
    // And starting it without the flag is refused by the shared ledger (not a new local one),
    // naming the same whole command
    let refused = try PipedProgram.run(
      second.executable.path, second.startArguments(seed: 1), environment: second.environment)
    #expect(refused.status != 0)
    #expect(
      collapse(refused.error).contains("--name NAME --database '\(remembered)'`"),
      "\(refused.error)")

    // Then once the first PC enrols it, run as printed (the first PC without the flag), it is trusted
    let command = hint.components(separatedBy: "there, run: induction ").last!
    let arguments = command.replacingOccurrences(of: "\"NAME\"", with: "Reception-2")
      .replacingOccurrences(of: "'", with: "").split(separator: " ").map(String.init)
    let enrolled = try first.induction(arguments)
    #expect(enrolled.status == 0, "\(enrolled.error)")
    let shown = try second.induction(["keys", "show"])
    #expect(shown.output.contains("(trusted)"), "\(shown.output)")
    // And neither PC has a local ledger
    for pc in [first, second] {
      #expect(!FileManager.default.fileExists(atPath: pc.databasePath))
      #expect(try pc.induction(["verify"]).output.hasPrefix("ok: 2 entries"))
    }
  }

  @Test func theFirstCommandGivenADatabaseRemembersItWithoutItsPassword() throws {
    // Given a URL with a password (the test server trusts local logins, so any password opens it)
    let location = try PostgresTestServer.freshDatabase()
    var withPassword = location
    withPassword.password = "s3cret-Pa55"
    let pc = try Self.pc()

    // When a command is given it once
    let shown = try pc.induction([
      "keys", "show", "--database", PostgresTestServer.url(of: withPassword),
    ])
    #expect(shown.status == 0, "\(shown.error)")

    // Then the folder remembers the database but not the password, and says where it belongs
    let text = try String(contentsOf: Self.conf(pc), encoding: .utf8)
    #expect(text.contains("database = \(location.urlWithoutPassword)\n"))
    #expect(!text.contains("s3cret"))
    #expect(collapse(shown.error).contains("put it in ~/.pgpass"), "\(shown.error)")
    #expect(!shown.error.contains("s3cret"))
    // And later commands use it without the flag
    let verify = try pc.induction(["verify"])
    #expect(verify.status == 0 && verify.output.hasPrefix("ok: 1 entry;"), "\(verify)")
    #expect(!FileManager.default.fileExists(atPath: pc.databasePath))
  }

  @Test func aFolderSetUpForTheServerNeverOpensALocalLedger() throws {
    let location = try PostgresTestServer.freshDatabase()
    let url = PostgresTestServer.url(of: location)
    let pc = try Self.pc()
    #expect(try pc.induction(["setup", "--database", url]).status == 0)
    let conf = Self.conf(pc).path

    // A migration of the local ledger is refused: there is none in use here
    let migrate = try pc.induction(["migrate", "--to", url])
    #expect(migrate.status == 1)
    #expect(
      collapse(migrate.error)
        == "induction: this data folder is set up for the shared database \(location.urlWithoutPassword) (\(conf)), so induction will not open a local ledger in it: its records are in that database",
      "\(migrate.error)")

    // Another database than the one set up is refused
    var other = location
    other.database = "another"
    let wrong = try pc.induction(["verify", "--database", PostgresTestServer.url(of: other)])
    #expect(wrong.status == 1)
    #expect(
      collapse(wrong.error).contains("this data folder is set up for the shared database"),
      "\(wrong.error)")

    // And a damaged setting is refused rather than read as "no database"
    try Data("database = sqlite\n".utf8).write(to: Self.conf(pc))
    for arguments in [["verify"], ["keys", "show"], ["stats"]] {
      let refused = try pc.induction(arguments)
      #expect(refused.status == 1, "\(arguments)")
      #expect(
        collapse(refused.error)
          == "induction: \(conf):1 is not `database = postgres://…` without a password, so no local ledger was opened; run `induction setup --database URL` to write it again",
        "\(refused.error)")
    }
    let started = try PipedProgram.run(
      pc.executable.path, pc.startArguments(seed: 1), environment: pc.environment)
    #expect(started.status != 0)
    #expect(!started.output.contains("Welcome"))
    #expect(!FileManager.default.fileExists(atPath: pc.databasePath))
  }
}
