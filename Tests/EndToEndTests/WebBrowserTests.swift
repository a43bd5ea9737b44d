import Foundation
import InductionCore
import TestSupport
import Testing

/// Chromium and Playwright for Python, when this machine has them (CI always installs them).
enum BrowserTools {
  static let chromium = "/usr/bin/chromium"

  /// Whether the browser tests can run here; in CI they always run (and fail without the tools).
  static var available: Bool {
    if ProcessInfo.processInfo.environment["CI"] != nil { return true }
    guard FileManager.default.isExecutableFile(atPath: chromium) else { return false }
    let probe = try? PipedProgram.run(
      "/usr/bin/env", ["python3", "-c", "import playwright, axe_playwright_python"],
      environment: ProcessInfo.processInfo.environment)
    return probe?.status == 0
  }

  /// A TCP port on 127.0.0.1 that nothing is listening on now.
  static func freePort() throws -> Int {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
    }
    guard bound == 0 else { throw BuiltBinaryError("could not find a free port") }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}

@Suite("A parent in a real browser", .serialized)
struct WebBrowserTests {
  /// The browser's report.
  struct Report: Decodable {
    struct Violation: Decodable {
      var page: String
      var id: String
      var nodes: [String]
    }
    var reference: String
    var pages: Int
    var violations: [Violation]
    var keyboard: Bool
    var wrongOnce: Bool

    enum CodingKeys: String, CodingKey {
      case reference, pages, violations, keyboard
      case wrongOnce = "wrong_once"
    }
  }

  /// The roster: Jan's family is the one the browser completes for; Ben's stays outstanding.
  static let roster =
    "Parent Name,Parent Email,Child Name,Class\r\n"
    + "Zofia Nowak,zofia@example.test,Jan Nowak,Nursery\r\n"
    + "Tom Jones,tom@example.test,Ben Jones,Year 1\r\n"

  /// Runs an admin command on the sandbox's store (its database, when not SQLite).
  static func admin(_ sandbox: Sandbox, _ arguments: [String]) throws -> String {
    var all = arguments + ["--scenarios", BuiltBinary.scenariosDirectory.path]
    if let url = sandbox.databaseURL { all += ["--database", url] }
    let result = try sandbox.induction(all)
    #expect(result.status == 0, "\(arguments.first ?? ""): \(result.error)")
    return result.output
  }

  @Test(.enabled(if: BrowserTools.available))
  func aParentCompletesTheInductionInPolishOnAPhoneFromTheirLinkAndAxeFindsNothingOnAnyPage()
    throws
  {
    // Given a roster, and `induction serve` on the shipped scenarios, on a free port of this
    // computer, taking personal links only
    let sandbox = try Sandbox()
    let rosterFile = sandbox.root.appendingPathComponent("roster.csv")
    try Data(Self.roster.utf8).write(to: rosterFile)
    _ = try Self.admin(sandbox, ["roster", "import", rosterFile.path])
    let port = try BrowserTools.freePort()
    var arguments = [
      "serve", "--data-dir", sandbox.dataDirectory.path, "--scenarios",
      BuiltBinary.scenariosDirectory.path, "--listen", "127.0.0.1:\(port)",
    ]
    if let url = sandbox.databaseURL { arguments += ["--database", url] }
    let server = try PipedProgram(
      executable: sandbox.executable.path, arguments: arguments, environment: sandbox.environment)
    defer { if !server.hasExited { server.kill(SIGKILL) } }
    _ = try server.waitFor("Serving the induction on", timeout: 60)

    // And the office's links for everyone outstanding
    let links = sandbox.root.appendingPathComponent("links.csv")
    _ = try Self.admin(
      sandbox, ["invite", "--url", "http://127.0.0.1:\(port)", "--out", links.path])
    let linkRows = String(decoding: try Data(contentsOf: links), as: UTF8.self)
      .split(separator: "\r\n").filter { $0.contains("Jan Nowak") }
    let link = try #require(linkRows.first?.split(separator: ",").dropLast().last.map(String.init))

    // When a parent opens their link in Chromium at 360 × 740 and completes the induction in
    // Polish, with a wrong answer
    let script = BuiltBinary.packageRoot.appendingPathComponent(
      "Tests/Browser/complete_induction.py")
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = sandbox.home.path
    let run = try PipedProgram.run(
      "/usr/bin/env", ["python3", script.path, "http://127.0.0.1:\(port)", link],
      environment: environment, timeout: 600)
    #expect(run.status == 0, "\(run.error)")
    let report = try JSONDecoder().decode(Report.self, from: Data(run.output.utf8))

    // Then every page passed axe (WCAG 2.2 A and AA) and fits the screen, the language was
    // chosen with the keyboard alone, a wrong answer came back, and a reference was given
    #expect(report.violations.map { "\($0.page): \($0.id) \($0.nodes)" } == [])
    #expect(report.keyboard && report.wrongOnce)
    #expect(report.pages > 40)

    // And SIGTERM stops the server cleanly
    server.kill(SIGTERM)
    #expect(try server.waitForExit(timeout: 30) == 0)

    // And the ledger holds that reference as a Polish web signing, and verifies
    let stored = try sandbox.query(
      "SELECT mode || ' ' || station || ' ' || language FROM ledger WHERE reference = '"
        + Reference.normalise(report.reference)! + "';")
    #expect(stored == ["web Website pl"])
    let verified = try sandbox.verify()
    #expect(verified.status == 0)
    #expect(verified.output == (try sandbox.verifyOK(2)))

    // And the link is used up by that signing, and the completion list shows Jan acknowledged
    // and Ben still outstanding
    let used = try sandbox.query(
      "SELECT count(*) FROM invitation i JOIN ledger l ON l.seq = i.ledger_seq WHERE l.reference = '"
        + Reference.normalise(report.reference)! + "';")
    #expect(used == ["1"])
    let completion = try Self.admin(sandbox, ["export", "completion", "--out", "-"])
    #expect(completion.contains("Nursery,Jan Nowak,Zofia Nowak,acknowledged,"))
    #expect(completion.contains("Year 1,Ben Jones,Tom Jones,outstanding,"))
  }
}
