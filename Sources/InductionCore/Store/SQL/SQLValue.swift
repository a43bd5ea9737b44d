import Foundation

/// One value as a database stores it. Both engines store only these: integers (booleans as 0 or 1),
/// reals, text and bytes, so a record reads back the same whichever engine holds it.
public enum SQLValue: Sendable, Equatable {
  /// SQL NULL.
  case null
  /// A 64-bit integer.
  case integer(Int64)
  /// A double.
  case real(Double)
  /// UTF-8 text.
  case text(String)
  /// Bytes.
  case blob(Data)
}

extension SQLValue {
  /// Refuses a text argument holding a NUL character (``StoreError/nulInText``): a report that
  /// reads it as a C string would show only what comes before, so no text with one is ever stored
  /// (PostgreSQL's text cannot hold one at all).
  static func refuseNul(in arguments: [any SQLValueConvertible]) throws {
    for argument in arguments {
      if case .text(let text) = argument.sqlValue, text.utf8.contains(0) {
        throw StoreError.nulInText
      }
    }
  }
}

/// A value read from or bound to a statement.
public protocol SQLValueConvertible {
  /// The value bound for `self`.
  var sqlValue: SQLValue { get }
  /// Decodes a stored value, or nil when it is of another kind (a damaged or edited row).
  init?(sqlValue: SQLValue)
}

/// A stored value of the wrong kind, named by column so the message says where.
public struct SQLDecodingError: Error, Equatable, CustomStringConvertible {
  /// The column.
  public var column: String
  /// What was expected.
  public var expected: String
  /// The message.
  public var description: String { "column \(column) does not hold \(expected)" }
}

extension Int64: SQLValueConvertible {
  /// The integer.
  public var sqlValue: SQLValue { .integer(self) }
  /// From an integer.
  public init?(sqlValue: SQLValue) {
    guard case .integer(let value) = sqlValue else { return nil }
    self = value
  }
}

extension Int: SQLValueConvertible {
  /// The integer.
  public var sqlValue: SQLValue { .integer(Int64(self)) }
  /// From an integer.
  public init?(sqlValue: SQLValue) {
    guard case .integer(let value) = sqlValue else { return nil }
    self = Int(value)
  }
}

extension Bool: SQLValueConvertible {
  /// 1 or 0.
  public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
  /// From an integer: zero is false.
  public init?(sqlValue: SQLValue) {
    guard case .integer(let value) = sqlValue else { return nil }
    self = value != 0
  }
}

extension Double: SQLValueConvertible {
  /// The real.
  public var sqlValue: SQLValue { .real(self) }
  /// From a real or an integer.
  public init?(sqlValue: SQLValue) {
    switch sqlValue {
    case .real(let value): self = value
    case .integer(let value): self = Double(value)
    default: return nil
    }
  }
}

extension String: SQLValueConvertible {
  /// The text.
  public var sqlValue: SQLValue { .text(self) }
  /// From text.
  public init?(sqlValue: SQLValue) {
    guard case .text(let value) = sqlValue else { return nil }
    self = value
  }
}

extension Data: SQLValueConvertible {
  /// The bytes.
  public var sqlValue: SQLValue { .blob(self) }
  /// From bytes.
  public init?(sqlValue: SQLValue) {
    guard case .blob(let value) = sqlValue else { return nil }
    self = value
  }
}

extension SQLValue: SQLValueConvertible {
  /// Itself.
  public var sqlValue: SQLValue { self }
  /// Itself.
  public init?(sqlValue: SQLValue) { self = sqlValue }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
  /// NULL for nil.
  public var sqlValue: SQLValue { self?.sqlValue ?? .null }
  /// nil for NULL.
  public init?(sqlValue: SQLValue) {
    if case .null = sqlValue {
      self = .none
      return
    }
    guard let value = Wrapped(sqlValue: sqlValue) else { return nil }
    self = .some(value)
  }
}
