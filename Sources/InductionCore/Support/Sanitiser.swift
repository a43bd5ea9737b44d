/// Makes text from a person or a file safe to show: control characters (C0, DEL, C1), bidi overrides
/// and isolates, and other invisible format characters are shown escaped (`\u{1B}`), never emitted raw,
/// so nothing typed or imported can move the cursor, change colours, set the window title or reorder
/// text on screen.
public enum Sanitiser {
  /// `text` with every unsafe scalar escaped. Newlines are kept only when `allowNewlines` is true.
  public static func sanitise(_ text: String, allowNewlines: Bool = false) -> String {
    var output = ""
    output.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      if allowNewlines && scalar == "\n" {
        output.unicodeScalars.append(scalar)
      } else if isUnsafe(scalar) {
        output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        output.unicodeScalars.append(scalar)
      }
    }
    return output
  }

  /// Whether `scalar` must not reach the terminal raw.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1 (includes ESC and CSI)
    case 0x061C, 0x200E, 0x200F: return true  // Arabic letter mark, LRM, RLM
    case 0x202A...0x202E, 0x2066...0x2069: return true  // bidi embeddings, overrides, isolates
    case 0x2028, 0x2029: return true  // line and paragraph separators
    case 0xFEFF, 0xFFF9...0xFFFB: return true  // BOM, interlinear annotation
    default: return false
    }
  }

  /// Whether `text` contains anything ``sanitise(_:allowNewlines:)`` would escape.
  public static func containsUnsafe(_ text: String) -> Bool {
    text.unicodeScalars.contains(where: isUnsafe)
  }
}
