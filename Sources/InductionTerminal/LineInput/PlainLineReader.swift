import Foundation

/// Reads lines from a non-terminal (a pipe or file): writes the prompt, reads up to a newline, never
/// echoes. Used when standard input is not a terminal or `TERM=dumb`, where readline would echo.
public final class PlainLineReader: LineReader {
  private let input: Int32
  private let output: TextOutput
  private var buffer: [UInt8] = []
  private var atEnd = false

  /// Reads from `input` and writes prompts to `output`.
  public init(input: Int32 = STDIN_FILENO, output: TextOutput) {
    self.input = input
    self.output = output
  }

  /// Shows the prompt and reads one line.
  public func readLine(prompt: String, kind: PromptKind) -> LineInput {
    output.write(prompt)
    while true {
      if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
        var bytes = Array(buffer[..<newline])
        buffer.removeSubrange(...newline)
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        output.write("\n")
        return .line(Self.decode(bytes))
      }
      if atEnd {
        if buffer.isEmpty { return .endOfInput }
        let bytes = buffer
        buffer = []
        output.write("\n")
        return .line(Self.decode(bytes))
      }
      if Signals.terminateRequested { return .terminate }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let count = chunk.withUnsafeMutableBytes { Foundation.read(input, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR {
          if Signals.terminateRequested { return .terminate }
          if Signals.takeInterrupt() { return .interrupt }
          continue
        }
        atEnd = true
      } else if count == 0 {
        atEnd = true
      } else {
        buffer.append(contentsOf: chunk[..<count])
        // A line with no end in sight: keep only what can be used, so memory stays bounded.
        if buffer.count > 64 * 1024, !buffer.contains(UInt8(ascii: "\n")) {
          buffer = Array(buffer.prefix(maximumLineLength * 4))
        }
      }
    }
  }

  /// Nothing is remembered between lines.
  public func forgetHistory() {}

  /// Input is not echoed here anyway, so a secret is read like any line.
  public func readSecret(prompt: String) -> LineInput { readLine(prompt: prompt, kind: .personal) }

  /// Piped input has no idle timer: a script is never "away".
  public var idleTimeout: TimeInterval?

  /// A pipe or file.
  public var isInteractive: Bool { false }

  /// UTF-8 with invalid bytes replaced by U+FFFD.
  static func decode(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
