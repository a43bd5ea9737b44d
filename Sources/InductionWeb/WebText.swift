/// Text on its way into a page. Literal parts are the program's own markup; every interpolated
/// string is HTML-escaped unless it is itself `WebText`. So a name, a scenario line or a word list
/// entry can never reach a page as markup, however a page is written: the web's ``TerminalText``.
public struct WebText: ExpressibleByStringInterpolation, Sendable, Equatable,
  CustomStringConvertible
{
  /// The markup, already safe.
  public private(set) var html: String

  /// Literal program markup.
  public init(stringLiteral value: String) { html = value }

  /// Builds markup from a literal with interpolations.
  public init(stringInterpolation: Interpolation) { html = stringInterpolation.html }

  /// Safe text from a string that came from a person, a file or the database.
  public init(escaping value: String) { html = Self.escape(value) }

  /// Markup of the program's own.
  init(trusted html: String) { self.html = html }

  /// The markup.
  public var description: String { html }

  /// The interpolation rules.
  public struct Interpolation: StringInterpolationProtocol, Sendable {
    var html = ""

    /// Reserves space.
    public init(literalCapacity: Int, interpolationCount: Int) {
      html.reserveCapacity(literalCapacity + interpolationCount * 16)
    }

    /// A literal part: the program's own markup.
    public mutating func appendLiteral(_ literal: String) { html += literal }

    /// Any string: escaped.
    public mutating func appendInterpolation(_ value: String) { html += WebText.escape(value) }

    /// A number.
    public mutating func appendInterpolation(_ value: Int) { html += String(value) }

    /// Markup already made safe.
    public mutating func appendInterpolation(_ value: WebText) { html += value.html }

    /// Several pieces of safe markup, one after another.
    public mutating func appendInterpolation(_ values: [WebText]) {
      for value in values { html += value.html }
    }
  }

  /// Joins pieces of markup.
  public static func + (lhs: WebText, rhs: WebText) -> WebText {
    WebText(trusted: lhs.html + rhs.html)
  }

  /// `&`, `<`, `>`, `"` and `'` as character references; C0 and C1 controls (but tab and line
  /// feed), DEL and the bidirectional overrides dropped, so nothing can reorder or hide text.
  static func escape(_ value: String) -> String {
    var out = ""
    out.reserveCapacity(value.utf8.count)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      default:
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
          || (0x2066...0x2069).contains(value)
        {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}
