/// How a signing key is named to people: the key id (the first 16 hex digits of SHA-256 of the
/// public key) in four groups, `1A2B 3C4D 5E6F 7A8B`, short enough to read aloud and compare.
public enum KeyFingerprint {
  /// `1A2B 3C4D 5E6F 7A8B` for the key id `1a2b3c4d5e6f7a8b`.
  public static func display(_ keyID: String) -> String {
    var groups: [Substring] = []
    var rest = Substring(keyID.uppercased())
    while !rest.isEmpty {
      groups.append(rest.prefix(4))
      rest = rest.dropFirst(4)
    }
    return groups.joined(separator: " ")
  }

  /// The key id for a fingerprint as typed: any case, with or without spaces, hyphens or colons.
  /// `nil` when it cannot be one.
  public static func parse(_ typed: String) -> String? {
    let digits = typed.lowercased().filter { !" -:".contains($0) }
    guard digits.count == 16, digits.allSatisfy({ $0.isHexDigit }) else { return nil }
    return digits
  }
}
