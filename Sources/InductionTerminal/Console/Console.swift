import Foundation

/// The screen: writes ``TerminalText`` (always sanitised), wraps paragraphs to the terminal width, and
/// adds colour only on a terminal without `NO_COLOR`.
public final class Console {
  /// Where bytes go.
  public let output: TextOutput
  /// The width to wrap to: the terminal's now (so a resized window is wrapped to its new width),
  /// else the one given, kept between 20 and 100 columns.
  public var width: Int {
    get { max(20, min(measure?() ?? fixedWidth, 100)) }
    set { fixedWidth = newValue }
  }
  private var fixedWidth: Int
  private let measure: (() -> Int?)?
  /// Whether to emit colour and screen-control sequences.
  public let isTerminal: Bool
  /// Whether to use colour.
  public let useColour: Bool
  /// Whether the screen is the Linux console (`TERM=linux`), whose fonts have no ✓: marks are
  /// drawn with characters every console font has (see ``drawable(_:)``).
  public var isLinuxConsole = false

  /// Creates a console writing to `output`, `width` columns wide, or as wide as `measure` says
  /// each time it wraps (nil when it cannot tell).
  public init(
    output: TextOutput, width: Int = 80, isTerminal: Bool = false, useColour: Bool = false,
    measure: (() -> Int?)? = nil
  ) {
    self.output = output
    self.fixedWidth = width
    self.measure = measure
    self.isTerminal = isTerminal
    self.useColour = useColour && isTerminal
  }

  /// Writes text as is (it is already safe).
  public func write(_ text: TerminalText) { output.write(text.rendered) }

  /// Writes text and a newline.
  public func line(_ text: TerminalText = "") { output.write(text.rendered + "\n") }

  /// Writes a paragraph wrapped to the width, with an optional indent (and a further indent for
  /// continuation lines, so a numbered choice or bullet wraps under its text), then a newline.
  public func paragraph(_ text: TerminalText, indent: Int = 0, hanging: Int = 0) {
    output.write(Self.wrap(text.rendered, width: width, indent: indent, hanging: hanging) + "\n")
  }

  /// A heading: bold on a terminal, underlined with `=` elsewhere.
  public func heading(_ text: TerminalText) {
    // Wrapped like a paragraph: a long question title must not break mid-word at 50 columns.
    let wrapped = Self.wrap(text.rendered, width: width)
    if useColour {
      output.write("\u{1B}[1m" + wrapped + "\u{1B}[0m\n")
    } else {
      let widest = wrapped.split(separator: "\n").map { DisplayWidth.of($0) }.max() ?? 0
      output.write(wrapped + "\n" + String(repeating: "=", count: min(widest, width)) + "\n")
    }
  }

  /// Styles for feedback.
  public enum Tone { case good, bad, plain }

  /// Text in a tone's colour (on a colour terminal).
  public func toned(_ text: TerminalText, _ tone: Tone) -> TerminalText {
    guard useColour else { return text }
    switch tone {
    case .good: return TerminalText(trusted: "\u{1B}[32m" + text.rendered + "\u{1B}[0m")
    case .bad: return TerminalText(trusted: "\u{1B}[33m" + text.rendered + "\u{1B}[0m")
    case .plain: return text
    }
  }

  /// The marks the Linux console's fonts cannot all draw, and what stands for each there.
  static let linuxConsoleMarks: [(mark: String, drawn: String)] = [("✓", "+"), ("✗", "×")]

  /// `text` with ✓ and ✗ as `+` and `×` on the Linux console (its fonts lack ✓), as is elsewhere.
  public func drawable(_ text: TerminalText) -> TerminalText {
    guard isLinuxConsole else { return text }
    var rendered = text.rendered
    for (mark, drawn) in Self.linuxConsoleMarks {
      rendered = rendered.replacingOccurrences(of: mark, with: drawn)
    }
    return TerminalText(trusted: rendered)
  }

  /// Clears the screen and the scrollback on a terminal; a blank line elsewhere.
  public func clearScreen() {
    if isTerminal { output.write("\u{1B}[H\u{1B}[2J\u{1B}[3J") } else { output.write("\n") }
  }

  /// Wraps `text` at word boundaries to `width` terminal columns (by display width: combining marks
  /// take none, wide characters two), keeping its newlines.
  public static func wrap(_ text: String, width: Int, indent: Int = 0, hanging: Int = 0) -> String {
    let pad = String(repeating: " ", count: indent)
    let hangingPad = String(repeating: " ", count: hanging)
    let limit = max(10, width - indent - hanging)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { rawLine -> String in
      var lines: [String] = []
      var current = ""
      var currentWidth = 0
      for piece in rawLine.split(separator: " ") {
        var word = piece
        var wordWidth = DisplayWidth.of(word)
        while wordWidth > limit {
          if !current.isEmpty {
            lines.append(current)
            current = ""
            currentWidth = 0
          }
          let (head, rest) = DisplayWidth.split(word, columns: limit)
          lines.append(String(head))
          word = rest
          wordWidth = DisplayWidth.of(word)
        }
        if current.isEmpty {
          current = String(word)
          currentWidth = wordWidth
        } else if currentWidth + 1 + wordWidth <= limit {
          current += " " + word
          currentWidth += 1 + wordWidth
        } else {
          lines.append(current)
          current = String(word)
          currentWidth = wordWidth
        }
      }
      lines.append(current)
      return lines.enumerated().map { index, line in
        line.isEmpty ? line : pad + (index == 0 ? "" : hangingPad) + line
      }.joined(separator: "\n")
    }.joined(separator: "\n")
  }
}
