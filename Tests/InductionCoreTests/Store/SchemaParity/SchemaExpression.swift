/// An expression from a check, a default or a partial index's WHERE, read from either engine's
/// text and printed in one form: fully parenthesised, names folded, casts dropped, and
/// PostgreSQL's rewrites undone (`x = ANY (ARRAY[…])` is `x IN (…)`, `x <> ALL (ARRAY[…])` is
/// `x NOT IN (…)`, and SQLite's `BETWEEN` becomes the two comparisons PostgreSQL stores).
indirect enum SchemaExpression: Equatable {
  case column(String)
  case literal(String)
  case call(String, [SchemaExpression])
  case not(SchemaExpression)
  case negative(SchemaExpression)
  case binary(String, SchemaExpression, SchemaExpression)
  case logical(String, [SchemaExpression])
  case isNull(SchemaExpression, negated: Bool)
  case inList(SchemaExpression, [SchemaExpression], negated: Bool)

  /// `text` read; `blobColumns` are the columns whose `octet_length` is SQLite's `length` (a
  /// blob's length in bytes on both).
  static func parse(_ text: String, blobColumns: Set<String> = []) throws -> SchemaExpression {
    try parse(SQLToken.tokens(text), blobColumns: blobColumns)
  }

  /// `tokens` read.
  static func parse(_ tokens: [SQLToken], blobColumns: Set<String> = []) throws
    -> SchemaExpression
  {
    var parser = Parser(tokens: tokens, blobColumns: blobColumns)
    let expression = try parser.expression()
    guard parser.position == tokens.count else {
      throw SchemaReadError(
        "cannot read \(tokens.map(\.description).joined(separator: " ")) past token \(parser.position)"
      )
    }
    return expression
  }

  /// The columns the expression names.
  var columns: Set<String> {
    switch self {
    case .column(let name): [name]
    case .literal: []
    case .call(_, let arguments), .logical(_, let arguments):
      arguments.reduce(into: Set<String>()) { $0.formUnion($1.columns) }
    case .not(let operand), .negative(let operand), .isNull(let operand, _): operand.columns
    case .binary(_, let left, let right): left.columns.union(right.columns)
    case .inList(let operand, let list, _):
      list.reduce(into: operand.columns) { $0.formUnion($1.columns) }
    }
  }

  private struct Parser {
    var tokens: [SQLToken]
    var blobColumns: Set<String>
    var position = 0

    var current: SQLToken? { position < tokens.count ? tokens[position] : nil }

    mutating func take(keyword: String) -> Bool {
      guard current?.isKeyword(keyword) == true else { return false }
      position += 1
      return true
    }

    mutating func take(symbol: String) -> Bool {
      guard current?.isSymbol(symbol) == true else { return false }
      position += 1
      return true
    }

    mutating func expect(symbol: String) throws {
      guard take(symbol: symbol) else {
        throw SchemaReadError(
          "expected \(symbol) at token \(position) of \(tokens.map(\.description).joined(separator: " "))"
        )
      }
    }

    mutating func expression() throws -> SchemaExpression {
      try logical("OR") { try $0.andTerm() }
    }

    mutating func andTerm() throws -> SchemaExpression { try logical("AND") { try $0.notTerm() } }

    mutating func logical(
      _ keyword: String, next: (inout Parser) throws -> SchemaExpression
    ) throws -> SchemaExpression {
      var terms = [try next(&self)]
      while take(keyword: keyword) { terms.append(try next(&self)) }
      guard terms.count > 1 else { return terms[0] }
      return .logical(
        keyword,
        terms.flatMap { term -> [SchemaExpression] in
          if case .logical(keyword, let inner) = term { return inner }
          return [term]
        })
    }

    mutating func notTerm() throws -> SchemaExpression {
      if take(keyword: "NOT") { return .not(try notTerm()) }
      return try comparison()
    }

    mutating func comparison() throws -> SchemaExpression {
      let left = try additive()
      if take(keyword: "IS") {
        let negated = take(keyword: "NOT")
        guard take(keyword: "NULL") else { throw SchemaReadError("IS without NULL") }
        return .isNull(left, negated: negated)
      }
      let negated = take(keyword: "NOT")
      if take(keyword: "IN") {
        try expect(symbol: "(")
        let list = try listUntil(")")
        return .inList(left, list, negated: negated)
      }
      if take(keyword: "BETWEEN") {
        let low = try additive()
        guard take(keyword: "AND") else { throw SchemaReadError("BETWEEN without AND") }
        let high = try additive()
        let between = SchemaExpression.logical(
          "AND", [.binary(">=", left, low), .binary("<=", left, high)])
        return negated ? .not(between) : between
      }
      if negated { throw SchemaReadError("NOT where IN or BETWEEN was expected") }
      let operators = ["=", "==", "<>", "!=", "<", ">", "<=", ">="]
      guard case .symbol(let symbol) = current, operators.contains(symbol) else { return left }
      position += 1
      let op = ["==": "=", "!=": "<>"][symbol] ?? symbol
      for (keyword, isAll) in [("ANY", false), ("ALL", true)] where take(keyword: keyword) {
        try expect(symbol: "(")
        guard take(keyword: "ARRAY") else { throw SchemaReadError("\(keyword) without ARRAY") }
        try expect(symbol: "[")
        let list = try listUntil("]")
        skipCasts()
        try expect(symbol: ")")
        switch (op, isAll) {
        case ("=", false): return .inList(left, list, negated: false)
        case ("<>", true): return .inList(left, list, negated: true)
        default: throw SchemaReadError("\(op) \(keyword) is not IN or NOT IN")
        }
      }
      return .binary(op, left, try additive())
    }

    mutating func listUntil(_ close: String) throws -> [SchemaExpression] {
      var list = [try expression()]
      while take(symbol: ",") { list.append(try expression()) }
      try expect(symbol: close)
      return list
    }

    mutating func additive() throws -> SchemaExpression {
      try leftToRight(["+", "-", "||"]) { try $0.multiplicative() }
    }

    mutating func multiplicative() throws -> SchemaExpression {
      try leftToRight(["*", "/", "%"]) { try $0.unary() }
    }

    /// Operands of `next` joined by any of `operators`, the leftmost first.
    mutating func leftToRight(
      _ operators: [String], next: (inout Parser) throws -> SchemaExpression
    ) throws -> SchemaExpression {
      var left = try next(&self)
      while case .symbol(let symbol) = current, operators.contains(symbol) {
        position += 1
        left = .binary(symbol, left, try next(&self))
      }
      return left
    }

    mutating func unary() throws -> SchemaExpression {
      if take(symbol: "-") { return .negative(try unary()) }
      let operand = try primary()
      skipCasts()
      return operand
    }

    /// Drops `::type`, `::type[]` and `::character varying`: SQLite has no casts in its checks.
    mutating func skipCasts() {
      while take(symbol: "::") {
        while case .word = current { position += 1 }
        while take(symbol: "[") { _ = take(symbol: "]") }
      }
    }

    mutating func primary() throws -> SchemaExpression {
      guard let token = current else { throw SchemaReadError("expression ends early") }
      position += 1
      switch token {
      case .number(let number): return .literal(number)
      case .string: return .literal(token.description)
      case .symbol("("):
        let inner = try expression()
        try expect(symbol: ")")
        return inner
      case .word(let word, let quoted):
        if !quoted, ["NULL", "TRUE", "FALSE"].contains(word.uppercased()) {
          return .literal(word.uppercased())
        }
        var name = token.name ?? word
        // A trigger's condition names `old.column` and `new.column`.
        if take(symbol: "."), let field = current?.name {
          position += 1
          name += "." + field
        }
        guard take(symbol: "(") else { return .column(name) }
        let arguments = take(symbol: ")") ? [] : try listUntil(")")
        if name == "octet_length", case .column(let column)? = arguments.first,
          blobColumns.contains(column)
        {
          return .call("length", arguments)
        }
        return .call(name, arguments)
      default:
        throw SchemaReadError("unexpected \(token) in an expression")
      }
    }
  }
}

extension SchemaExpression: CustomStringConvertible {
  var description: String {
    switch self {
    case .column(let name): name
    case .literal(let text): text
    case .call(let name, let arguments):
      "\(name)(\(arguments.map(\.description).joined(separator: ", ")))"
    case .not(let operand): "(NOT \(operand))"
    case .negative(let operand): "(-\(operand))"
    case .binary(let op, let left, let right): "(\(left) \(op) \(right))"
    case .logical(let op, let terms):
      "(" + terms.map(\.description).joined(separator: " \(op) ") + ")"
    case .isNull(let operand, let negated): "(\(operand) IS \(negated ? "NOT " : "")NULL)"
    case .inList(let operand, let list, let negated):
      "(\(operand) \(negated ? "NOT " : "")IN (\(list.map(\.description).joined(separator: ", "))))"
    }
  }
}
