/// One token of SQL as either engine prints it: enough of the language to read CREATE TABLE,
/// CREATE INDEX and CREATE TRIGGER statements and the expressions in checks, defaults and
/// partial indexes.
enum SQLToken: Equatable, CustomStringConvertible {
  /// A bare or double-quoted name, or a keyword; `quoted` keeps a quoted name's case.
  case word(String, quoted: Bool)
  /// A single-quoted string, unescaped.
  case string(String)
  /// A number as written.
  case number(String)
  /// Punctuation or an operator: `(`, `)`, `,`, `;`, `[`, `]`, `::`, `=`, `<>`, `>=`, `||` …
  case symbol(String)

  /// Whether this is the keyword `keyword` (case-insensitive, never a quoted name).
  func isKeyword(_ keyword: String) -> Bool {
    if case .word(let word, quoted: false) = self {
      return word.caseInsensitiveCompare(keyword) == .orderedSame
    }
    return false
  }

  /// Whether this is the symbol `symbol`.
  func isSymbol(_ symbol: String) -> Bool { self == .symbol(symbol) }

  /// A name as both engines compare it: a bare name folded to lower case.
  var name: String? {
    if case .word(let word, let quoted) = self { return quoted ? word : word.lowercased() }
    return nil
  }

  var description: String {
    switch self {
    case .word(let word, let quoted): quoted ? "\"\(word)\"" : word
    case .string(let text): "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    case .number(let number): number
    case .symbol(let symbol): symbol
    }
  }

  /// The tokens of `sql`, without comments or white space.
  static func tokens(_ sql: String) throws -> [SQLToken] {
    let characters = Array(sql.unicodeScalars)
    var tokens: [SQLToken] = []
    var index = 0
    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
      index + offset < characters.count ? characters[index + offset] : nil
    }
    while let character = peek() {
      if character.properties.isWhitespace {
        index += 1
      } else if character == "-" && peek(1) == "-" {
        while let next = peek(), next != "\n" { index += 1 }
      } else if character == "/" && peek(1) == "*" {
        index += 2
        while peek() != nil && !(peek() == "*" && peek(1) == "/") { index += 1 }
        index += 2
      } else if character == "'" || character == "\"" || character == "`" {
        var text = ""
        index += 1
        while true {
          guard let next = peek() else { throw SchemaReadError("unterminated quote in \(sql)") }
          index += 1
          if next == character {
            if peek() == character {
              text.unicodeScalars.append(character)
              index += 1
            } else {
              break
            }
          } else {
            text.unicodeScalars.append(next)
          }
        }
        tokens.append(character == "'" ? .string(text) : .word(text, quoted: true))
      } else if character.properties.isAlphabetic || character == "_" {
        var word = ""
        while let next = peek(),
          next.properties.isAlphabetic || next == "_" || ("0"..."9").contains(next)
        {
          word.unicodeScalars.append(next)
          index += 1
        }
        tokens.append(.word(word, quoted: false))
      } else if ("0"..."9").contains(character) {
        var number = ""
        while let next = peek(), ("0"..."9").contains(next) || next == "." {
          number.unicodeScalars.append(next)
          index += 1
        }
        tokens.append(.number(number))
      } else {
        let pair = peek(1).map { String(character) + String($0) }
        if let pair, ["::", "<>", "!=", ">=", "<=", "||", "=="].contains(pair) {
          tokens.append(.symbol(pair))
          index += 2
        } else {
          tokens.append(.symbol(String(character)))
          index += 1
        }
      }
    }
    return tokens
  }
}

/// Why a catalogue could not be read into a ``SchemaDescription``.
struct SchemaReadError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

extension Array where Element == SQLToken {
  /// The index of the `)` that closes the `(` at `open`.
  func closingParenthesis(from open: Int) throws -> Int {
    var depth = 0
    for index in open..<count {
      if self[index].isSymbol("(") { depth += 1 }
      if self[index].isSymbol(")") {
        depth -= 1
        if depth == 0 { return index }
      }
    }
    throw SchemaReadError("unbalanced parentheses in \(map(\.description).joined(separator: " "))")
  }

  /// The runs of tokens between commas outside parentheses.
  func splitAtTopLevelCommas() -> [[SQLToken]] {
    var parts: [[SQLToken]] = [[]]
    var depth = 0
    for token in self {
      if token.isSymbol("(") || token.isSymbol("[") { depth += 1 }
      if token.isSymbol(")") || token.isSymbol("]") { depth -= 1 }
      if token.isSymbol(",") && depth == 0 {
        parts.append([])
      } else {
        parts[parts.count - 1].append(token)
      }
    }
    return parts.filter { !$0.isEmpty }
  }
}
