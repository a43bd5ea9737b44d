/// The file formats an export can be written in.
public enum ExportFormat: String, Sendable, CaseIterable {
  /// RFC 4180 CSV, UTF-8 with a byte-order mark.
  case csv
  /// An Excel workbook (Office Open XML).
  case xlsx

  /// The file name extension, without the dot.
  public var fileExtension: String { rawValue }

  /// The format a file name asks for by its extension (ignoring case), if it names one.
  public static func implied(by path: String) -> ExportFormat? {
    let lowered = path.lowercased()
    return allCases.first { lowered.hasSuffix("." + $0.fileExtension) }
  }
}
