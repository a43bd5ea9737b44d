/// One way SQLite's schema and PostgreSQL's differ: `table quiz_attempt, column is_correct:
/// CHECK ((is_correct IN (0, 1))) only on PostgreSQL`.
struct SchemaDifference: Equatable, CustomStringConvertible {
  var table: String
  /// What differs: `table`, `column NAME`, `column order`, `primary key`, `unique (…)`,
  /// `check on NAMES`, `foreign key (…)`, `index NAME` or `trigger NAME`.
  var subject: String
  var detail: String

  var description: String { "table \(table), \(subject): \(detail)" }

  /// Every difference between `sqlite` and `postgres`, table by table in name order.
  static func between(sqlite: SchemaDescription, postgres: SchemaDescription)
    -> [SchemaDifference]
  {
    var found: [SchemaDifference] = []
    for name in Set(sqlite.tables.keys).union(postgres.tables.keys).sorted() {
      guard let left = sqlite.tables[name], let right = postgres.tables[name] else {
        found.append(
          SchemaDifference(
            table: name, subject: "table",
            detail: "only on \(sqlite.tables[name] == nil ? "PostgreSQL" : "SQLite")"))
        continue
      }
      var comparison = TableComparison(table: name, sqlite: left, postgres: right)
      found += comparison.differences()
    }
    return found
  }
}

/// One table on both engines, compared.
private struct TableComparison {
  var table: String
  var sqlite: SchemaDescription.Table
  var postgres: SchemaDescription.Table
  var found: [SchemaDifference] = []

  init(table: String, sqlite: SchemaDescription.Table, postgres: SchemaDescription.Table) {
    self.table = table
    self.sqlite = sqlite
    self.postgres = postgres
  }

  mutating func note(_ subject: String, _ detail: String) {
    found.append(SchemaDifference(table: table, subject: subject, detail: detail))
  }

  /// `detail` when only one side has something, naming that side.
  mutating func onlyOnOne<Key: Hashable & Comparable>(
    _ left: [Key: String], _ right: [Key: String], subject: (Key) -> String
  ) {
    for key in Set(left.keys).subtracting(right.keys).sorted() {
      note(subject(key), "\(left[key]!) only on SQLite")
    }
    for key in Set(right.keys).subtracting(left.keys).sorted() {
      note(subject(key), "\(right[key]!) only on PostgreSQL")
    }
  }

  /// `what` on each engine, when they differ.
  mutating func compare<Value: Equatable>(
    _ subject: String, _ what: String, _ left: Value, _ right: Value,
    show: (Value) -> String = { "\($0)" }
  ) {
    if left != right {
      note(
        subject,
        (what.isEmpty ? "" : what + " ") + "\(show(left)) on SQLite, \(show(right)) on PostgreSQL")
    }
  }

  static func optional(_ value: String?) -> String { value ?? "none" }

  mutating func differences() -> [SchemaDifference] {
    compareColumns()
    compare("primary key", "columns", sqlite.primaryKey, postgres.primaryKey)
    let uniques = { (set: Set<[String]>) in
      Dictionary(uniqueKeysWithValues: set.map { ($0.joined(separator: ", "), "UNIQUE") })
    }
    onlyOnOne(uniques(sqlite.uniques), uniques(postgres.uniques)) { "unique (\($0))" }
    compareChecks()
    compareForeignKeys()
    compareIndexes()
    compareTriggers()
    return found
  }

  mutating func compareColumns() {
    let left = Dictionary(uniqueKeysWithValues: sqlite.columns.map { ($0.name, $0) })
    let right = Dictionary(uniqueKeysWithValues: postgres.columns.map { ($0.name, $0) })
    onlyOnOne(left.mapValues { "\($0.type)" }, right.mapValues { "\($0.type)" }) {
      "column \($0)"
    }
    for column in sqlite.columns {
      guard let other = right[column.name] else { continue }
      let subject = "column \(column.name)"
      compare(subject, "type", column.type, other.type)
      compare(subject, "NOT NULL", column.notNull, other.notNull) { $0 ? "yes" : "no" }
      compare(subject, "collation", column.collation, other.collation, show: Self.optional)
      compare(subject, "default", column.defaultValue, other.defaultValue, show: Self.optional)
      compare(subject, "generated", column.generated, other.generated, show: Self.optional)
    }
    let shared = Set(left.keys).intersection(right.keys)
    compare(
      "column order", "", sqlite.columns.map(\.name).filter(shared.contains),
      postgres.columns.map(\.name).filter(shared.contains))
  }

  mutating func compareChecks() {
    let describe = { (checks: [String: SchemaDescription.Check]) in
      Dictionary(
        grouping: checks.values, by: { $0.columns.sorted().joined(separator: ", ") }
      ).mapValues { Set($0.map(\.expression)) }
    }
    let left = describe(sqlite.checks)
    let right = describe(postgres.checks)
    for columns in Set(left.keys).union(right.keys).sorted() {
      let subject = "check on \(columns.isEmpty ? "no column" : columns)"
      let mine = left[columns] ?? []
      let theirs = right[columns] ?? []
      for expression in mine.subtracting(theirs).sorted() {
        note(subject, "CHECK \(expression) only on SQLite")
      }
      for expression in theirs.subtracting(mine).sorted() {
        note(subject, "CHECK \(expression) only on PostgreSQL")
      }
      for expression in mine.intersection(theirs).sorted()
      where sqlite.checks[expression]?.validated != postgres.checks[expression]?.validated {
        note(subject, "CHECK \(expression) is NOT VALID on one engine")
      }
    }
  }

  mutating func compareForeignKeys() {
    let describe = { (keys: Set<SchemaDescription.ForeignKey>) in
      Dictionary(
        keys.map {
          (
            $0.columns.joined(separator: ", "),
            "REFERENCES \($0.table)(\($0.referencedColumns.joined(separator: ", "))) ON DELETE \($0.onDelete) ON UPDATE \($0.onUpdate)"
          )
        }, uniquingKeysWith: { "\($0); \($1)" })
    }
    let left = describe(sqlite.foreignKeys)
    let right = describe(postgres.foreignKeys)
    onlyOnOne(left, right) { "foreign key (\($0))" }
    for (columns, reference) in left {
      if let other = right[columns] { compare("foreign key (\(columns))", "", reference, other) }
    }
  }

  mutating func compareIndexes() {
    let describe = { (index: SchemaDescription.Index) in
      "\(index.unique ? "UNIQUE " : "")(\(index.columns.joined(separator: ", ")))"
        + (index.predicate.map { " WHERE \($0)" } ?? "")
    }
    onlyOnOne(sqlite.indexes.mapValues(describe), postgres.indexes.mapValues(describe)) {
      "index \($0)"
    }
    for (name, index) in sqlite.indexes {
      guard let other = postgres.indexes[name] else { continue }
      compare("index \(name)", "", describe(index), describe(other))
    }
  }

  mutating func compareTriggers() {
    let describe = { (trigger: SchemaDescription.Trigger) in
      "\(trigger.timing) \(trigger.event) FOR EACH \(trigger.level): \(trigger.action)"
        + (trigger.enabled ? "" : " (disabled)")
    }
    onlyOnOne(sqlite.triggers.mapValues(describe), postgres.triggers.mapValues(describe)) {
      "trigger \($0)"
    }
    for (name, trigger) in sqlite.triggers {
      guard let other = postgres.triggers[name] else { continue }
      compare("trigger \(name)", "", describe(trigger), describe(other))
    }
  }
}
