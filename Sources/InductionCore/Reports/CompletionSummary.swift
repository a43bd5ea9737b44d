/// Completion per class over the rows of one completion export: what a workbook's Summary sheet
/// shows. Counted while the rows stream, so it agrees with them row for row.
public struct CompletionSummary: Sendable, Equatable {
  /// Whether the children counted are the roster's (otherwise, with no roster, the children named
  /// in acknowledgements).
  public var fromRoster: Bool
  /// One entry per class, in the export's order; a class is named as its first row names it.
  public var classes: [Statistics.ClassCompletion]

  /// Creates a summary.
  public init(fromRoster: Bool, classes: [Statistics.ClassCompletion] = []) {
    self.fromRoster = fromRoster
    self.classes = classes
  }

  /// Every class added up, named `Total`.
  public var total: Statistics.ClassCompletion {
    Statistics.ClassCompletion(
      className: "Total", acknowledged: classes.reduce(0) { $0 + $1.acknowledged },
      reacknowledge: classes.reduce(0) { $0 + $1.reacknowledge },
      outstanding: classes.reduce(0) { $0 + $1.outstanding })
  }

  /// Counts one child; `startsClass` when its row is the first of a class (rows arrive sorted by
  /// class key, so "Nursery" and "NURSERY" are one class).
  mutating func count(_ status: CompletionStatus, className: String, startsClass: Bool) {
    if startsClass || classes.isEmpty {
      classes.append(
        .init(className: className, acknowledged: 0, reacknowledge: 0, outstanding: 0))
    }
    switch status {
    case .acknowledged: classes[classes.count - 1].acknowledged += 1
    case .reacknowledge: classes[classes.count - 1].reacknowledge += 1
    case .outstanding: classes[classes.count - 1].outstanding += 1
    }
  }
}

extension CompletionSummary {
  /// The workbook's Summary sheet: per class, the children, how many are acknowledged, must
  /// re-acknowledge or are outstanding, and the share acknowledged, then a total row.
  public var sheet: SummarySheet {
    func line(_ item: Statistics.ClassCompletion) -> SummarySheet.Line {
      SummarySheet.Line(
        name: item.className,
        counts: [item.total, item.acknowledged, item.reacknowledge, item.outstanding],
        share: item.total > 0 ? Double(item.acknowledged) / Double(item.total) : nil)
    }
    return SummarySheet(
      name: "Summary",
      header: [
        "Class", fromRoster ? "Children on roster" : "Children named", "Acknowledged",
        "Re-acknowledge", "Outstanding", "% complete",
      ],
      lines: classes.map(line), total: line(total))
  }
}
