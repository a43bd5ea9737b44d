import Foundation
import InductionCore

/// Renders ``Statistics`` as text: totals, a bar per class, and scenarios worst first.
public enum StatsReport {
  /// The report; `colour` adds ANSI colour to the bars (only on a terminal without NO_COLOR).
  public static func render(_ stats: Statistics, titles: [String: String], colour: Bool) -> String {
    var lines: [String] = []
    let sessions = stats.sessions
    lines.append("Acknowledgements: \(stats.acknowledgements) (revoked: \(stats.revoked))")
    let started = sessions.values.reduce(0, +)
    lines.append(
      "Sessions: \(started) started, \(sessions[.signed] ?? 0) signed, \(sessions[.cancelled] ?? 0) cancelled, "
        + "\(sessions[.timedOut] ?? 0) timed out, \(sessions[.restarted] ?? 0) started over")
    lines.append("")
    lines.append("Completion by class")
    let width = max(5, stats.classes.map { $0.className.count }.max() ?? 5)
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
      let padded = name + String(repeating: " ", count: max(0, width - name.count))
      let percent = item.total == 0 ? 0 : item.acknowledged * 100 / item.total
      lines.append(
        "  \(padded)  \(bar)  \(item.acknowledged)/\(item.total) (\(percent)%)"
          + (item.reacknowledge > 0 ? ", \(item.reacknowledge) to re-acknowledge" : ""))
    }
    if stats.classes.isEmpty { lines.append("  (no children yet)") }
    lines.append("")
    lines.append("Scenarios, hardest first (right first time)")
    for result in stats.scenarios {
      let title = Sanitiser.sanitise(titles[result.scenarioID] ?? result.scenarioID)
      let percent = Int((result.rate * 100).rounded())
      lines.append("  \(percent)%  \(result.correct)/\(result.asked)  \(title)")
      if let wrong = result.commonWrongChoice {
        lines.append(
          "        most picked wrong answer (\(result.commonWrongCount)×): \(Sanitiser.sanitise(wrong))"
        )
      }
    }
    if stats.scenarios.isEmpty { lines.append("  (no answers yet)") }
    return lines.joined(separator: "\n") + "\n"
  }
}
