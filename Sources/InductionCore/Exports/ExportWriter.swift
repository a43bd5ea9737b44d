/// Where an export's rows go, one at a time: ``CSVExportWriter`` or ``XLSXExportWriter``.
public protocol ExportWriter: AnyObject {
  /// Writes one row, with as many cells as the header.
  func write(_ row: [ExportCell]) throws

  /// Receives a sheet of figures to follow the rows, after the last row.
  func addSummary(_ sheet: SummarySheet) throws

  /// Completes the export; a file is only then put in place.
  func finish() throws

  /// Stops the export, leaving any target as it was.
  func abandon()
}

extension ExportWriter {
  /// Formats without a second sheet ignore it.
  public func addSummary(_ sheet: SummarySheet) throws {}
}
