import Foundation

/// Builds the exact bytes that are hashed: a domain string, then each field as a 4-byte big-endian
/// length followed by its UTF-8 (or raw) bytes. Length prefixes make field boundaries unambiguous, so
/// no two different records can encode to the same bytes.
public struct CanonicalEncoder: Sendable {
  /// The bytes so far.
  public private(set) var bytes: [UInt8] = []

  /// Starts an encoding tagged with `domain` (e.g. `induction-ledger-v1`).
  public init(domain: String) { appendRaw(Array(domain.utf8)) }

  /// Appends raw bytes without a length prefix.
  public mutating func appendRaw(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

  /// Appends a length-prefixed byte string.
  public mutating func append(bytes field: [UInt8]) {
    let length = UInt32(field.count)
    bytes.append(contentsOf: [
      UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF),
      UInt8(length & 0xFF),
    ])
    bytes.append(contentsOf: field)
  }

  /// Appends a length-prefixed UTF-8 string.
  public mutating func append(_ text: String) { append(bytes: Array(text.utf8)) }

  /// Appends an integer as its decimal text.
  public mutating func append(_ number: Int) { append(String(number)) }

  /// Appends an optional integer: its decimal text, or an empty field.
  public mutating func append(optional number: Int?) { append(number.map(String.init) ?? "") }
}
