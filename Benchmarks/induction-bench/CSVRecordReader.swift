/// Reads RFC 4180 records one at a time from bytes in memory (LF or CRLF line ends, quoted fields
/// with doubled quotes, an optional UTF-8 byte-order mark), to compare two exports cell by cell
/// without holding a million parsed rows.
struct CSVRecordReader {
  private let bytes: [UInt8]
  private var index = 0

  /// A reader over `bytes`, skipping a leading byte-order mark.
  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
  }

  /// The next record's fields, or nil at the end.
  mutating func next() -> [String]? {
    guard index < bytes.count else { return nil }
    var fields: [String] = []
    var field: [UInt8] = []
    var quoted = false
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if quoted {
        if byte == UInt8(ascii: "\"") {
          if index < bytes.count && bytes[index] == UInt8(ascii: "\"") {
            field.append(byte)
            index += 1
          } else {
            quoted = false
          }
        } else {
          field.append(byte)
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "\""): quoted = true
      case UInt8(ascii: ","):
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
      case UInt8(ascii: "\r") where index < bytes.count && bytes[index] == UInt8(ascii: "\n"):
        break
      case UInt8(ascii: "\n"):
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
      default: field.append(byte)
      }
    }
    fields.append(String(decoding: field, as: UTF8.self))
    return fields
  }
}
