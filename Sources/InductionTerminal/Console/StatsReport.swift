import Foundation
import InductionCore

/// Renders ``Statistics`` as text: totals, a bar per class, and scenarios worst first.
public enum StatsReport {
  /// The report; `colour` adds ANSI colour to the bars (only on a terminal without NO_COLOR).
  /// With `languageNames` (English names by tag), parents who read another language get their own
  /// completion line and hardest scenarios; an English-only report is as it always was.
  public static func render(
    _ stats: Statistics, titles: [String: String], colour: Bool,
    languageNames: [String: String] = [:]
  ) -> String {
    var lines: [String] = []
    let sessions = stats.sessions
    lines.append("Acknowledgements: \(stats.acknowledgements) (revoked: \(stats.revoked))")
    let started = sessions.values.reduce(0, +)
    lines.append(
      "Sessions: \(started) started, \(sessions[.signed] ?? 0) signed, \(sessions[.cancelled] ?? 0) cancelled, "
        + "\(sessions[.timedOut] ?? 0) timed out, \(sessions[.restarted] ?? 0) started over")
    lines.append("")
    lines.append("Completion by class")
    let width = max(
      5, stats.classes.map { DisplayWidth.of(Sanitiser.sanitise($0.className)) }.max() ?? 5)
    for item in stats.classes {
      let barWidth = 30
      let done = item.total == 0 ? 0 : item.acknowledged * barWidth / item.total
      let again = item.total == 0 ? 0 : item.reacknowledge * barWidth / item.total
      let rest = barWidth - done - again
      var bar =
        String(repeating: "█", count: done) + String(repeating: "▒", count: again)
        + String(repeating: "·", count: rest)
      if colour {
        bar =
          "\u{1B}[32m" + String(repeating: "█", count: done) + "\u{1B}[33m"
          + String(repeating: "▒", count: again)
          + "\u{1B}[2m" + String(repeating: "·", count: rest) + "\u{1B}[0m"
      }
      let name = Sanitiser.sanitise(item.className)
      let padded = name + String(repeating: " ", count: max(0, width - DisplayWidth.of(name)))
      let percent = item.total == 0 ? 0 : item.acknowledged * 100 / item.total
      lines.append(
        "  \(padded)  \(bar)  \(item.acknowledged)/\(item.total) (\(percent)%)"
          + (item.reacknowledge > 0 ? ", \(item.reacknowledge) to re-acknowledge" : ""))
    }
    if stats.classes.isEmpty { lines.append("  (no children yet)") }
    lines.append("")
    lines.append("Scenarios, hardest first (right first time)")
    lines += scenarioLines(stats.scenarios, titles: titles)
    if stats.hasTranslations {
      func name(_ tag: String) -> String {
        Sanitiser.sanitise(
          "\(languageNames[tag] ?? (tag == LanguageTag.english ? "English" : tag)) (\(tag))")
      }
      lines.append("")
      lines.append("Completion by language")
      let names = stats.languages.map { name($0.language) }
      let nameWidth = names.map(DisplayWidth.of).max() ?? 0
      for (item, label) in zip(stats.languages, names) {
        let padded = label + String(repeating: " ", count: nameWidth - DisplayWidth.of(label))
        lines.append(
          "  \(padded)  \(item.sessionsStarted) started, \(item.acknowledgements) signed: "
            + "\(item.current) current, \(item.reacknowledge) to re-acknowledge")
      }
      for item in stats.languages where !item.scenarios.isEmpty {
        lines.append("")
        lines.append("Scenarios in \(name(item.language)), hardest first (right first time)")
        lines += scenarioLines(item.scenarios, titles: titles)
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func scenarioLines(
    _ results: [Statistics.ScenarioResult], titles: [String: String]
  )
    -> [String]
  {
    var lines: [String] = []
    for result in results {
      let title = Sanitiser.sanitise(titles[result.scenarioID] ?? result.scenarioID)
      let percent = Int((result.rate * 100).rounded())
      lines.append("  \(percent)%  \(result.correct)/\(result.asked)  \(title)")
      if let wrong = result.commonWrongChoice {
        lines.append(
          "        most picked wrong answer (\(result.commonWrongCount)×): \(Sanitiser.sanitise(wrong))"
        )
      }
    }
    if results.isEmpty { lines.append("  (no answers yet)") }
    return lines
  }
}
