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

  /// The format to write an export in: `asked`, else the one `out` names by its extension, else
  /// CSV. A workbook cannot go to standard output (`-`: the error suggests a file named `name`
  /// with the workbook's extension), and a format that contradicts `out`'s extension is refused
  /// (Excel will not open a CSV file named `.xlsx`).
  public static func chosen(asked: ExportFormat?, out: String?, name: String) throws
    -> ExportFormat
  {
    let implied = out.flatMap(implied(by:))
    let chosen = asked ?? implied ?? .csv
    if chosen == .xlsx && out == "-" {
      throw ExportError.workbookToStandardOutput(
        suggestedName: "\(name).\(ExportFormat.xlsx.fileExtension)")
    }
    if let implied, let out, implied != chosen {
      throw ExportError.formatContradictsName(format: chosen.rawValue, path: out)
    }
    return chosen
  }
}
