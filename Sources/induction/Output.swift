import Foundation
import InductionCore

/// The executable's only ways to standard output and standard error. Everything goes through the
/// sanitiser: messages quote paths, references, checkpoint fields and file contents, any of which
/// may hold escape sequences.
enum Output {
  /// Writes `text` and `terminator` to standard output, control characters shown escaped.
  static func say(_ text: String, terminator: String = "\n") {
    FileHandle.standardOutput.write(
      Data((Sanitiser.sanitise(text, allowNewlines: true) + terminator).utf8))
  }

  /// Writes text a renderer has already sanitised value by value (so its own colour codes stay).
  static func sayRendered(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// Writes one line to standard error, control characters (and newlines) shown escaped.
  static func note(_ text: String) {
    FileHandle.standardError.write(Data((Sanitiser.sanitise(text) + "\n").utf8))
  }
}
