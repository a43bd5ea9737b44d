import Foundation

/// Everything that can stop an export, as one plain sentence naming the file and what to do.
public enum ExportError: LocalizedError, Equatable, Sendable {
  /// The target file exists and replacing it was not asked for.
  case targetExists(path: String)
  /// Something that is not a regular file is at the target: a folder, device, pipe, socket or link.
  case notARegularFile(path: String)
  /// The folder is missing or may not be written, or the file could not be written or moved there.
  case cannotWrite(path: String)
  /// The disk filled up (or the file grew too large) while the temporary file was written.
  case diskFull(path: String)
  /// Streaming to an open descriptor (such as standard output) failed part-way.
  case streamInterrupted(path: String)
  /// A workbook was asked for on standard output, where it cannot be streamed.
  case workbookToStandardOutput(suggestedName: String)
  /// `--format` names one format and the file name's extension another.
  case formatContradictsName(format: String, path: String)
  /// A workbook sheet would need more rows than Excel allows.
  case tooManyRows(path: String)
  /// A cell holds more text than Excel allows in one cell.
  case cellTooLong(path: String)

  /// The sentence shown.
  public var errorDescription: String? {
    switch self {
    case .targetExists(let path):
      "\(path) already exists; choose another --out or add --force to replace it"
    case .notARegularFile(let path):
      "\(path) is not a regular file (it is a folder, device, pipe, socket or link), so it is never replaced; choose a file name for --out"
    case .cannotWrite(let path):
      "cannot write \(path); check the folder exists and you may write to it"
    case .diskFull(let path):
      "the disk is full while writing \(path); free some space and export again; "
        + "nothing was written"
    case .streamInterrupted(let path):
      "writing to \(path) stopped part-way, so the output is incomplete; "
        + "check the disk or the program reading it and export again"
    case .workbookToStandardOutput(let name):
      "an Excel workbook cannot be written to standard output; give --out a file name such as "
        + "\(name), or use --format csv"
    case .formatContradictsName(let format, let path):
      "--format \(format) does not match --out \(path); name the file .\(format) or leave out --format"
    case .tooManyRows(let path):
      "\(path) would have more rows than an Excel sheet holds (1,048,575); "
        + "narrow it with --since, --until or --class, or use --format csv; nothing was written"
    case .cellTooLong(let path):
      "a cell is longer than Excel allows (32,767 characters), so \(path) was not written; "
        + "use --format csv"
    }
  }
}
