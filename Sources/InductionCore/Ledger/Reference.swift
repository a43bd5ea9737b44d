/// Receipt references: the first 40 bits of the entry hash in Crockford base32 (no I, L, O or U),
/// shown as `XXXX-XXXX` so they are easy to read aloud and copy down.
public enum Reference {
  static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

  /// The first `length` Crockford base32 characters of `hash`.
  public static func make(from hash: [UInt8], length: Int = 8) -> String {
    var output = ""
    var buffer: UInt64 = 0
    var bits = 0
    for byte in hash {
      buffer = (buffer << 8) | UInt64(byte)
      bits += 8
      while bits >= 5 {
        bits -= 5
        output.append(alphabet[Int((buffer >> UInt64(bits)) & 31)])
        if output.count == length { return output }
      }
      buffer &= (1 << UInt64(bits)) - 1
    }
    return output
  }

  /// `ABCD-EFGH` for `ABCDEFGH`.
  public static func display(_ reference: String) -> String {
    guard reference.count > 4 else { return reference }
    let split = reference.index(reference.startIndex, offsetBy: 4)
    return reference[..<split] + "-" + reference[split...]
  }

  /// Reads a reference as typed: case-insensitive, hyphens and spaces ignored, and the letters people
  /// confuse read as Crockford says (I and L as 1, O as 0). `nil` when it cannot be a reference.
  public static func normalise(_ typed: String) -> String? {
    var output = ""
    for character in typed.uppercased() {
      switch character {
      case "-", " ": continue
      case "I", "L": output.append("1")
      case "O": output.append("0")
      default:
        guard alphabet.contains(character) else { return nil }
        output.append(character)
      }
    }
    return (8...16).contains(output.count) ? output : nil
  }

  /// "No acknowledgement has" that reference, as an error says it: naming the reference in its
  /// usual form when what was typed reads as one, and repeating nothing otherwise, since what was
  /// typed may be a person's name.
  public static func noAcknowledgement(_ typed: String) -> String {
    guard let reference = normalise(typed) else {
      return "no acknowledgement has a reference like that (a reference is 8 letters and digits, "
        + "such as 7K3M-Q9TZ)"
    }
    return "no acknowledgement has the reference \(display(reference))"
  }
}
