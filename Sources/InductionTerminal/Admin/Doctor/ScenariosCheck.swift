import Foundation
import InductionCore

/// `induction doctor`: the scenarios folder is there and passes lint.
public enum ScenariosCheck {
  /// The finding for the folder at `path`, with the school's settings when it passes lint.
  public static func check(_ path: String) -> (DoctorFinding, SchoolSettings?) {
    do {
      try ScenarioFolderNotFound.check(path)
    } catch {
      return (
        .problem(
          "no scenarios folder at \(path)",
          fix:
            "pass it with --scenarios DIR, or copy the shipped one: cp -r /usr/share/induction/Scenarios \(path)"
        ), nil
      )
    }
    let report = SchoolContentLoader.lint(path)
    guard report.problems.isEmpty, let content = report.content else {
      let count = AdminSession.count(report.problems.count, "problem")
      return (
        .problem(
          "scenarios \(path) fail lint (\(count))",
          fix: "see them with: induction scenarios lint \(path)"
        ), nil
      )
    }
    let english = content.english.catalog
    let languages = (["en"] + report.packs.compactMap { $0.content?.language.tag }).joined(
      separator: ", ")
    return (
      .ok(
        "scenarios \(path): \(english.scenarios.count) scenarios cover all \(english.guidance.prohibitedExamples.count) prohibited examples (\(languages))"
      ), english.school
    )
  }
}
