import Foundation
import InductionCore
import InductionTerminal

/// An admin prompt wired to a scripted reader, buffers for standard output and standard error, a
/// fixed clock, the fixture catalogue and a database seeded through ``LedgerBuilder``.
public struct AdminTestSession {
  /// What was written to standard output, prompts and typed lines included.
  public let output = BufferOutput()
  /// What was written to standard error.
  public let errors = BufferOutput()
  /// The scripted lines.
  public let reader: ScriptedLineReader
  /// The seeded store.
  public let builder: LedgerBuilder
  /// The session the commands run in.
  public let session: AdminSession

  /// A session over `builder` (a new in-memory one by default) that will read `lines`.
  public init(lines: [String], builder: LedgerBuilder? = nil) throws {
    let builder = try builder ?? LedgerBuilder.inMemory()
    self.builder = builder
    reader = ScriptedLineReader(lines: lines, echoTo: output)
    reader.keepsHistory = true
    let guidance = Guidance(text: Fixtures.guidanceText)
    try builder.database.registerGuidanceVersion(
      guidance, text: Fixtures.guidanceText, at: Fixtures.instant)
    session = AdminSession(
      database: builder.database, key: builder.key,
      dataDirectory: DataDirectory(url: Fixtures.temporaryDirectory("admin")),
      export: ExportContext(currentGuidance: guidance.sha256, timeZone: Fixtures.school.timeZone),
      guidance: guidance, catalog: Fixtures.catalog, scenariosPath: "Scenarios",
      output: Console(output: output, width: 100), errors: Console(output: errors, width: 100),
      standardOutput: -1, reader: reader, clock: .fixed(Fixtures.instant))
  }

  /// Runs the prompt until the script ends.
  public func run() { AdminPrompt(session: session, reader: reader).run() }
}
