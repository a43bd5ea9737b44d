import Foundation

/// What a signed `roster link` entry commits to: the roster child's name and class, with a salt
/// kept beside the link (and erased with it), so the ledger itself names no child.
public enum RosterLinkCommitment {
  /// SHA-256(salt ‖ name ‖ class), lower-case hex.
  public static func commitment(childName: String, className: String, salt: [UInt8]) -> String {
    var encoder = CanonicalEncoder(domain: "induction-roster-link-v1")
    encoder.append(bytes: salt)
    encoder.append(childName)
    encoder.append(className)
    return Digest.sha256(encoder.bytes).hexString
  }

  /// 16 bytes from the system's secure generator.
  public static func randomSalt() -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
  }
}
