import Dispatch
import Foundation
import InductionCore
import InductionWeb
import NIOConcurrencyHelpers
import TestSupport
import Testing

/// Parents at home are served side by side: a store call that takes its time (SQLite's flush at a
/// signing, a slow PostgreSQL server) holds up only the parent it is for.
@Suite("Web parents served side by side")
struct ConcurrentParentsTests {
  /// How long the held call waits before it lets itself go.
  ///
  /// The test's own awaits resume on the cooperative threads, which the whole test run shares: on a
  /// loaded two-core machine they have queued behind other suites' work for over a minute. So the
  /// held call lets itself go only after ten minutes, long past any queue, so that a front end that
  /// did wait for it fails the test instead of hanging the run.
  static let patience: DispatchTimeInterval = .seconds(600)

  /// The store, except that the first session to start waits in it until the test lets it go (or
  /// ``patience`` runs out).
  final class GatedStore: InductionStore {
    let inner: AppDatabase
    private let entered = DispatchSemaphore(value: 0)
    private let gate = DispatchSemaphore(value: 0)
    private let state = NIOLockedValueBox((gated: true, released: false))

    init(_ inner: AppDatabase) { self.inner = inner }

    /// Whether the held call is still waiting for ``release()``.
    var isHolding: Bool { state.withLockedValue { !$0.released } }

    /// Waits until a session start is held in the store; false if none was.
    func waitUntilHeld() async -> Bool {
      await withCheckedContinuation { continuation in
        DispatchQueue.global().async { [entered] in
          continuation.resume(
            returning: entered.wait(timeout: .now() + ConcurrentParentsTests.patience) == .success)
        }
      }
    }

    /// Lets the held call go on.
    func release() {
      state.withLockedValue { $0.released = true }
      gate.signal()
    }

    func startSession(
      context: SessionContext, guidance: Guidance, guidanceText: String, shown: ShownText,
      shownGuidanceText: String, at date: Date
    ) throws -> Int64 {
      let first = state.withLockedValue { state in
        defer { state.gated = false }
        return state.gated
      }
      if first {
        entered.signal()
        if gate.wait(timeout: .now() + ConcurrentParentsTests.patience) == .timedOut {
          state.withLockedValue { $0.released = true }
        }
      }
      return try inner.startSession(
        context: context, guidance: guidance, guidanceText: guidanceText, shown: shown,
        shownGuidanceText: shownGuidanceText, at: date)
    }

    func recordAttempt(_ attempt: QuizAttempt, session: Int64) throws {
      try inner.recordAttempt(attempt, session: session)
    }

    func endSession(_ session: Int64, outcome: SessionOutcome, at date: Date) throws {
      try inner.endSession(session, outcome: outcome, at: date)
    }

    func guidanceVersions(language: String) throws -> [(
      sha256: String, text: String, firstSeenAt: String
    )] { try inner.guidanceVersions(language: language) }

    func entry(reference typed: String) throws -> LedgerEntry? {
      try inner.entry(reference: typed)
    }

    func appendAcknowledgement(
      _ draft: AcknowledgementDraft, key: SigningKey, at date: Date, salt: [UInt8]
    ) throws -> LedgerEntry {
      try inner.appendAcknowledgement(draft, key: key, at: date, salt: salt)
    }

    func rosterClassNames() throws -> [String] { try inner.rosterClassNames() }

    func checkpointWAL() { inner.checkpointWAL() }
  }

  /// Where the front end keeps its sessions in each run.
  enum Keeping: String, CaseIterable, CustomTestStringConvertible {
    case memory, database
    var testDescription: String { rawValue }
  }

  @Test(arguments: Keeping.allCases)
  func aStoreCallThatTakesItsTimeHoldsUpOnlyItsOwnParent(keeping: Keeping) async throws {
    let database = try TestEngine.default.makeDatabase()
    try database.registerSigningKey(Fixtures.signingKey, keyPath: "test-key", at: Fixtures.instant)
    let store = GatedStore(database)
    let services = InductionServices(
      content: SchoolContent(catalog: Fixtures.catalog, guidanceText: Fixtures.guidanceText),
      context: SessionContext(station: "Website", mode: "web"), store: store,
      clock: ManualClock().clock, random: .seeded(7), signingKey: Fixtures.signingKey,
      makeSalt: { Array(repeating: 0xA5, count: 16) })
    let frontEnd = WebFrontEnd(
      services: services, invitations: database, isOpen: true, idleTimeout: 1200,
      storage: keeping == .memory ? .memory : .database(database))

    // Given two parents at the welcome, the first of whom begins, and whose session start is
    // held in the store
    let slow = try await frontEnd.begin()
    let other = try await frontEnd.begin()
    let welcome = try #require(try await frontEnd.page(slow)).body.html
    let form = WebFrontEnd.Form(
      csrf: Self.hidden("csrf", in: welcome), page: Int(Self.hidden("page", in: welcome)),
      answer: "")
    let begun = Task { try await frontEnd.submit(slow, form: form) }
    #expect(await store.waitUntilHeld())

    // When the other parent asks for their page meanwhile
    let page = try await frontEnd.page(other)

    // Then it is drawn while the first parent's store call is still held
    #expect(store.isHolding)
    #expect(page?.body.html.contains(Self.hidden("csrf", in: welcome)) == false)
    #expect(page?.title.contains("Test School") == true)

    // And the first parent goes on to the guidance once the store answers
    store.release()
    #expect(try await begun.value == .shown)
    let guidance = try #require(try await frontEnd.page(slow))
    #expect(guidance.body.html.contains("1 of"))
  }

  @Test func aFormSentManyTimesAtOnceIsAppliedOnce() async throws {
    let fixture = try WebFixture()
    let frontEnd = fixture.frontEnd
    // Given a parent at the welcome
    let id = try await frontEnd.begin()
    let welcome = try #require(try await frontEnd.page(id)).body.html
    let form = WebFrontEnd.Form(
      csrf: Self.hidden("csrf", in: welcome), page: Int(Self.hidden("page", in: welcome)),
      answer: "")

    // When the same form arrives eight times at once (a double tap, a flaky connection)
    try await withThrowingTaskGroup(of: WebFrontEnd.Outcome.self) { group in
      for _ in 0..<8 { group.addTask { try await frontEnd.submit(id, form: form) } }
      for try await outcome in group { #expect(outcome == .shown) }
    }

    // Then the induction moved on by one page: the first guidance page, with one session record
    let page = try #require(try await frontEnd.page(id)).body.html
    #expect(page.contains("1 of"))
    #expect(Int(Self.hidden("page", in: page)) == Int(Self.hidden("page", in: welcome))! + 1)
    #expect(try fixture.database.sessionOutcomes() == [.inProgress])
  }

  /// A hidden field's value in a page's HTML.
  static func hidden(_ name: String, in html: String) -> String {
    guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return "" }
    return String(html[range.upperBound...].prefix { $0 != "\"" })
  }
}
