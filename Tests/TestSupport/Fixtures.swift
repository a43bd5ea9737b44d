import Foundation
import InductionCore

/// Small, fixed inputs shared by the test targets.
public enum Fixtures {
  /// A two-rule guidance.
  public static let guidanceText = """
    # Test Guidance

    Talk to us first.

    These examples must be avoided:

    - Rule one.
    - Rule two.

    """

  /// The fixture school.
  public static let school = SchoolSettings(
    name: "Test School", statement: "I have read the guidance.",
    timeZone: TimeZone(identifier: "Europe/London")!, classes: ["Reception (Blue)", "Year 1"])

  /// Two scenarios, one per rule; the correct answer is first in the file.
  public static let scenarios: [Scenario] = [
    Scenario(
      id: "rule-one", example: "Rule one.", title: "First", situation: "Something happens.",
      question: "What do you do?",
      choices: [
        .init(text: "Speak to the teacher.", feedback: "Right: staff can help.", isCorrect: true),
        .init(text: "Post about it.", feedback: "Posting spreads it.", isCorrect: false),
        .init(
          text: "Message the teacher online.", feedback: "Use the office instead.", isCorrect: false
        ),
      ], file: "01-rule-one.yaml"),
    Scenario(
      id: "rule-two", example: "Rule two.", title: "Second", situation: "Something else happens.",
      question: "And now?",
      choices: [
        .init(text: "Ask the office.", feedback: "Yes, that is the route.", isCorrect: true),
        .init(
          text: "Start a group chat.", feedback: "Groups can turn on people.", isCorrect: false),
        .init(
          text: "Use the school logo.", feedback: "The logo is the school's.", isCorrect: false),
      ], file: "02-rule-two.yaml"),
  ]

  /// The fixture catalogue.
  public static var catalog: ScenarioCatalog {
    ScenarioCatalog(guidance: Guidance(text: guidanceText), school: school, scenarios: scenarios)
  }

  /// A fixed signing key, so hashes and references repeat.
  public static var signingKey: SigningKey {
    try! SigningKey(rawRepresentation: Data((1...32).map { UInt8($0) }))
  }

  /// 2026-11-26 09:00:00 UTC.
  public static let instant = Date(timeIntervalSince1970: 1_795_683_600)

  /// The folder holding Package.swift.
  public static var repositoryRoot: URL {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url
      }
    }
    fatalError("Package.swift not found above \(#filePath)")
  }

  /// A new empty folder under the system temporary folder.
  public static func temporaryDirectory(_ label: String = "induction") -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(label)-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
