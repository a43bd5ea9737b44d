/// How text goes into a workbook cell: as the CSV export shows it (``cell(_:)``), and so that it
/// reads back exactly as that.
///
/// A cell's text is XML, which cannot hold most C0 control characters, U+FFFE or U+FFFF, and turns a
/// bare CR into LF. Office Open XML writes such a character as `_xHHHH_` (its UTF-16 code unit in
/// hex), which Excel and LibreOffice turn back into the character; so text that itself looks like
/// such an escape must have its underscore escaped (`_x005F_`), or `_x0041_` would read as `A`.
/// libxlsxwriter escapes C0 controls but neither the underscore nor U+FFFE/U+FFFF, and a NUL would
/// end its C string, so ``escaped(_:)`` does it all and libxlsxwriter finds nothing left to change.
/// After ``cell(_:)`` has shown control characters as text, what is left for it is the CR of a
/// CR LF, U+FFFE, U+FFFF and escape look-alikes; it escapes every C0 and C1 control anyway, so a
/// header or any other text can never make the XML invalid. Tab and LF stay as they are: XML keeps
/// them, and LF is a line break in the cell.
enum XLSXText {
  /// What a text cell holds for `text`: control and text-direction characters shown as `\u{…}`
  /// text exactly as in the CSV export (``CSVCell/withControlsEscaped(_:)``, so the two agree
  /// cell for cell), then ``escaped(_:)`` for what is left (LF, CR before LF, U+FFFE, U+FFFF and
  /// text that looks like an escape).
  static func cell(_ text: String) -> String {
    escaped(CSVCell.withControlsEscaped(text))
  }

  /// `text` with every character a cell cannot hold as it is written as `_xHHHH_`.
  static func escaped(_ text: String) -> String {
    guard needsEscaping(text) else { return text }
    let scalars = Array(text.unicodeScalars)
    var result = String.UnicodeScalarView()
    for (index, scalar) in scalars.enumerated() {
      if mustEscape(scalar) || (scalar == "_" && startsEscape(scalars, at: index)) {
        result.append(contentsOf: escape(scalar).unicodeScalars)
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }

  /// The `_xHHHH_` form of `scalar`, which is always in the Basic Multilingual Plane here.
  static func escape(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "_x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "_"
  }

  private static func mustEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A: false
    case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: true
    default: false
    }
  }

  /// Whether `_xHHHH_` (four hex digits, either case) starts at `index`.
  private static func startsEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
    guard index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" else {
      return false
    }
    return scalars[(index + 2)...(index + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
  }

  /// A quick look at the UTF-8 bytes, so the usual name is passed through untouched.
  private static func needsEscaping(_ text: String) -> Bool {
    var previous: UInt8 = 0
    var beforePrevious: UInt8 = 0
    for byte in text.utf8 {
      switch byte {
      case 0x09, 0x0A: break
      case 0x00...0x1F, 0x7F: return true
      case 0x80...0x9F where previous == 0xC2: return true  // U+0080…U+009F
      case 0xBE...0xBF where previous == 0xBF && beforePrevious == 0xEF: return true  // U+FFFE/F
      case UInt8(ascii: "x") where previous == UInt8(ascii: "_"): return true
      default: break
      }
      beforePrevious = previous
      previous = byte
    }
    return false
  }
}
