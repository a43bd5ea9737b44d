import Foundation
import Hummingbird
import HummingbirdTesting
import InductionCore
import InductionWeb
import TestSupport
import Testing

/// Several `induction serve` processes on one database behind a load balancer: sessions kept in the
/// store, so any process serves any page of any parent, and a form sent to two at once counts once.
@Suite("Web sessions shared through the store")
struct SharedSessionTests {
  /// Two front ends ("processes") over one store and one clock, keeping sessions in the store.
  struct TwoServers {
    let database: AppDatabase
    let clock = ManualClock()
    let first: WebFrontEnd
    let second: WebFrontEnd

    init(_ engine: TestEngine) throws {
      database = try engine.makeDatabase()
      try database.registerSigningKey(
        Fixtures.signingKey, keyPath: "test-key", at: Fixtures.instant)
      func frontEnd(_ clock: ManualClock, _ database: AppDatabase) -> WebFrontEnd {
        let services = InductionServices(
          content: SchoolContent(catalog: Fixtures.catalog, guidanceText: Fixtures.guidanceText),
          context: SessionContext(station: "Website", mode: "web"), store: database,
          clock: clock.clock, random: .seeded(7), signingKey: Fixtures.signingKey,
          makeSalt: { Array(repeating: 0xA5, count: 16) })
        return WebFrontEnd(
          services: services, invitations: database, isOpen: true, idleTimeout: 1200,
          storage: .database(database))
      }
      first = frontEnd(clock, database)
      second = frontEnd(clock, database)
    }

    /// Runs `body` with a client for each server.
    func test(
      _ body:
        @escaping @Sendable (any TestClientProtocol, any TestClientProtocol) async throws
        -> Void
    ) async throws {
      let one = Application(
        router: try WebApplication.router(frontEnd: first, trustsForwardedFor: true))
      let two = Application(
        router: try WebApplication.router(frontEnd: second, trustsForwardedFor: true))
      try await one.test(.router) { a in
        try await two.test(.router) { b in try await body(a, b) }
      }
    }
  }

  @Test(arguments: TestEngine.available)
  func aParentServedByTwoProcessesInTurnSignsOnce(engine: TestEngine) async throws {
    let servers = try TwoServers(engine)
    try await servers.test { a, b in
      // Given a parent whose requests go to one process, then the other, in turn
      var web = WebClient(a)
      try await web.open()
      #expect(web.heading == "Welcome to Test School")
      var turn = 0
      func next(_ answer: String) async throws {
        turn += 1
        web.client = turn % 2 == 0 ? a : b
        try await web.send(answer)
      }
      // When they go through the whole induction
      for answer in ["", "", "", "1", "", "2", "", "", "Zoë Ní Bhriain", "1", "Siobhán O'Neil"] {
        try await next(answer)
      }
      for answer in ["1", "no", "yes", "zoë ní bhriain", "yes"] { try await next(answer) }
      // Then each page followed from the last wherever it was served, and one entry is signed
      #expect(web.page.contains("<h1 class=\"panel__title\">Thank you</h1>"), "\(web.page)")
      let entries = try servers.database.signedEntries()
      #expect(entries.count == 1)
      #expect(web.page.contains("<strong class=\"reference\">\(entries[0].displayReference)"))
      #expect(try servers.database.verifyLedger().damage == nil)
    }
  }

  @Test(arguments: TestEngine.available)
  func oneFormSentToTwoProcessesIsAppliedOnce(engine: TestEngine) async throws {
    let servers = try TwoServers(engine)
    try await servers.test { a, b in
      var web = WebClient(a)
      try await web.open()
      for _ in 0..<3 { try await web.send("") }
      #expect(web.heading == "Question 1 of 2: First")
      let csrf = web.token("csrf")
      let questionPage = web.token("page")
      // When the answer is sent to one process and, from the same page, to the other
      try await web.send("1")
      web.client = b
      try await web.send("1", csrf: csrf, pageNumber: questionPage)
      // Then the second was not applied: one answer is recorded, and the page moved on once
      #expect(web.page.contains("That page had already been answered, so nothing was changed."))
      #expect(web.heading.contains("right"))
      #expect(try servers.database.quizAttempts().count == 1)
    }
  }

  @Test func theStoreKeepsNoSessionIdAndForgetsASessionOnceItHasExpired() async throws {
    let servers = try TwoServers(.sqlite)
    let id = try await servers.first.begin()
    // The store holds the session under a hash of its id, never the id itself
    let key = Digest.sha256Hex(id)
    #expect(try servers.database.webSession(key: key) != nil)
    #expect(try servers.database.webSession(key: id) == nil)
    #expect(try servers.database.webSessionCount().count == 1)
    // When it has been idle past the timeout twice (timed out, then gone), another start sweeps it
    servers.clock.advance(1201)
    _ = try await servers.second.begin()
    servers.clock.advance(1201)
    _ = try await servers.second.begin()
    #expect(try servers.database.webSession(key: key) == nil)
  }
}
