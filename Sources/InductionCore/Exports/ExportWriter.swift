/// Where an export's rows go, one at a time: ``CSVExportWriter`` or ``XLSXExportWriter``.
public protocol ExportWriter: AnyObject {
  /// Writes one row, with as many cells as the header.
  func write(_ row: [ExportCell]) throws

  /// Receives the counts per class of a completion export, after its last row.
  func summarise(_ summary: CompletionSummary) throws

  /// Completes the export; a file is only then put in place.
  func finish() throws

  /// Stops the export, leaving any target as it was.
  func abandon()
}

extension ExportWriter {
  /// Formats without a summary ignore it.
  public func summarise(_ summary: CompletionSummary) throws {}
}
