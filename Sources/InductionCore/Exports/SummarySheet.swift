/// A sheet of figures a workbook adds after an export's rows: a header, then one line per group
/// (a name, counts, and a share shown as a percentage) and a total line in bold. A CSV export has
/// no second sheet and leaves it out.
public struct SummarySheet: Equatable, Sendable {
  /// One line: a name, its counts, and the share (0…1) the last column shows, if any.
  public struct Line: Equatable, Sendable {
    /// The first column.
    public var name: String
    /// The numbers after it.
    public var counts: [Int]
    /// The last column, a percentage; nil leaves it empty.
    public var share: Double?

    /// Creates a line.
    public init(name: String, counts: [Int], share: Double?) {
      self.name = name
      self.counts = counts
      self.share = share
    }
  }

  /// The sheet's tab name.
  public var name: String
  /// The column titles: the name's, one per count, the share's.
  public var header: [String]
  /// The lines, in order.
  public var lines: [Line]
  /// The bold last line.
  public var total: Line

  /// Creates a sheet.
  public init(name: String, header: [String], lines: [Line], total: Line) {
    self.name = name
    self.header = header
    self.lines = lines
    self.total = total
  }
}
