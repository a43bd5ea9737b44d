/// The results as a markdown table: each pair side by side, the ratio, the target and whether it
/// is met.
struct ResultTable {
  /// One line of the table.
  struct Row {
    /// Which measurement (1–4).
    var number: String
    /// What was measured.
    var measurement: String
    /// Induction's figure.
    var induction: String
    /// The comparison's figure (sqlite3 or the limit), or "—".
    var baseline: String
    /// Induction ÷ baseline (of times or memory), or "—".
    var ratio: String
    /// The target.
    var target: String
    /// "yes", "no" or "—".
    var met: String
  }

  /// The rows, in order.
  var rows: [Row] = []

  /// The column titles.
  static let header = ["#", "Measurement", "Induction", "Baseline", "Ratio", "Target", "Met"]

  /// The table, columns padded so it also reads well in a terminal.
  var markdown: String {
    let cells =
      [Self.header]
      + rows.map {
        [$0.number, $0.measurement, $0.induction, $0.baseline, $0.ratio, $0.target, $0.met]
      }
    let widths = Self.header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
    func line(_ row: [String]) -> String {
      "| "
        + row.enumerated().map {
          $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0)
        }
        .joined(separator: " | ") + " |"
    }
    let rule =
      "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"
    return ([line(cells[0]), rule] + cells.dropFirst().map(line)).joined(separator: "\n")
  }
}

/// How figures are written in the table.
enum Format {
  /// `1.234 s` or `56.7 ms` or `890 µs`.
  static func duration(_ seconds: Double) -> String {
    if seconds >= 1 { return String(format: "%.2f s", seconds) }
    if seconds >= 0.001 { return String(format: "%.1f ms", seconds * 1000) }
    return String(format: "%.0f µs", seconds * 1_000_000)
  }

  /// `12.3 MiB`.
  static func mebibytes(_ value: Double) -> String { String(format: "%.1f MiB", value) }

  /// `1.23×`.
  static func ratio(_ value: Double) -> String { String(format: "%.2f×", value) }

  /// `12,345/s`.
  static func rate(_ perSecond: Double) -> String { "\(Int(perSecond.rounded()).formatted())/s" }

  /// `yes` or `no`.
  static func met(_ value: Bool) -> String { value ? "yes" : "no" }
}
