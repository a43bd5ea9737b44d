import Foundation
import Hummingbird
import HummingbirdTesting
import InductionWeb
import TestSupport
import Testing

@testable import InductionCore

/// Personal links: issued with the outstanding list, opened on the web, used up by a signing.
@Suite("Personal links")
struct PersonalLinkTests {
  static let base = InvitationBase("https://induction.example-school.org.uk")!

  /// The roster: Zoë's two children (one email address), and another family without one.
  static let roster = [
    RosterRow(
      line: 2, parentName: "Zoë Ní Bhriain", parentEmail: "Zoe@Example.test",
      childName: "Siobhán O'Neil-Smith", className: "Reception (Blue)"),
    RosterRow(
      line: 3, parentName: "Zoë Ní Bhriain", parentEmail: "zoe@example.test",
      childName: "Oisín O'Neil-Smith", className: "Year 2"),
    RosterRow(
      line: 4, parentName: "Tom Jones", parentEmail: nil, childName: "Ben Jones",
      className: "Year 2"),
  ]

  /// Imports the roster and issues links for everyone outstanding (or one family, or a class);
  /// returns the list's rows as cells.
  static func issue(
    _ fixture: WebFixture, only: String? = nil, className: String? = nil, days: Int = 30,
    importRoster: Bool = true
  ) throws -> [[String]] {
    if importRoster { try fixture.database.replaceRoster(roster, at: fixture.clock.now) }
    let url = Fixtures.temporaryDirectory("links").appendingPathComponent("links.csv")
    let writer = try CSVExportWriter(
      destination: .file(url, displayPath: "links.csv", overwrite: false),
      header: ExportKind.outstanding.header + InvitationIssue.header)
    _ = try fixture.database.export(
      .outstanding, filter: ExportFilter(className: className),
      context: ExportContext(
        currentGuidance: Guidance(text: Fixtures.guidanceText).sha256,
        timeZone: Fixtures.school.timeZone),
      into: writer,
      links: InvitationIssue(base: base, days: days, only: only, at: fixture.clock.now))
    let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
    return text.dropFirst().split(separator: "\r\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  /// Walks the fixture induction from its first page and signs for Siobhán.
  static func completeInduction(_ web: inout WebClient) async throws {
    try await web.send("")
    try await web.send("")
    try await web.send("")
    // The fixture's seeded order: the second question is answered wrongly once, then again.
    for answer in ["1", "", "1", "", "", "1", "", ""] { try await web.send(answer) }
    try await web.send("Zoë Ní Bhriain")
    try await web.send("1")
    try await web.send("Siobhán O'Neil-Smith")
    try await web.send("1")
    try await web.send("no")
    try await web.send("yes")
    try await web.send("Zoë Ní Bhriain")
    try await web.send("yes")
  }

  @Test func aParentSignsFromTheirLinkWhichThenSaysItWasUsed() async throws {
    // Given a server that needs personal links, and links issued for everyone outstanding
    let fixture = try WebFixture(isOpen: false)
    let rows = try Self.issue(fixture)

    // Then siblings of one email address share a link, each family gets its own, and the list
    // says when they expire (in the school's time)
    #expect(rows.map { $0[1] } == ["Siobhán O'Neil-Smith", "Ben Jones", "Oisín O'Neil-Smith"])
    #expect(rows.map(\.count) == [8, 8, 8])
    #expect(rows[0][6] == rows[2][6] && rows[0][6] != rows[1][6])
    #expect(rows.allSatisfy { $0[6].hasPrefix("https://induction.example-school.org.uk/i/") })
    #expect(rows.map { $0[7] } == Array(repeating: "2026-12-26 09:00:00 +00:00", count: 3))
    // And the database keeps only hashes: no token is anywhere in it
    let tokens = rows.map { String($0[6].split(separator: "/").last!) }
    #expect(Set(tokens).count == 2 && tokens.allSatisfy { $0.utf8.count == 43 })
    let stored = try fixture.database.read { db in
      try String.fetchAll(db, sql: "SELECT token_hash || family_hash FROM invitation")
    }
    #expect(stored.count == 2)
    #expect(!stored.contains { row in tokens.contains { row.contains($0) } })

    try await fixture.test { web in
      // When someone opens the site without a link, they are asked for one and nothing starts
      let bare = try await web.client.execute(uri: "/", method: .get)
      #expect(bare.status == .ok && bare.headers[.setCookie] == nil)
      #expect(String(buffer: bare.body).contains("Open your personal link"))

      // When Zoë opens her link, it leads to the induction at an address holding no token, and
      // names no one
      let opened = try await web.client.execute(uri: "/i/\(tokens[0])", method: .get)
      #expect(opened.status == .seeOther && opened.headers[.location] == "/induction")
      try await web.open(link: rows[0][6])
      #expect(web.heading == "Welcome to Test School")
      #expect(!web.page.contains("Siobhán") && !web.page.contains("Zoë"))
      try await Self.completeInduction(&web)
      #expect(web.page.contains("<h1 class=\"panel__title\">Thank you</h1>"))

      // Then the link is used by that signing, and opening it again says so
      let entry = try #require(try fixture.database.signedEntries().last)
      let used = try fixture.database.read { db in
        try Int.fetchAll(db, sql: "SELECT ledger_seq FROM invitation WHERE used_at IS NOT NULL")
      }
      #expect(used == [entry.seq])
      var again = WebClient(web.client)
      let status1 = try await again.open(link: rows[0][6])
      #expect(status1 == .gone)
      #expect(again.page.contains("This link has already been used to sign the guidance."))
      #expect(again.cookie == nil)
      // And the other family's link still works
      var other = WebClient(web.client)
      let status2 = try await other.open(link: rows[1][6])
      #expect(status2 == .seeOther)
    }
    #expect(try fixture.database.verifyLedger().damage == nil)
  }

  @Test func anExpiredWithdrawnReplacedOrUnknownLinkStartsNothing() async throws {
    let fixture = try WebFixture(isOpen: false)
    let first = try Self.issue(fixture, days: 7)
    let tokenLink = first[1][6]
    try await fixture.test { web in
      // A link past its days has expired
      fixture.clock.advance(7 * 86_400 + 1)
      let status3 = try await web.open(link: tokenLink)
      #expect(status3 == .gone)
      #expect(web.page.contains("This link has expired."))
    }
    // A new list replaces each family's older unused link
    let second = try Self.issue(fixture, importRoster: false)
    try await fixture.test { web in
      let status4 = try await web.open(link: first[0][6])
      #expect(status4 == .gone)
      #expect(web.page.contains("This link no longer works"))
      let status5 = try await web.open(link: second[0][6])
      #expect(status5 == .seeOther)
    }
    // Withdrawing a class stops its families' links (Ben's family is in Year 2), not others'
    let withdrawn = try fixture.database.withdrawInvitations(
      classKey: NameNormalisation.matchKey("year 2"), at: fixture.clock.now)
    #expect(withdrawn == 2)
    try await fixture.test { web in
      let status6 = try await web.open(link: second[1][6])
      #expect(status6 == .gone)
      // A well-formed token the school never sent, and a mangled one, are not found
      let status7 = try await web.open(link: "/i/" + String(repeating: "A", count: 43))
      #expect(status7 == .notFound)
      #expect(web.page.contains("This is not a link the school sent"))
      let status8 = try await web.open(link: "/i/" + second[0][6].suffix(20))
      #expect(status8 == .notFound)
    }
  }

  @Test func aLinkOpenedTooOftenIsRefusedForAWhile() async throws {
    let fixture = try WebFixture(isOpen: false)
    let link = try Self.issue(fixture)[1][6]
    try await fixture.test { web in
      for _ in 0..<20 {
        var tab = WebClient(web.client)
        let status9 = try await tab.open(link: link)
        #expect(status9 == .seeOther)
      }
      let status10 = try await web.open(link: link)
      #expect(status10 == .tooManyRequests)
      #expect(web.page.contains("There have been too many tries."))
      fixture.clock.advance(10 * 60 + 1)
      let status11 = try await web.open(link: link)
      #expect(status11 == .seeOther)
    }
  }

  @Test func oneAddressStartingTooManyInductionsIsRefusedForAWhile() async throws {
    let fixture = try WebFixture(isOpen: true)
    let link = try Self.issue(fixture)[1][6]
    try await fixture.test { web in
      func start(_ uri: String, from address: String) async throws -> HTTPResponse.Status {
        var headers = HTTPFields()
        headers[.init("X-Forwarded-For")!] = "198.51.100.1, \(address)"
        return try await web.client.execute(uri: uri, method: .get, headers: headers).status
      }
      // Sixty starts from one address (the front page, then a link) are allowed
      for _ in 0..<55 {
        let status = try await start("/", from: "203.0.113.7")
        #expect(status == .seeOther)
      }
      for _ in 0..<5 {
        let started1 = try await start("/i/\(link.suffix(43))", from: "203.0.113.7")
        #expect(started1 == .seeOther)
      }
      // The next is refused, from the front page or a link, saying so
      let started2 = try await start("/", from: "203.0.113.7")
      #expect(started2 == .tooManyRequests)
      let started3 = try await start("/i/\(link.suffix(43))", from: "203.0.113.7")
      #expect(started3 == .tooManyRequests)
      // Another address is not held up, and ten minutes later the first may start again
      let started4 = try await start("/", from: "203.0.113.8")
      #expect(started4 == .seeOther)
      fixture.clock.advance(10 * 60 + 1)
      let started5 = try await start("/", from: "203.0.113.7")
      #expect(started5 == .seeOther)
    }
  }

  @Test func aRefusedLinkIsExplainedInTheBrowsersLanguage() async throws {
    let fixture = try WebFixture(
      content: Fixtures.content(), isOpen: false)
    try await fixture.test { web in
      let unknown = "/i/" + String(repeating: "b", count: 43)
      let status12 = try await web.open(link: unknown, acceptLanguage: "pl-PL,pl;q=0.9,en;q=0.5")
      #expect(status12 == .notFound)
      #expect(web.page.contains("<html lang=\"pl\">"))
      let status13 = try await web.open(link: unknown, acceptLanguage: "fr, cy;q=0.8")
      #expect(status13 == .notFound)
      #expect(web.page.contains("<html lang=\"cy\">"))
      let status14 = try await web.open(link: unknown, acceptLanguage: "de")
      #expect(status14 == .notFound)
      #expect(web.page.contains("<html lang=\"en\">"))
    }
  }

  @Test func oneFamilyCanBeGivenANewLinkByEmailOrName() throws {
    let fixture = try WebFixture(isOpen: false)
    let everyone = try Self.issue(fixture)
    // By email, whatever its case: both of Zoë's children, one new link
    let zoe = try Self.issue(fixture, only: " ZOE@example.test", importRoster: false)
    #expect(zoe.map { $0[1] } == ["Siobhán O'Neil-Smith", "Oisín O'Neil-Smith"])
    #expect(zoe[0][6] == zoe[1][6] && zoe[0][6] != everyone[0][6])
    // By a child's name, spaced and cased anyhow
    let ben = try Self.issue(fixture, only: "ben   JONES", importRoster: false)
    #expect(ben.map { $0[1] } == ["Ben Jones"])
    // Someone not outstanding: nothing is issued, and the sentence repeats nothing typed
    #expect(throws: InvitationError.noSuchFamily) {
      try Self.issue(fixture, only: "Nobody Here", importRoster: false)
    }
    #expect(!InvitationError.noSuchFamily.localizedDescription.contains("Nobody"))
    let open = try fixture.database.read { db in
      try db.fetchAll(
        sql: "SELECT id FROM invitation WHERE withdrawn_at IS NULL", arguments: []
      ).count
    }
    #expect(open == 2)
  }

  @Test func aLinkAddressMustBeSafeForParentsToOpen() {
    #expect(
      InvitationBase("https://induction.example-school.org.uk/")?.text
        == "https://induction.example-school.org.uk")
    #expect(InvitationBase("http://127.0.0.1:8080")?.text == "http://127.0.0.1:8080")
    for refused in [
      "http://induction.example-school.org.uk", "https://x.test/?a=1", "https://x.test/#top",
      "https://user:pw@x.test", "ftp://x.test", "induction.example-school.org.uk", "",
    ] {
      #expect(InvitationBase(refused) == nil, "\(refused)")
    }
    #expect(InvitationToken(link: String(repeating: "a", count: 42)) == nil)
    #expect(InvitationToken(link: String(repeating: "a", count: 42) + "=") == nil)
    #expect(InvitationToken.random() != InvitationToken.random())
  }
}
