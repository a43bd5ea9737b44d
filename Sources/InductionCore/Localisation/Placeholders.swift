/// The `{name}` placeholders of the program's texts (a name is lower-case letters and `_`).
///
/// Written by hand rather than as a regular expression: Swift parses a regex literal again each
/// time it is evaluated, and filling a text is on every line and page the program shows (the web
/// bench found 41 % of the server's time in parsing it).
enum Placeholders {
  /// Each placeholder in `text`, leftmost first: where it is (braces included) and its name.
  static func scan(_ text: String) -> [(range: Range<String.Index>, name: Substring)] {
    let bytes = text.utf8
    var found: [(range: Range<String.Index>, name: Substring)] = []
    var index = bytes.startIndex
    while let open = bytes[index...].firstIndex(of: UInt8(ascii: "{")) {
      let start = bytes.index(after: open)
      var end = start
      while end < bytes.endIndex, isNameByte(bytes[end]) { end = bytes.index(after: end) }
      guard end > start, end < bytes.endIndex, bytes[end] == UInt8(ascii: "}") else {
        index = start
        continue
      }
      index = bytes.index(after: end)
      found.append((open..<index, text[start..<end]))
    }
    return found
  }

  /// `text` with each placeholder replaced by its value in `values`, in one pass (a value that
  /// itself looks like a placeholder is never filled in again); one without a value is left as it
  /// is.
  static func fill(_ text: String, _ values: [String: String]) -> String {
    let found = scan(text)
    guard !found.isEmpty else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count)
    var copied = text.startIndex
    for (range, name) in found {
      guard let value = values[String(name)] else { continue }
      result += text[copied..<range.lowerBound]
      result += value
      copied = range.upperBound
    }
    result += text[copied...]
    return result
  }

  private static func isNameByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_")
  }
}
