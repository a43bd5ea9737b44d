/// The store's SQL as PostgreSQL takes it: `?` placeholders numbered `$1…$n`, and a script cut into
/// single statements (the extended protocol runs one statement at a time, where SQLite runs a
/// script). Quoted text, quoted names, dollar-quoted bodies and comments are left alone, so a `?` or
/// `;` inside them is not touched.
struct PostgresStatement: Equatable {
  /// The statement, with numbered placeholders.
  var sql: String
  /// How many placeholders it has, `$1` to `$count`.
  var placeholderCount: Int

  /// The statements of `script`, in order, leaving out empty ones (a trailing `;`, a comment).
  /// Numbered placeholders (`?1`) are refused: SQLite reads them, and renumbering them would
  /// silently bind the wrong values.
  static func split(_ script: String) throws -> [PostgresStatement] {
    var scanner = Scanner(bytes: Array(script.utf8))
    let statements = scanner.statements()
    guard !scanner.hasNumberedPlaceholder else {
      throw PostgresStatementError(reason: "uses a numbered placeholder (?1), where only ? is read")
    }
    return statements
  }

  private struct Scanner {
    let bytes: [UInt8]
    var index = 0
    var output: [UInt8] = []
    var placeholders = 0
    var hasContent = false
    var hasNumberedPlaceholder = false
    var finished: [PostgresStatement] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func statements() -> [PostgresStatement] {
      while index < bytes.count {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "?"):
          if let next = peek(1), next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9") {
            hasNumberedPlaceholder = true
          }
          placeholders += 1
          output.append(contentsOf: "$\(placeholders)".utf8)
          index += 1
          hasContent = true
        case UInt8(ascii: ";"):
          finishStatement()
          index += 1
        case UInt8(ascii: "'"):
          copyQuoted(by: byte, backslashEscapes: isEscapeStringPrefix())
        case UInt8(ascii: "\""):
          copyQuoted(by: byte, backslashEscapes: false)
        case UInt8(ascii: "-") where peek(1) == UInt8(ascii: "-"):
          copyLineComment()
        case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
          copyBlockComment()
        case UInt8(ascii: "$"):
          if let tag = dollarQuoteTag() {
            copyDollarQuoted(tag: tag)
          } else {
            copy(1)
          }
        default:
          if !isSpace(byte) { hasContent = true }
          copy(1)
        }
      }
      finishStatement()
      return finished
    }

    private mutating func finishStatement() {
      if hasContent {
        finished.append(
          PostgresStatement(
            sql: String(decoding: output, as: UTF8.self), placeholderCount: placeholders))
      }
      output = []
      placeholders = 0
      hasContent = false
    }

    private func peek(_ offset: Int) -> UInt8? {
      index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func copy(_ count: Int) {
      let end = min(index + count, bytes.count)
      output.append(contentsOf: bytes[index..<end])
      index = end
    }

    /// Whether the quote at `index` opens an `E'…'` string, where a backslash escapes a quote.
    private func isEscapeStringPrefix() -> Bool {
      guard index >= 1,
        bytes[index - 1] == UInt8(ascii: "E") || bytes[index - 1] == UInt8(ascii: "e")
      else { return false }
      return index < 2 || !isIdentifierByte(bytes[index - 2])
    }

    /// Copies a quoted run up to its closing quote; a doubled quote is a quote inside it.
    private mutating func copyQuoted(by quote: UInt8, backslashEscapes: Bool) {
      hasContent = true
      copy(1)
      while index < bytes.count {
        let byte = bytes[index]
        if backslashEscapes && byte == UInt8(ascii: "\\") {
          copy(2)
        } else if byte == quote && peek(1) == quote {
          copy(2)
        } else if byte == quote {
          copy(1)
          return
        } else {
          copy(1)
        }
      }
    }

    private mutating func copyLineComment() {
      while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { copy(1) }
    }

    /// Copies a block comment, which nests in PostgreSQL.
    private mutating func copyBlockComment() {
      var depth = 0
      repeat {
        if bytes[index] == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
          depth += 1
          copy(2)
        } else if bytes[index] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
          depth -= 1
          copy(2)
        } else {
          copy(1)
        }
      } while depth > 0 && index < bytes.count
    }

    /// The `$tag$` opening a dollar-quoted string at `index`, or nil for a `$` that is not one
    /// (a `$1` parameter, or a `$` inside a name).
    private func dollarQuoteTag() -> [UInt8]? {
      if index > 0 && isIdentifierByte(bytes[index - 1]) { return nil }
      var end = index + 1
      while end < bytes.count && bytes[end] != UInt8(ascii: "$") {
        let byte = bytes[end]
        let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        guard isIdentifierByte(byte) && !(isDigit && end == index + 1) else { return nil }
        end += 1
      }
      guard end < bytes.count else { return nil }
      return Array(bytes[index...end])
    }

    private mutating func copyDollarQuoted(tag: [UInt8]) {
      hasContent = true
      copy(tag.count)
      while index < bytes.count {
        if bytes[index] == UInt8(ascii: "$") && bytes[index...].starts(with: tag) {
          copy(tag.count)
          return
        }
        copy(1)
      }
    }

    private func isIdentifierByte(_ byte: UInt8) -> Bool {
      (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte >= 0x80
    }

    private func isSpace(_ byte: UInt8) -> Bool {
      byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
        || byte == UInt8(ascii: "\r")
    }
  }
}
