import Foundation
import InductionCore
import InductionTerminal

/// A clock tests can move by hand.
public final class ManualClock: @unchecked Sendable {
  private let lock = NSLock()
  private var current: Date

  /// Starts at `start`.
  public init(_ start: Date = Fixtures.instant) { current = start }

  /// The time now.
  public var now: Date {
    lock.lock()
    defer { lock.unlock() }
    return current
  }

  /// Moves the clock on.
  public func advance(_ seconds: TimeInterval) {
    lock.lock()
    current = current.addingTimeInterval(seconds)
    lock.unlock()
  }

  /// The injectable clock.
  public var clock: Clock { Clock { [self] in now } }
}

/// A parent flow wired to a scripted reader, a transcript buffer, a fixed clock, seeded shuffling, a
/// fixed key and salt, and a database (in memory unless one is given).
public struct TestSession {
  /// Everything written, prompts and echoed input included.
  public let transcript: BufferOutput
  /// The scripted reader.
  public let reader: ScriptedLineReader
  /// The database.
  public let database: AppDatabase
  /// The environment the flow runs in.
  public let environment: Environment

  /// Builds a session that will play `script`. `terminal` makes the console behave as on a terminal
  /// (screen-clearing sequences, no colour).
  public init(
    script: [LineInput], seed: UInt64 = 7, clock: Clock = .fixed(Fixtures.instant),
    database: AppDatabase? = nil, terminal: Bool = false
  ) throws {
    transcript = BufferOutput()
    reader = ScriptedLineReader(script, echoTo: transcript)
    self.database = try database ?? TestEngine.default.makeDatabase()
    environment = Environment(
      clock: clock, random: .seeded(seed), reader: reader,
      console: Console(output: transcript, width: 60, isTerminal: terminal, useColour: false),
      database: self.database, signingKey: Fixtures.signingKey,
      makeSalt: { Array(repeating: 0xA5, count: 16) })
    try self.database.registerSigningKey(
      Fixtures.signingKey, keyPath: "test-key", at: Fixtures.instant)
  }

  /// Convenience: every string is a typed line.
  public init(lines: [String], seed: UInt64 = 7) throws {
    try self.init(script: lines.map(LineInput.line), seed: seed)
  }

  /// Runs one parent induction over the fixture catalogue.
  public func run(catalog: ScenarioCatalog = Fixtures.catalog) throws -> ParentOutcome {
    try ParentFlow(
      environment: environment, catalog: catalog, guidanceText: Fixtures.guidanceText,
      context: SessionContext(station: "Test", mode: "start")
    ).run()
  }

  /// Runs one parent induction offering every language in `content`, starting in `language`;
  /// with `welcomeFirst`, the welcome is drawn before the flow is made, as `induction start` does.
  public func run(content: SchoolContent, language: String? = nil, welcomeFirst: Bool = false)
    throws -> ParentOutcome
  {
    if welcomeFirst {
      let screen = WelcomeScreen(content: content)
      screen.draw(in: screen.startLanguage(language), on: environment.console)
    }
    return try ParentFlow(
      environment: environment, content: content, language: language,
      context: SessionContext(station: "Test", mode: "start"), welcomeOnScreen: welcomeFirst
    ).run()
  }

  /// Runs a kiosk offering every language in `content` at station `Desk`.
  public func runKiosk(content: SchoolContent, idleTimeout: TimeInterval? = 180) throws
    -> KioskExit
  {
    try KioskFlow(
      environment: environment, content: content, station: "Desk",
      options: .init(idleTimeout: idleTimeout)
    ).run()
  }

  /// Runs a kiosk over the fixture catalogue at station `Desk`.
  public func runKiosk(idleTimeout: TimeInterval? = 180) throws -> KioskExit {
    try KioskFlow(
      environment: environment, catalog: Fixtures.catalog, guidanceText: Fixtures.guidanceText,
      station: "Desk", options: .init(idleTimeout: idleTimeout)
    ).run()
  }
}
