import Foundation
import InductionCore
import NIOConcurrencyHelpers

/// The inductions of parents on the web, each behind a session cookie: starts them, draws their
/// page, and applies each form to the one induction in InductionCore. Sessions live in this
/// process's memory, or in the store so that several processes share them
/// (``WebSessionStorage``); an idle one expires as at the kiosk and nothing is signed.
///
/// Requests of different parents run side by side: whatever touches the store runs on
/// ``StoreThreads``, and two requests of one session are kept apart by the version each session is
/// saved with (the later save finds it changed and applies nothing), in one process or several.
public final class WebFrontEnd: Sendable {
  let services: InductionServices
  /// Seconds without a request after which a session is abandoned unsigned.
  let idleTimeout: TimeInterval
  /// The most sessions kept at once: past it the one idle longest is ended.
  let maximumSessions: Int
  /// Where personal links are looked up (none: no link opens).
  let invitations: (any InvitationStore)?
  /// Whether anyone may start without a personal link (`serve --open`).
  public let isOpen: Bool
  private let keeper: any WebSessionKeeper
  private let limiters = NIOLockedValueBox(
    (link: RateLimiter.perLink(), address: RateLimiter.perAddress()))

  /// A front end over `services` (whose context names the server's station, mode `web`), opening
  /// personal links from `invitations`, and to anyone at all when `isOpen`.
  public init(
    services: InductionServices, invitations: (any InvitationStore)?, isOpen: Bool,
    idleTimeout: TimeInterval = 20 * 60, maximumSessions: Int = 10_000,
    storage: WebSessionStorage = .memory
  ) {
    switch storage {
    case .memory: keeper = MemorySessions()
    case .database(let database): keeper = StoredSessions(database)
    }
    self.services = services
    self.invitations = invitations
    self.isOpen = isOpen
    self.idleTimeout = idleTimeout
    self.maximumSessions = maximumSessions
  }

  /// A page to send: its language, title and main content.
  public struct Page: Sendable {
    /// The language tag, for `<html lang>`.
    public var language: String
    /// The `<title>`.
    public var title: String
    /// The school's name, for the header.
    public var school: String
    /// The main content.
    public var body: WebText
  }

  /// A form as the browser sent it.
  public struct Form: Sendable, Decodable {
    /// The session's CSRF token.
    public var csrf: String?
    /// The number of the page the form was drawn on.
    public var page: Int?
    /// The answer (a choice's value, a name, empty for Continue).
    public var answer: String?
    /// A command button (`help`, `guidance`, `language`, `back`, `startOver`).
    public var command: String?

    /// Creates a form.
    public init(csrf: String?, page: Int?, answer: String? = nil, command: String? = nil) {
      self.csrf = csrf
      self.page = page
      self.answer = answer
      self.command = command
    }
  }

  /// What became of a form.
  public enum Outcome: Sendable, Equatable {
    /// Applied (or answered with a notice): show the page again.
    case shown
    /// No such session (expired long ago, or never): start again.
    case noSession
    /// The CSRF token was missing or wrong: nothing was done.
    case forbidden
  }

  /// What opening a personal link did.
  public enum LinkOutcome: Sendable, Equatable {
    /// An induction began: its session id, for the cookie.
    case started(String)
    /// The link cannot be used, and why.
    case refused(InvitationStatus)
    /// The link was opened too often lately.
    case tooMany
  }

  /// Starts a new induction; returns its session id, for the cookie. `invitation` is the personal
  /// link it came from.
  public func begin(invitation: Int64? = nil) async throws -> String {
    try await StoreThreads.run { try self.beginNow(invitation: invitation) }
  }

  private func beginNow(invitation: Int64?) throws -> String {
    try sweep()
    let id = Self.token()
    var induction = Induction(services: services)
    var session = WebSession(
      state: induction.state, csrfToken: Self.token(), lastSeen: services.clock.now())
    session.invitation = invitation
    session.view.apply(induction.start())
    session.state = induction.state
    try claim(&session)
    _ = try keeper.save(Self.key(id), session, replacing: nil)
    return id
  }

  /// Whether a client at `address` may start another induction now (counted when it may). An
  /// unknown address (nil) is not limited by address.
  public func mayStart(from address: String?) async -> Bool {
    mayStartNow(from: address)
  }

  private func mayStartNow(from address: String?) -> Bool {
    guard let address else { return true }
    let now = services.clock.now()
    return limiters.withLockedValue { $0.address.allows(address, at: now) }
  }

  /// Starts an induction from the personal link holding `token`, when it can be used, for a client
  /// at `address`.
  public func open(link token: String, from address: String? = nil) async throws -> LinkOutcome {
    try await StoreThreads.run { try self.openNow(link: token, from: address) }
  }

  private func openNow(link token: String, from address: String?) throws -> LinkOutcome {
    guard mayStartNow(from: address) else { return .tooMany }
    guard let token = InvitationToken(link: token), let invitations else {
      return .refused(.unknown)
    }
    let now = services.clock.now()
    guard limiters.withLockedValue({ $0.link.allows(token.hash, at: now) }) else {
      return .tooMany
    }
    let status = try invitations.invitationStatus(token, at: now)
    guard case .open(let invitation) = status else { return .refused(status) }
    return .started(try beginNow(invitation: invitation))
  }

  /// A fresh induction after session `id` ended, from the same personal link while it is still
  /// open (or none, when anyone may start); nil when it needs a link it does not have.
  public func beginAgain(after id: String) async throws -> String? {
    try await StoreThreads.run { try self.beginAgainNow(after: id) }
  }

