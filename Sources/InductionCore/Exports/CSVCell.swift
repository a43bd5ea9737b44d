/// How one text cell is made safe for a spreadsheet and encoded as an RFC 4180 field.
public enum CSVCell {
  /// First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
  /// (OWASP CSV injection), including the full-width forms some of them also accept.
  public static let formulaTriggers: Set<Unicode.Scalar> = [
    "=", "+", "-", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
  ]

  /// `text` with a leading `'` when its first character would start a formula; otherwise `text`.
  public static func neutralised(_ text: String) -> String {
    // The first scalar, not the first Character: "=\u{301}" is one Character that is not "=",
    // yet a spreadsheet still sees the "=".
    guard let first = text.unicodeScalars.first, formulaTriggers.contains(first) else {
      return text
    }
    return "'" + text
  }

  /// What a cell holds in an export: ``withControlsEscaped(_:)``, then ``neutralised(_:)``.
  public static func exported(_ text: String) -> String {
    neutralised(withControlsEscaped(text))
  }

  /// `text` with control and text-direction characters shown escaped as ``Sanitiser`` does (an
  /// export may be streamed to a terminal), except line feeds and CR LF pairs, which a quoted field
  /// keeps. A workbook's text cells hold the same, without the `'` (they cannot run a formula).
  public static func withControlsEscaped(_ text: String) -> String {
    // Printable ASCII (most cells) holds nothing to escape; checking its bytes is cheaper than
    // walking its scalars.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
    guard text.unicodeScalars.contains(where: Sanitiser.isUnsafe) else { return text }
    var output = ""
    var scalars = text.unicodeScalars.makeIterator()
    var pending = scalars.next()
    while let scalar = pending {
      pending = scalars.next()
      if scalar == "\n" || (scalar == "\r" && pending == "\n") || !Sanitiser.isUnsafe(scalar) {
        output.unicodeScalars.append(scalar)
      } else {
        output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      }
    }
    return output
  }

  /// Whether `text` must be quoted as a field: it holds a comma, a double quote, CR or LF.
  public static func needsQuoting(_ text: String) -> Bool {
    text.utf8.contains { isSpecial($0) }
  }

  /// Appends `text` to `bytes` as one RFC 4180 field: quoted when ``needsQuoting(_:)``, with
  /// every double quote doubled.
  static func appendField(_ text: String, to bytes: inout [UInt8]) {
    // Works on UTF-8 bytes: the four special characters are ASCII, and a UTF-8 continuation byte
    // can never equal an ASCII byte, so a quote followed by a combining mark is still found.
    guard needsQuoting(text) else {
      bytes.append(contentsOf: text.utf8)
      return
    }
    bytes.append(quote)
    for byte in text.utf8 {
      bytes.append(byte)
      if byte == quote { bytes.append(quote) }
    }
    bytes.append(quote)
  }

  private static let quote = UInt8(ascii: "\"")

  private static func isSpecial(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: ",") || byte == quote || byte == UInt8(ascii: "\r")
      || byte == UInt8(ascii: "\n")
  }
}
