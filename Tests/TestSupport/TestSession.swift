import Foundation
import InductionCore
import InductionTerminal

/// A parent flow wired to a scripted reader, a transcript buffer, a fixed clock, seeded shuffling, a
/// fixed key and salt, and an in-memory database.
public struct TestSession {
  /// Everything written, prompts and echoed input included.
  public let transcript: BufferOutput
  /// The scripted reader.
  public let reader: ScriptedLineReader
  /// The database.
  public let database: AppDatabase
  /// The environment the flow runs in.
  public let environment: Environment

  /// Builds a session that will play `script`.
  public init(script: [LineInput], seed: UInt64 = 7, clock: Clock = .fixed(Fixtures.instant)) throws {
    transcript = BufferOutput()
    reader = ScriptedLineReader(script, echoTo: transcript)
    database = try AppDatabase.inMemory()
    environment = Environment(
      clock: clock, random: .seeded(seed), reader: reader,
      console: Console(output: transcript, width: 60), database: database,
      signingKey: Fixtures.signingKey, makeSalt: { Array(repeating: 0xA5, count: 16) })
    try database.registerSigningKey(Fixtures.signingKey, keyPath: "test-key", at: Fixtures.instant)
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
}