  private func beginAgainNow(after id: String) throws -> String? {
    var invitation = try keeper.load(Self.key(id))?.session.invitation
    if let link = invitation, let invitations,
      try invitations.invitationStatus(id: link, at: services.clock.now()) != .open(link)
    {
      invitation = nil
    }
    guard invitation != nil || isOpen else { return nil }
    return try beginNow(invitation: invitation)
  }

  /// Ties the session record to the personal link it came from, whenever the induction starts a
  /// new record (a fresh start or a change of language).
  private func claim(_ session: inout WebSession) throws {
    guard let invitation = session.invitation, let record = session.state.session,
      record != session.claimedSession, let invitations
    else { return }
    try invitations.claimInvitation(invitation, session: record)
    session.claimedSession = record
  }

  /// The page of session `id`; nil when there is no such session. Sessions in this process's
  /// memory are drawn on the caller's thread: only one idle too long writes to the store.
  public func page(_ id: String) async throws -> Page? {
    if keeper.isShared {
      return try await StoreThreads.run { try self.pageNow(id) }
    }
    return try pageNow(id)
  }

  private func pageNow(_ id: String) throws -> Page? {
    guard let (session, version) = try live(id) else { return nil }
    let renderer = PageRenderer(content: services.content, session: session)
    let page = Page(
      language: session.state.language, title: renderer.title,
      school: (services.content.content(for: session.state.language) ?? services.content.english)
        .catalog.school.name,
      body: renderer.body())
    // A message is said once (unless another request saved the session meanwhile).
    if session.message != nil {
      var said = session
      said.message = nil
      _ = try keeper.save(Self.key(id), said, replacing: version)
    }
    return page
  }

  /// Applies `form` to session `id`. On several processes, the page is claimed before the step
  /// (its number moves on), so a form sent twice, to two processes at once, is applied once.
  public func submit(_ id: String, form: Form) async throws -> Outcome {
    try await StoreThreads.run { try self.submitNow(id, form: form) }
  }

  private func submitNow(_ id: String, form: Form) throws -> Outcome {
    let key = Self.key(id)
    guard var (session, version) = try live(id) else { return .noSession }
    guard let csrf = form.csrf, Self.same(csrf, session.csrfToken) else { return .forbidden }
    session.lastSeen = services.clock.now()
    guard form.page == session.page, !session.state.isFinished else {
      session.message = .webMovedOn
      _ = try keeper.save(key, session, replacing: version)
      return .shown
    }
    session.page += 1
    guard let claimed = try keeper.save(key, session, replacing: version) else {
      return .shown
    }
    let input: InductionInput =
      form.command.flatMap(InductionCommand.init(rawValue:)).map(InductionInput.command)
      ?? .text(form.answer ?? "")
    var induction = Induction(services: services, state: session.state)
    session.view.apply(try induction.step(input))
    session.state = induction.state
    try claim(&session)
    // Meanwhile a form from the old page, or a reload, may have saved a message to say (or
    // cleared one): keep it with this step, which is what the page now shows.
    var replacing = claimed
    while try keeper.save(key, session, replacing: replacing) == nil {
      guard let (current, version) = try keeper.load(key), current.page == session.page else {
        break
      }
      session.message = current.message
      replacing = version
    }
    return .shown
  }

  /// How many sessions are kept (tests and the bench).
  public var count: Int {
    get async { (try? await StoreThreads.run { try self.keeper.countAndOldest().count }) ?? 0 }
  }

  /// The session and the version read, after ending it as timed out if it has been idle too long.
  private func live(_ id: String) throws -> (WebSession, String)? {
    try live(key: Self.key(id))
  }

  private func live(key: String) throws -> (WebSession, String)? {
    guard var (session, version) = try keeper.load(key) else { return nil }
    let now = services.clock.now()
    if now.timeIntervalSince(session.lastSeen) > idleTimeout {
      if session.state.isFinished {
        try keeper.remove(key)
        return nil
      }
      var induction = Induction(services: services, state: session.state)
      session.view.apply((try? induction.step(.idleTimeout)) ?? [])
      session.state = induction.state
      session.lastSeen = now
      session.page += 1
      guard let saved = try keeper.save(key, session, replacing: version) else {
        return try keeper.load(key)
      }
      version = saved
    }
    return (session, version)
  }

  /// Ends sessions idle too long (so their records say so) and forgets finished ones; past the
  /// limit, the one idle longest goes too. Sessions in the store hold names typed before signing,
  /// so none is kept longer than it can be used.
  private func sweep() throws {
    let now = services.clock.now()
    for key in try keeper.idle(before: now.addingTimeInterval(-idleTimeout)) {
      _ = try live(key: key)
    }
    while true {
      let (count, oldest) = try keeper.countAndOldest()
      guard count >= maximumSessions, let oldest else { break }
      if let (session, _) = try keeper.load(oldest), !session.state.isFinished {
        var induction = Induction(services: services, state: session.state)
        _ = try? induction.step(.idleTimeout)
      }
      try keeper.remove(oldest)
    }
  }

  /// The key a session is kept under: the SHA-256 of its id, so that whoever can read where
  /// sessions are kept cannot use one.
  static func key(_ id: String) -> String { Digest.sha256Hex(id) }

  /// 256 random bits as hex: a session id or a CSRF token nobody can guess.
  static func token() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<4).map { _ in
      let value = generator.next() as UInt64
      let hex = String(value, radix: 16)
      return String(repeating: "0", count: 16 - hex.count) + hex
    }.joined()
  }

  /// Compares in time that does not depend on where they differ.
  static func same(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for index in x.indices { difference |= x[index] ^ y[index] }
    return difference == 0
  }
}
