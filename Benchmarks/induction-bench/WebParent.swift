import Foundation
import NIOHTTP1

/// One simulated parent at a browser: opens the front page of `induction serve --open`, reads the
/// welcome and the guidance, answers every scenario correctly, types their details (a name, a
/// relationship, one child and the child's class from the school's list), checks them, signs and
/// reads the receipt. Every form carries the session cookie, the CSRF token and the page number of
/// the page it was drawn on, and every 303 is followed, as a browser does.
///
/// A *page* is what a parent waits for: from sending a form (or opening the site) until the next
/// page has arrived, the redirect followed. Each HTTP request is timed too.
struct WebParent {
  /// The client's address the reverse proxy would add (`X-Forwarded-For`): every parent has one
  /// of their own, as parents at home do.
  let address: String
  /// The parent's full name.
  let name: String
  /// Their child's full name.
  let child: String
  /// The child's class, as the school lists it.
  let className: String
  /// The scenarios' correct answers, as escaped on a page.
  let correctAnswers: Set<String>
  /// Mean seconds between receiving a page and sending its form (0: none).
  let thinkTime: Double
  /// Seeds the pauses.
  var random: SeededGenerator

  /// What one parent's walk measured, in seconds.
  struct Timings: Sendable {
    /// Every page, the signing's included.
    var pages: [Double] = []
    /// Every HTTP request (the style sheet's excepted).
    var requests: [Double] = []
    /// The page that signs: the confirmation sent until the receipt arrived.
    var signingPage: Double = 0
    /// The request that signs (the POST alone).
    var signingRequest: Double = 0
    /// The style sheet, fetched once after the first page as a browser does (then cached).
    var styleSheet: Double = 0
    /// The receipt's reference.
    var reference = ""
  }

  private var cookie = ""

  /// A parent with these details.
  init(
    address: String, name: String, child: String, className: String,
    correctAnswers: Set<String>, thinkTime: Double, seed: UInt64
  ) {
    self.address = address
    self.name = name
    self.child = child
    self.className = className
    self.correctAnswers = correctAnswers
    self.thinkTime = thinkTime
    random = SeededGenerator(seed: seed)
  }

  /// Walks the whole induction on `connection`, at most `pageLimit` pages.
  mutating func walk(on connection: inout HTTPConnection, pageLimit: Int = 200) async throws
    -> Timings
  {
    var timings = Timings()
    // The front page starts a session and redirects to its first page.
    var start = MonotonicClock.now()
    var sent = MonotonicClock.now()
    let opened = try await connection.send(.GET, "/", headers: headers(form: false))
    timings.requests.append(MonotonicClock.seconds(since: sent))
    guard opened.status == 303, let setCookie = opened.headers.first(name: "Set-Cookie") else {
      throw BenchError("opening the site answered \(opened.status), not a new session")
    }
    cookie = String(setCookie.split(separator: ";")[0])
    var page = try await load(on: &connection, timings: &timings)
    timings.pages.append(MonotonicClock.seconds(since: start))

    sent = MonotonicClock.now()
    let style = try await connection.send(
      .GET, "/assets/induction.css", headers: headers(form: false))
    timings.styleSheet = MonotonicClock.seconds(since: sent)
    guard style.status == 200 else {
      throw BenchError("the style sheet answered \(style.status)")
    }

    for _ in 0..<pageLimit {
      if page.isReceipt {
        timings.reference = page.reference ?? ""
        return timings
      }
      if let error = page.error {
        throw BenchError("a page refused the simulated parent's answer: \(error)")
      }
      let answer = try self.answer(page)
      guard let csrf = page.hidden("csrf"), let number = page.hidden("page") else {
        throw BenchError("a page without a form: \(page.heading)")
      }
      var fields = [("csrf", csrf), ("page", number)]
      if let answer { fields.append(("answer", answer)) }
      fields.append(("action", "answer"))
      let body = fields.map { "\($0)=\(Self.encode($1))" }.joined(separator: "&")
      if thinkTime > 0 {
        let pause = Double.random(in: 0...(2 * thinkTime), using: &random)
        try await Task.sleep(nanoseconds: UInt64(pause * 1e9))
      }

      start = MonotonicClock.now()
      let posted = try await connection.send(
        .POST, "/induction", headers: headers(form: true), body: body)
      let postSeconds = MonotonicClock.seconds(since: start)
      timings.requests.append(postSeconds)
      guard posted.status == 303 else {
        throw BenchError("a form on \"\(page.heading)\" answered \(posted.status), not 303")
      }
      page = try await load(on: &connection, timings: &timings)
      let pageSeconds = MonotonicClock.seconds(since: start)
      timings.pages.append(pageSeconds)
      if page.isReceipt {
        timings.signingPage = pageSeconds
        timings.signingRequest = postSeconds
      }
    }
    throw BenchError("a simulated parent did not reach the receipt in \(pageLimit) pages")
  }

  /// Reads the session's current page.
  private func load(on connection: inout HTTPConnection, timings: inout Timings) async throws
    -> WebPage
  {
    let sent = MonotonicClock.now()
    let response = try await connection.send(.GET, "/induction", headers: headers(form: false))
    timings.requests.append(MonotonicClock.seconds(since: sent))
    guard response.status == 200 else {
      throw BenchError("GET /induction answered \(response.status), not 200")
    }
    return WebPage(html: response.body)
  }

  /// What the parent answers on `page`: nil for a page with only a button (the welcome, the
  /// guidance, feedback, the summary).
  private func answer(_ page: WebPage) throws -> String? {
    let choices = page.choices
    if page.isQuestion {
      guard let right = choices.first(where: { correctAnswers.contains($0.label) }) else {
        throw BenchError("no choice on \"\(page.heading)\" is a correct answer in the scenarios")
      }
      return right.value
    }
    if let label = page.textLabel {
      if label.hasPrefix("Child ") { return child }
      if label.hasPrefix("Your reference") { return "" }
      return name  // the full name, then the signature
    }
    guard !choices.isEmpty else { return nil }
    let legend = page.legend ?? ""
    if choices.contains(where: { $0.value == "yes" }) {
      return legend.contains("another child") ? "no" : "yes"
    }
    if legend.hasPrefix("Child ") {
      let listed = WebPage.escaped(className)
      return (choices.first { $0.label == listed } ?? choices[0]).value
    }
    return choices[0].value  // the relationship: parent
  }

  private func headers(form: Bool) -> [(String, String)] {
    var headers = [("X-Forwarded-For", address), ("Accept-Language", "en-GB,en;q=0.9")]
    if !cookie.isEmpty { headers.append(("Cookie", cookie)) }
    if form { headers.append(("Content-Type", "application/x-www-form-urlencoded")) }
    return headers
  }

  /// `value` URL-encoded as a browser sends a form: UTF-8, every byte but ASCII letters, digits
  /// and `-._~` as `%XX`.
  private static func encode(_ value: String) -> String {
    var out = ""
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return out
  }
}

extension String {
  /// The string with zeros in front, to at least `width` characters.
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
