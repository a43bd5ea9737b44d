import Crypto
import Foundation
import _CryptoExtras

/// scrypt parameters, stored beside each hash so they can be raised later without locking staff out.
public struct ScryptParameters: Sendable, Equatable {
  /// log2 of N, the CPU/memory cost (17: N = 131072, about 128 MiB).
  public var log2N: Int
  /// Block size r.
  public var r: Int
  /// Parallelism p.
  public var p: Int

  /// Creates parameters.
  public init(log2N: Int, r: Int, p: Int) {
    self.log2N = log2N
    self.r = r
    self.p = p
  }

  /// N = 2^17, r = 8, p = 1: the interactive-login strength OWASP recommends.
  public static let standard = ScryptParameters(log2N: 17, r: 8, p: 1)
  /// Cheap parameters for tests only.
  public static let fastForTests = ScryptParameters(log2N: 4, r: 1, p: 1)
}

/// A stored staff PIN: scrypt hash, salt and parameters. The PIN itself is never stored or logged.
public struct StoredPin: Sendable, Equatable {
  /// scrypt(PIN, salt), 32 bytes.
  public var hash: Data
  /// 16 random bytes.
  public var salt: Data
  /// The parameters used.
  public var parameters: ScryptParameters

  /// Creates a record.
  public init(hash: Data, salt: Data, parameters: ScryptParameters) {
    self.hash = hash
    self.salt = salt
    self.parameters = parameters
  }
}

/// Hashes and checks staff PINs.
public enum PinHasher {
  /// Why a new PIN is refused, or nil when it is acceptable.
  public static func problem(with pin: String) -> String? {
    guard pin.count >= 6, pin.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      return "The PIN must be at least 6 digits (numbers only)."
    }
    if Set(pin).count == 1 || "01234567890123456789".contains(pin)
      || "98765432109876543210".contains(pin)
    {
      return "That PIN is too easy to guess. Please choose another."
    }
    return nil
  }

  /// Hashes `pin` with a fresh random salt.
  public static func hash(_ pin: String, parameters: ScryptParameters = .standard) throws
    -> StoredPin
  {
    var generator = SystemRandomNumberGenerator()
    let salt = Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    return StoredPin(
      hash: try derive(pin, salt: salt, parameters: parameters), salt: salt, parameters: parameters)
  }

  /// Whether `pin` matches `stored`, comparing in constant time.
  public static func matches(_ pin: String, _ stored: StoredPin) -> Bool {
    guard let candidate = try? derive(pin, salt: stored.salt, parameters: stored.parameters),
      candidate.count == stored.hash.count
    else { return false }
    var difference: UInt8 = 0
    for (a, b) in zip(candidate, stored.hash) { difference |= a ^ b }
    return difference == 0
  }

  private static func derive(_ pin: String, salt: Data, parameters: ScryptParameters) throws -> Data
  {
    let key = try KDF.Scrypt.deriveKey(
      from: Data(pin.utf8), salt: salt, outputByteCount: 32, rounds: 1 << parameters.log2N,
      blockSize: parameters.r, parallelism: parameters.p)
    return key.withUnsafeBytes { Data($0) }
  }
}
