import InductionCore

/// Text on its way to the terminal. Literal parts are the program's own words; every interpolated
/// value is sanitised unless it is explicitly marked as the program's own with `trusted:`. So a name,
/// a roster row or a scenario line can never reach the terminal raw, however a screen is written.
public struct TerminalText: ExpressibleByStringInterpolation, Sendable, Equatable {
  /// The text, already safe to write.
  public private(set) var rendered: String

  /// Literal program text.
  public init(stringLiteral value: String) { rendered = value }

  /// Builds text from a literal with interpolations.
  public init(stringInterpolation: Interpolation) { rendered = stringInterpolation.rendered }

  /// Safe text from a string that came from a person or a file.
  public init(untrusted value: String) { rendered = Sanitiser.sanitise(value) }

  /// Safe text from several lines that came from a person or a file: line feeds kept, everything
  /// else unsafe escaped.
  public init(untrustedLines value: String) {
    rendered = Sanitiser.sanitise(value, allowNewlines: true)
  }

  /// Text the program itself composed (no person-supplied parts).
  public init(trusted value: String) { rendered = value }

  /// The interpolation rules.
  public struct Interpolation: StringInterpolationProtocol, Sendable {
    var rendered = ""

    /// Reserves space.
    public init(literalCapacity: Int, interpolationCount: Int) {
      rendered.reserveCapacity(literalCapacity + interpolationCount * 16)
    }

    /// A literal part: the program's own words.
    public mutating func appendLiteral(_ literal: String) { rendered += literal }

    /// Any value from outside the program: sanitised.
    public mutating func appendInterpolation(_ value: String) {
      rendered += Sanitiser.sanitise(value)
    }

    /// A number.
    public mutating func appendInterpolation(_ value: Int) { rendered += String(value) }

    /// Text already made safe.
    public mutating func appendInterpolation(_ value: TerminalText) { rendered += value.rendered }

    /// Program-composed text, such as a style code.
    public mutating func appendInterpolation(trusted value: String) { rendered += value }
  }

  /// Concatenation.
  public static func + (lhs: TerminalText, rhs: TerminalText) -> TerminalText {
    TerminalText(trusted: lhs.rendered + rhs.rendered)
  }
}
