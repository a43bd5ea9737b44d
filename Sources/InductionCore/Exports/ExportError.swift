import Foundation

/// Everything that can stop an export. The command line says each as one plain sentence naming
/// the file and what to do, with its own option names (`CommandLineMessage` in InductionTerminal).
public enum ExportError: Error, Equatable, Sendable {
  /// The target file exists and replacing it was not asked for.
  case targetExists(path: String)
  /// Something that is not a regular file is at the target: a folder, device, pipe, socket or link.
  case notARegularFile(path: String)
  /// The target was named as a folder (`reports/`), where nothing is yet.
  case namesAFolder(path: String)
  /// The folder is missing or may not be written, or the file could not be written or moved there.
  case cannotWrite(path: String)
  /// The disk filled up (or the file grew too large) while the temporary file was written.
  case diskFull(path: String)
  /// Streaming to an open descriptor (such as standard output) failed part-way.
  case streamInterrupted(path: String)
  /// A workbook was asked for on standard output, where it cannot be streamed.
  case workbookToStandardOutput(suggestedName: String)
  /// The format asked for names one format and the file name's extension another.
  case formatContradictsName(format: String, path: String)
  /// A workbook sheet would need more rows than Excel allows.
  case tooManyRows(path: String)
  /// A cell holds more text than Excel allows in one cell.
  case cellTooLong(path: String)
}
