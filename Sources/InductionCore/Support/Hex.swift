import Crypto
import Foundation

extension Sequence where Element == UInt8 {
  /// Lower-case hexadecimal, two digits a byte.
  public var hexString: String {
    map { byte in
      let digits = String(byte, radix: 16)
      return byte < 16 ? "0" + digits : digits
    }.joined()
  }
}

/// SHA-256 helpers used across the guidance, scenarios and ledger.
public enum Digest {
  /// The SHA-256 of `data`, as 32 bytes.
  public static func sha256(_ data: some DataProtocol) -> Data {
    Data(SHA256.hash(data: data))
  }

  /// The SHA-256 of the UTF-8 bytes of `text`, as lower-case hex.
  public static func sha256Hex(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).hexString
  }
}
