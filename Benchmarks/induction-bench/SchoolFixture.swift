import Foundation
import InductionCore

/// What the benchmark needs from the school's scenarios folder: the guidance (current and one older
/// version), the statement, the classes, the scenario count and the time zone.
struct SchoolFixture {
  /// The scenarios folder, as given.
  let folder: String
  /// The guidance now in force and its text (CRLF read as LF, as the program does).
  let guidance: Guidance
  /// The guidance text.
  let guidanceText: String
  /// An earlier edition of the guidance, so older acknowledgements show as superseded.
  let olderGuidance: Guidance
  /// Its text.
  let olderGuidanceText: String
  /// The statement parents sign.
  let statement: String
  /// The school's classes.
  let classes: [String]
  /// How many scenarios a parent answers.
  let scenarioCount: Int
  /// The school's time zone.
  let timeZone: TimeZone

  /// Loads the folder with the program's own loader (failing as it would on lint problems).
  init(folder: String) throws {
    self.folder = folder
    let url = URL(fileURLWithPath: folder)
    let catalog: ScenarioCatalog
    do {
      catalog = try ScenarioLinter.load(directory: url, displayPath: folder)
    } catch {
      throw BenchError(
        "could not load the scenarios in \(folder) (\(error)); run from the package folder or pass --scenarios"
      )
    }
    let raw = try String(contentsOf: url.appendingPathComponent("guidance.md"), encoding: .utf8)
    guidanceText = raw.replacingOccurrences(of: "\r\n", with: "\n")
    guidance = Guidance(text: guidanceText)
    olderGuidanceText = guidanceText + "\n(Draft edition, replaced since.)\n"
    olderGuidance = Guidance(text: olderGuidanceText)
    statement = catalog.school.statement
    classes = catalog.school.classes
    scenarioCount = catalog.scenarios.count
    timeZone = catalog.school.timeZone
  }
}
