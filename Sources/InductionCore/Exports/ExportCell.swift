/// One cell of an export row, typed so that each format writes it as what it is: CSV shows every
/// cell as text, a workbook keeps text as text, times as date-times and scores as numbers.
public enum ExportCell: Equatable, Sendable {
  /// Text: a name, class, reference, status or anything a person typed. Empty for no value.
  case text(String)
  /// A time, shown in the school's time zone.
  case time(LocalTime)
  /// A first-try score: `correct` scenarios right first time out of `total`.
  case score(correct: Int, total: Int)

  /// The cell as a CSV export writes it, before its formula guard.
  public var csvText: String {
    switch self {
    case .text(let text): text
    case .time(let time): time.text
    case .score(let correct, let total): "\(correct)/\(total)"
    }
  }
}
