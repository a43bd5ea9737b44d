import Foundation

/// Writes a scenarios folder for lint tests: a valid two-rule folder that a test then breaks.
public struct ScenarioFolder {
  /// The folder.
  public let url: URL

  /// A valid folder: guidance.md, school.yaml and one scenario per rule.
  public static func valid() -> ScenarioFolder {
    let folder = ScenarioFolder(url: Fixtures.temporaryDirectory("scenarios"))
    folder.write("guidance.md", Fixtures.guidanceText)
    folder.write(
      "school.yaml",
      """
      name: Test School
      time_zone: Europe/London
      statement: I have read the guidance.

      """)
    folder.write("01-rule-one.yaml", scenario(id: "rule-one", example: "Rule one."))
    folder.write("02-rule-two.yaml", scenario(id: "rule-two", example: "Rule two."))
    return folder
  }

  /// A scenario file quoting `example`.
  public static func scenario(id: String, example: String) -> String {
    """
    id: \(id)
    example: "\(example)"
    title: A title
    situation: Something happens.
    question: What do you do?
    choices:
      - text: Speak to the teacher.
        correct: true
        feedback: Staff can help.
      - text: Post about it.
        feedback: Posting spreads it.
      - text: Say nothing at all.
        feedback: Raise it with staff.

    """
  }

  /// Writes `text` to `name` in the folder.
  public func write(_ name: String, _ text: String) {
    try! Data(text.utf8).write(to: url.appendingPathComponent(name))
  }

  /// Writes raw bytes to `name` in the folder.
  public func write(_ name: String, bytes: [UInt8]) {
    try! Data(bytes).write(to: url.appendingPathComponent(name))
  }

  /// Removes `name`.
  public func remove(_ name: String) {
    try? FileManager.default.removeItem(at: url.appendingPathComponent(name))
  }

  /// Deletes the folder.
  public func delete() { try? FileManager.default.removeItem(at: url) }
}
