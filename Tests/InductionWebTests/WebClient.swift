import Foundation
import Hummingbird
import HummingbirdTesting
import InductionCore
import InductionWeb
import TestSupport
import Testing

/// A parent's browser, as far as the tests need one: keeps the session cookie, reads each page's
/// form tokens, and sends forms as a browser would (URL-encoded).
struct WebClient {
  var client: any TestClientProtocol
  var cookie: String?
  /// The last page received.
  var page = ""

  init(_ client: any TestClientProtocol) { self.client = client }

  /// Opens the site: a new session, then its first page.
  mutating func open() async throws {
    let response = try await client.execute(uri: "/", method: .get)
    #expect(response.status == .seeOther)
    let setCookie = try #require(response.headers[.setCookie])
    cookie = String(setCookie.split(separator: ";")[0])
    try await load()
  }

  /// Opens a personal link: a new session from it, then its first page. Returns the status of the
  /// link's response (303 when it started an induction, else the page saying why not, in `page`).
  @discardableResult
  mutating func open(link: String, acceptLanguage: String? = nil) async throws
    -> HTTPResponse.Status
  {
    let path = link.range(of: "/i/").map { String(link[$0.lowerBound...]) } ?? link
    var headers = HTTPFields()
    if let acceptLanguage { headers[.acceptLanguage] = acceptLanguage }
    let response = try await client.execute(uri: path, method: .get, headers: headers)
    guard response.status == .seeOther else {
      page = String(buffer: response.body)
      return response.status
    }
    let setCookie = try #require(response.headers[.setCookie])
    cookie = String(setCookie.split(separator: ";")[0])
    try await load()
    return response.status
  }

  /// Reads the current page.
  mutating func load() async throws {
    let response = try await client.execute(
      uri: "/induction", method: .get, headers: headers(form: false))
    #expect(response.status == .ok)
    page = String(buffer: response.body)
  }

  /// Sends the page's form with `answer` (or a command button), then reads the next page.
  /// Returns the status of the POST.
  @discardableResult
  mutating func send(
    _ answer: String? = nil, command: String? = nil, csrf: String? = nil, pageNumber: String? = nil
  ) async throws -> HTTPResponse.Status {
    var fields = [
      ("csrf", csrf ?? token("csrf")), ("page", pageNumber ?? token("page")),
    ]
    if let answer { fields.append(("answer", answer)) }
    if let command { fields.append(("command", command)) }
    let body = fields.map { "\($0)=\(Self.encode($1))" }.joined(separator: "&")
    let response = try await client.execute(
      uri: "/induction", method: .post, headers: headers(form: true),
      body: ByteBuffer(string: body))
    if response.status == .seeOther { try await load() }
    return response.status
  }

  /// A hidden field's value on the current page.
  func token(_ name: String) -> String {
    guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return "" }
    return String(page[range.upperBound...].prefix { $0 != "\"" })
  }

  /// The page's main heading, unescaped enough to compare.
  var heading: String {
    guard let start = page.range(of: "<h1 class=\"")?.upperBound,
      let close = page[start...].range(of: ">")?.upperBound,
      let end = page[close...].range(of: "</h1>")?.lowerBound
    else { return "" }
    return String(page[close..<end]).replacingOccurrences(of: "&#39;", with: "'")
  }

  private func headers(form: Bool) -> HTTPFields {
    var headers = HTTPFields()
    if let cookie { headers[.cookie] = cookie }
    if form { headers[.contentType] = "application/x-www-form-urlencoded" }
    return headers
  }

  private static func encode(_ value: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }
}

/// A web front end over the fixture school, a fresh store and a clock the test moves.
struct WebFixture {
  let database: AppDatabase
  let clock = ManualClock()
  let frontEnd: WebFrontEnd

  init(
    content: SchoolContent = SchoolContent(
      catalog: Fixtures.catalog, guidanceText: Fixtures.guidanceText),
    isOpen: Bool = true
  ) throws {
    database = try TestEngine.default.makeDatabase()
    try database.registerSigningKey(Fixtures.signingKey, keyPath: "test-key", at: Fixtures.instant)
    let services = InductionServices(
      content: content, context: SessionContext(station: "Website", mode: "web"),
      store: database, clock: clock.clock, random: .seeded(7), signingKey: Fixtures.signingKey,
      makeSalt: { Array(repeating: 0xA5, count: 16) })
    frontEnd = WebFrontEnd(
      services: services, invitations: database, isOpen: isOpen, idleTimeout: 1200)
  }

  /// Runs `body` against the routes, without opening a socket.
  func test(_ body: @escaping @Sendable (inout WebClient) async throws -> Void) async throws {
    let router = try WebApplication.router(frontEnd: frontEnd, trustsForwardedFor: true)
    let app = Application(router: router)
    try await app.test(.router) { client in
      var web = WebClient(client)
      try await body(&web)
    }
  }
}
