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

extension ScenarioFolder {
  /// Adds a valid Polish pack for the two-rule folder: `translations/pl/` with school.yaml,
  /// guidance.md (``Fixtures/polishGuidanceText``, its bullets on lines 7 and 8) and both scenarios.
  public func writePolishPack() {
    writePack(
      "pl",
      school: """
        language: pl
        language_name: Polski
        english_name: Polish
        statement: Przeczytałam lub przeczytałem wskazówki.

        """,
      guidance: Fixtures.polishGuidanceText,
      scenarios: [
        "01-rule-one.yaml": Self.polishScenario(id: "rule-one", example: "Zasada pierwsza."),
        "02-rule-two.yaml": Self.polishScenario(id: "rule-two", example: "Zasada druga."),
      ])
  }

  /// Writes `translations/TAG/` with the given files.
  public func writePack(
    _ tag: String, school: String, guidance: String, scenarios: [String: String]
  ) {
    let folder = url.appendingPathComponent("translations/\(tag)")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    write("translations/\(tag)/school.yaml", school)
    write("translations/\(tag)/guidance.md", guidance)
    for (name, text) in scenarios { write("translations/\(tag)/\(name)", text) }
  }

  /// A Polish scenario file quoting `example`, aligned with ``scenario(id:example:)``: the same three
  /// choices in the same order, the first correct. Lines: id 1, example 2, choices 6, the choices
  /// 7, 10 and 12, their feedback 9, 11 and 13.
  public static func polishScenario(id: String, example: String) -> String {
    """
    id: \(id)
    example: "\(example)"
    title: Tytuł
    situation: Coś się dzieje.
    question: Co Państwo robią?
    choices:
      - text: Porozmawiać z nauczycielem.
        correct: true
        feedback: Pracownicy mogą pomóc.
      - text: Napisać o tym w internecie.
        feedback: To rozpowszechnia plotki.
      - text: Nic nie mówić.
        feedback: Prosimy porozmawiać z pracownikami.

    """
  }
}
