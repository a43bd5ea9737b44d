/// Removes escape sequences from a byte stream that may arrive in pieces: CSI (`ESC [ … final`),
/// OSC (`ESC ] … BEL` or `ESC ] … ESC \`), DCS/SOS/PM/APC strings, charset designations
/// (`ESC ( B`) and other two-byte escapes; drops carriage returns. Everything else is kept.
public struct EscapeStripper {
  private enum State {
    case text, escape, csi, string, stringEscape, designation
  }

  private var state = State.text

  /// A stripper at the start of a stream.
  public init() {}

  /// Appends the plain bytes of `bytes` to `out`.
  public mutating func strip<Bytes: Sequence>(_ bytes: Bytes, into out: inout [UInt8])
  where Bytes.Element == UInt8 {
    for byte in bytes {
      switch state {
      case .text:
        if byte == 0x1B {
          state = .escape
        } else if byte != 0x0D {
          out.append(byte)
        }
      case .escape:
        switch byte {
        case UInt8(ascii: "["): state = .csi
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"),
          UInt8(ascii: "_"):
          state = .string
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
          UInt8(ascii: "#"),
          UInt8(ascii: "%"):
          state = .designation
        case 0x1B: state = .escape
        default: state = .text
        }
      case .csi:
        if (0x40...0x7E).contains(byte) { state = .text }
      case .string:
        if byte == 0x07 {
          state = .text
        } else if byte == 0x1B {
          state = .stringEscape
        }
      case .stringEscape:
        state = byte == UInt8(ascii: "\\") ? .text : .string
      case .designation:
        state = .text
      }
    }
  }
}
