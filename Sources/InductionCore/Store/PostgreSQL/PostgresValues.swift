import Foundation
import NIOCore
import PostgresNIO

/// How `SQLValue`s travel to and from PostgreSQL, so that a record reads back exactly as SQLite
/// gives it: integers and booleans as `.integer`, text as `.text`, bytea as `.blob`.
enum PostgresValues {
  /// The bindings for `arguments`, each with the type PostgreSQL should read it as. NULL is sent
  /// untyped, so the server takes the type the statement needs.
  static func bindings(_ arguments: [any SQLValueConvertible]) -> PostgresBindings {
    var bindings = PostgresBindings(capacity: arguments.count)
    for argument in arguments {
      switch argument.sqlValue {
      case .null: bindings.appendNull()
      case .integer(let value): bindings.append(value)
      case .real(let value): bindings.append(value)
      case .text(let value): bindings.append(value)
      case .blob(let value): bindings.append(ByteBuffer(bytes: value))
      }
    }
    return bindings
  }

  /// A cell that is not of a type this file reads.
  struct UnreadableCell: Error {
    var column: String
    var typeID: UInt32
  }

  /// The rows of a result, sharing one `SQLColumns`.
  static func rows(_ rows: some Sequence<PostgresRow>) throws -> [SQLRow] {
    var columns: SQLColumns?
    var result: [SQLRow] = []
    for row in rows {
      let names = columns ?? SQLColumns(row.map(\.columnName))
      columns = names
      result.append(SQLRow(values: try row.map(value(of:)), columns: names))
    }
    return result
  }

  /// One cell, decoded by its data type from the binary format postgres-nio asks results in.
  static func value(of cell: PostgresCell) throws -> SQLValue {
    guard var bytes = cell.bytes else { return .null }
    let unreadable = UnreadableCell(column: cell.columnName, typeID: cell.dataType.rawValue)
    guard cell.format == .binary else { throw unreadable }
    switch cell.dataType {
    case .int2:
      guard let value = bytes.readInteger(as: Int16.self) else { throw unreadable }
      return .integer(Int64(value))
    case .int4:
      guard let value = bytes.readInteger(as: Int32.self) else { throw unreadable }
      return .integer(Int64(value))
    case .int8:
      guard let value = bytes.readInteger(as: Int64.self) else { throw unreadable }
      return .integer(value)
    case .oid:
      guard let value = bytes.readInteger(as: UInt32.self) else { throw unreadable }
      return .integer(Int64(value))
    case .bool:
      guard let value = bytes.readInteger(as: UInt8.self) else { throw unreadable }
      return .integer(value == 0 ? 0 : 1)
    case .float4:
      guard let bits = bytes.readInteger(as: UInt32.self) else { throw unreadable }
      return .real(Double(Float(bitPattern: bits)))
    case .float8:
      guard let bits = bytes.readInteger(as: UInt64.self) else { throw unreadable }
      return .real(Double(bitPattern: bits))
    case .numeric:
      guard let value = numeric(&bytes) else { throw unreadable }
      return value
    case .text, .varchar, .bpchar, .name, .char, .unknown:
      return .text(String(decoding: bytes.readableBytesView, as: UTF8.self))
    case .bytea:
      return .blob(Data(bytes.readableBytesView))
    case .void:
      // What a function returning nothing gives, `pg_advisory_xact_lock` among them.
      return .null
    default:
      throw unreadable
    }
  }

  /// A numeric in PostgreSQL's binary form (digit count, weight, sign, scale, then base-10000
  /// digits), as SQLite would give the same result: an integer when it has no decimal places and
  /// fits (`SUM` over BIGINT returns numeric, where SQLite sums to an integer), else a real (`AVG`
  /// has decimal places even when it comes out whole, and SQLite's `AVG` is always real).
  static func numeric(_ bytes: inout ByteBuffer) -> SQLValue? {
    guard let count = bytes.readInteger(as: Int16.self),
      let weight = bytes.readInteger(as: Int16.self),
      let sign = bytes.readInteger(as: UInt16.self),
      let scale = bytes.readInteger(as: Int16.self), count >= 0
    else { return nil }
    var digits: [Int64] = []
    for _ in 0..<count {
      guard let digit = bytes.readInteger(as: Int16.self), (0..<10_000).contains(digit) else {
        return nil
      }
      digits.append(Int64(digit))
    }
    switch sign {
    case 0xC000: return .real(.nan)
    case 0xD000: return .real(.infinity)
    case 0xF000: return .real(-.infinity)
    case 0x0000, 0x4000: break
    default: return nil
    }
    let negative = sign == 0x4000
    let whole = digits.indices.allSatisfy { $0 <= Int(weight) || digits[$0] == 0 }
    if scale == 0, whole,
      let integer = integer(digits: digits, weight: Int(weight), negative: negative)
    {
      return .integer(integer)
    }
    let padded = digits.map { String(repeating: "0", count: 4 - String($0).count) + String($0) }
    let wholeCount = max(0, min(Int(weight) + 1, padded.count))
    let integerPart =
      padded.prefix(wholeCount).joined()
      + String(repeating: "0000", count: max(0, Int(weight) + 1 - padded.count))
    let fractionPart =
      String(repeating: "0000", count: max(0, -Int(weight) - 1))
      + padded.dropFirst(wholeCount).joined()
    let text = (negative ? "-0" : "0") + integerPart + "." + fractionPart + "0"
    return Double(text).map(SQLValue.real)
  }

  /// A whole numeric's value, or nil when it does not fit 64 bits.
  private static func integer(digits: [Int64], weight: Int, negative: Bool) -> Int64? {
    guard weight >= 0 else { return 0 }
    var value: Int64 = 0
    for position in 0...weight {
      let digit = position < digits.count ? digits[position] : 0
      let (shifted, overflow) = value.multipliedReportingOverflow(by: 10_000)
      guard !overflow else { return nil }
      let (sum, carry) =
        negative
        ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
      guard !carry else { return nil }
      value = sum
    }
    return value
  }
}
