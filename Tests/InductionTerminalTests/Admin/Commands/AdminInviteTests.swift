import Foundation
import InductionCore
import InductionTerminal
import TestSupport
import Testing

@Suite("Admin: personal links")
struct AdminInviteTests {
  /// Zoë has signed for Siobhán; Ben's and Ruby's families are outstanding.
  static func seeded() throws -> LedgerBuilder {
    let builder = try LedgerBuilder.inMemory()
    try builder.sign(
      parent: "Zoë Ní Bhriain", children: [("Siobhán Ní Bhriain", "Year 1")],
      at: LedgerBuilder.utc("2026-09-07 08:30"))
    try builder.database.replaceRoster(
      [
        RosterRow(
          line: 2, parentName: "Zoë Ní Bhriain", parentEmail: "zoe@example.test",
          childName: "Siobhán Ní Bhriain", className: "Year 1"),
        RosterRow(
          line: 3, parentName: "Tom Jones", parentEmail: "tom@example.test",
          childName: "Ben Jones", className: "Year 1"),
        RosterRow(
          line: 4, parentName: "Jo Smith", parentEmail: nil, childName: "Ruby Smith",
          className: "Reception (Blue)"),
      ], at: Fixtures.instant)
    return builder
  }

  static func rows(_ path: String) throws -> [[String]] {
    let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    return text.dropFirst().split(separator: "\r\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  @Test func staffIssueLinksForEveryoneOutstandingThenForOneFamilyThenWithdrawAClass() throws {
    // Given a roster with two families outstanding
    let folder = Fixtures.temporaryDirectory("admin-invite")
    let all = folder.appendingPathComponent("links.csv").path
    let one = folder.appendingPathComponent("ben.csv").path
    let merge = folder.appendingPathComponent("merge.csv").path
    let admin = try AdminTestSession(
      lines: [
        "invite --url https://induction.example-school.org.uk/ --out \"\(all)\"",
        "invite --family --url https://induction.example-school.org.uk --days 7 --out \"\(one)\"",
        "BEN jones",
        "invite --family --url https://induction.example-school.org.uk --out \"\(one)\" --force",
        "Siobhán Ní Bhriain",
        "invite --url http://induction.example-school.org.uk",
        "invite --url https://induction.example-school.org.uk --days 0",
        "invite",
        "export completion --links https://induction.example-school.org.uk",
        "export outstanding --class \"Year 1\" --links https://induction.example-school.org.uk --out \"\(merge)\"",
        "invite --withdraw --class \"reception (blue)\"",
        "invite --withdraw",
      ], builder: try Self.seeded())

    // When the prompt runs
    admin.run()

    // Then each command said what it did, or what to do instead, in one sentence
    #expect(
      admin.output.text == """
        Induction admin. Type help for the commands, quit to leave.
        admin> invite --url https://induction.example-school.org.uk/ --out "\(all)"
        wrote 2 rows with personal links to \(all); each works once, until 2026-12-26 09:00
        admin> invite --family --url https://induction.example-school.org.uk --days 7 --out "\(one)"
        The family's email address, or a parent's or child's name: BEN jones
        wrote 1 row with personal links to \(one); each works once, until 2026-12-03 09:00
        admin> invite --family --url https://induction.example-school.org.uk --out "\(one)" --force
        The family's email address, or a parent's or child's name: Siobhán Ní Bhriain
        admin> invite --url http://induction.example-school.org.uk
        admin> invite --url https://induction.example-school.org.uk --days 0
        admin> invite
        admin> export completion --links https://induction.example-school.org.uk
        admin> export outstanding --class "Year 1" --links https://induction.example-school.org.uk --out "\(merge)"
        wrote 1 row to \(merge)
        admin> invite --withdraw --class "reception (blue)"
        withdrew 1 unused link; they no longer work
        admin> invite --withdraw
        withdrew 1 unused link; they no longer work
        admin> ^D

        """)
    #expect(
      admin.errors.text.split(separator: "\n") == [
        "no outstanding family matches what you typed; check the spelling, or see who is outstanding with `induction export outstanding`",
        "the link address must start https:// (or http:// for this computer only) and have no ? or #; give the address parents reach `induction serve` at, e.g. https://induction.example-school.org.uk",
        "links can work for 1 to 365 days; give a number in that range",
        "say where parents will open the links with --url, e.g. --url https://induction.example-school.org.uk",
        "--links goes only with `export outstanding`",
      ])

    // And the first list gave each outstanding family its own link, and the signed one none
    let first = try Self.rows(all)
    #expect(first.first == ExportKind.outstanding.header + ["Link", "Link expires"])
    #expect(first.dropFirst().map { $0[1] } == ["Ruby Smith", "Ben Jones"])
    #expect(
      first.dropFirst().allSatisfy { $0[6].hasPrefix("https://induction.example-school.org.uk/i/") }
    )
    // And Ben's new link replaced his first; the refused second --family left his file alone
    let ben = try Self.rows(one)
    #expect(ben.dropFirst().map { $0[1] } == ["Ben Jones"])
    #expect(ben[1][6] != first[2][6])
    #expect(
      try admin.builder.database.invitationStatus(
        InvitationToken(link: String(first[2][6].split(separator: "/").last!))!,
        at: Fixtures.instant)
        == .withdrawn)
    // And the mail merge for Year 1 replaced Ben's link again; withdrawing left none open
    let merged = try Self.rows(merge)
    #expect(
      try admin.builder.database.invitationStatus(
        InvitationToken(link: String(merged[1][6].split(separator: "/").last!))!,
        at: Fixtures.instant)
        == .withdrawn)
    // And no name typed at the family prompt reached the history
    #expect(!admin.reader.history.contains { $0.contains("jones") || $0.contains("Siobhán") })
  }
}
