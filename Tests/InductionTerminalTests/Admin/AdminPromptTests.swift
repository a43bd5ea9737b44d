import Foundation
import InductionCore
import InductionTerminal
import TestSupport
import Testing

@Suite("Admin prompt transcripts")
struct AdminPromptTests {
  /// Two signed families, one in Year 1 and one in Reception (Blue).
  static func seeded() throws -> LedgerBuilder {
    let builder = try LedgerBuilder.inMemory()
    try builder.sign(
      parent: "Zoë Ní Bhriain", children: [("Siobhán Ní Bhriain", "Year 1")],
      at: LedgerBuilder.utc("2026-09-07 08:30"))
    try builder.sign(
      parent: "Ann Able", children: [("Kit Able", "Reception (Blue)")],
      at: LedgerBuilder.utc("2026-09-08 08:30"))
    return builder
  }

  @Test func aSessionOfCommandsMistakesAndQuotingIsExactlyThisTranscript() throws {
    // Given an admin who exports one class, mistypes, and checks the ledger
    let folder = Fixtures.temporaryDirectory("admin-export")
    let out = folder.appendingPathComponent("year 1.csv").path
    let admin = try AdminTestSession(
      lines: [
        "export completion --out \"\(out)\" --class \"Year 1\"",
        "export completion --out \"\(out)\"",
        "export completion --since 2026-13-01",
        "export completion --until 2026-02-30",
        "exprot completion",
        "export \"completion",
        "roster link",
        "verify",
        "",
        "quit",
        "stats",
      ], builder: try Self.seeded())

    // When the prompt runs
    admin.run()

    // Then standard output is exactly the session as it appeared
    #expect(
      admin.output.text == """
        Induction admin. Type help for the commands, quit to leave.
        admin> export completion --out "\(out)" --class "Year 1"
        wrote 1 row to \(out)
        admin> export completion --out "\(out)"
        admin> export completion --since 2026-13-01
        admin> export completion --until 2026-02-30
        admin> exprot completion
        Unknown command "exprot". Type help for the list.
        admin> export "completion
        That line has an unclosed quote.
        admin> roster link
        admin> verify
        ok: 3 entries; genesis key \(KeyFingerprint.display(Fixtures.signingKey.id))
        admin> 
        admin> quit

        """)
    // And each mistake got one plain sentence on standard error, naming what to do
    #expect(
      admin.errors.text == """
        \(out) already exists; choose another --out or add --force to replace it
        --since must be a real date written like 2026-09-01 (year, month, day)
        --until must be a real date written like 2026-09-01 (year, month, day)
        Missing expected argument '<reference>'
        Type help roster for its options.

        """)
    // And the export holds the one Year 1 child
    let csv = try String(contentsOf: URL(fileURLWithPath: out), encoding: .utf8)
    #expect(csv.contains("Year 1,Siobhán Ní Bhriain,"))
    #expect(!csv.contains("Kit Able"))
  }

  @Test func aShellOnlyCommandSaysWhereItRuns() throws {
    let admin = try AdminTestSession(lines: ["migrate --to postgres://db.test/induction", "staff"])
    admin.run()
    #expect(
      admin.output.text == """
        Induction admin. Type help for the commands, quit to leave.
        admin> migrate --to postgres://db.test/induction
        migrate runs from the shell, not this prompt: type quit, then induction migrate.
        admin> staff
        staff runs from the shell, not this prompt: type quit, then induction staff.
        admin> ^D

        """)
  }

  @Test func historyNeverKeepsALineThatMayHoldAName() throws {
    let admin = try AdminTestSession(lines: [
      "stats", "access --parent \"Zoë Ní Bhriain\"", "roster link 7K3M-Q9TZ \"Siobhán Ní Bhriain\"",
      "erase 7K3M-Q9TZ --yes", "verify", "help export",
      // a quote left open, a mistyped or capitalised command, a child to unlink, a reason, a name
      // typed where a reference goes, help for something that is not a command
      "access --parent \"Zoë Ní Bhriain", "acess --parent \"Zoë Ní Bhriain\"",
      "ACCESS --parent \"Zoë Ní Bhriain\"", "roster unlink 7K3M-Q9TZ \"Siobhán Ní Bhriain\"",
      "revoke 7K3M-Q9TZ --reason \"asked by Zoë Ní Bhriain\"", "revoke \"Zoë Ní Bhriain\"",
      "help Zoë Ní Bhriain", "Zoë Ní Bhriain",
      "roster unmatched", "export completion --class \"Year 3\"",
    ])
    admin.run()
    #expect(
      admin.reader.history == [
        "stats", "verify", "help export", "roster unmatched",
        "export completion --class \"Year 3\"",
      ])
    for line in admin.reader.history { #expect(!line.contains("Ní Bhriain")) }
  }

  @Test func tabCompletionOffersCommandsAndClassesButNoPersonsName() throws {
    let admin = try AdminTestSession(lines: ["quit"], builder: try Self.seeded())
    admin.run()
    guard case .answer(let words) = try #require(admin.reader.kinds.first) else {
      Issue.record("the admin prompt offered no completion")
      return
    }
    for expected in [
      "export", "roster", "verify", "keys", "completion", "--class", "--out", "\"Year 1\"",
      "\"Reception (Blue)\"",
    ] {
      #expect(words.contains(expected), "\(expected)")
    }
    for name in ["Zoë", "Ní Bhriain", "Siobhán", "Ann", "Able", "Kit"] {
      #expect(!words.contains { $0.contains(name) }, "\(name) offered for completion")
    }
  }

  @Test func helpListsTheCommandsAndExplainsOne() throws {
    let admin = try AdminTestSession(lines: ["help", "help revoke"])
    admin.run()
    #expect(
      admin.output.text.hasPrefix(
        """
        Induction admin. Type help for the commands, quit to leave.
        admin> help
        Commands:
          access      Show everything held about one parent (subject access request), and nothing about
                      anyone else.
          checkpoint  Print a signed checkpoint of the ledger to print or email to a second person each
                      week.
          erase       Erase one person's details (right to erasure); the signed ledger entry stays, holding
                      no names.
          export      Export acknowledgements, completion or outstanding lists as CSV or an Excel workbook.
          invite      Issue personal links for families still outstanding, to complete the induction at
                      home.
          keys        Show, enrol and retire the signing keys the ledger trusts (one per PC).
          purge       Erase personal details older than `retention:` in school.yaml.
          revoke      Withdraw a mistaken acknowledgement by appending a signed revocation (nothing is
                      deleted).
          roster      Import the enrolment roster and match acknowledgements to it.
          scenarios   Check the scenarios folder.
          stats       Show totals, completion per class, and which scenarios parents get wrong most.
          verify      Check that no ledger entry was altered, removed or forged.
        From the shell only: admin, doctor, grant, kiosk, migrate, serve, setup, staff, start.
        Type help COMMAND for its options; quit to leave.
        admin> help revoke
        OVERVIEW: Withdraw a mistaken acknowledgement by appending a signed revocation
        """))
    #expect(admin.output.text.contains("\nUSAGE: revoke "))
    #expect(admin.output.text.contains("--reason <reason>"))
  }

  @Test func aRevocationAndASubjectAccessRequestRunInTheSession() throws {
    let builder = try Self.seeded()
    let first = try #require(try builder.database.signedEntries().first)
    let shown = LedgerBuilder.shown(first)
    let admin = try AdminTestSession(
      lines: [
        "revoke \(shown) --reason \"Signed for the wrong child\"",
        "access --reference \(shown)",
      ], builder: builder)
    admin.run()
    #expect(admin.output.text.contains("revoked \(shown) (ledger entry 4)\n"))
    #expect(
      admin.output.text.contains(
        "  Parent: Zoë Ní Bhriain (parent); signature typed: Zoë Ní Bhriain\n"))
    #expect(admin.output.text.contains("Signed for the wrong child"))
    #expect(admin.errors.text.isEmpty, "\(admin.errors.text)")
  }
}
