/// One child from the school's enrolment export, with names tidied by
/// ``NameNormalisation/tidy(_:)``.
public struct RosterRow: Sendable, Equatable {
  /// The physical line of the file on which the child's record starts (1-based).
  public var line: Int
  /// The parent or carer's name.
  public var parentName: String
  /// The parent's email address, when the file has one for this child.
  public var parentEmail: String?
  /// The child's name (forename and surname joined when the file splits them).
  public var childName: String
  /// The child's class.
  public var className: String

  /// Creates a row.
  public init(
    line: Int, parentName: String, parentEmail: String?, childName: String, className: String
  ) {
    self.line = line
    self.parentName = parentName
    self.parentEmail = parentEmail
    self.childName = childName
    self.className = className
  }
}

/// One thing wrong with a roster file, reported as `file:line: reason` (the line on which the
/// record, or the whole-file problem, starts): the same shape as a scenario lint problem.
public typealias RosterProblem = LintProblem

/// What parsing a roster file found: the good rows (one per child), and every problem in file
/// order.
public struct RosterParseResult: Sendable, Equatable {
  /// The rows without problems, in file order, one per child.
  public var rows: [RosterRow]
  /// Every problem, in line order; empty when the whole file is sound.
  public var problems: [RosterProblem]
  /// The rows that named a child of an earlier row again (same name and class, as matching reads
  /// them), in line order: an export with a row per parent or contact. Each child counts once.
  public var repeated: [RosterRepeat]

  /// Creates a result.
  public init(rows: [RosterRow], problems: [RosterProblem], repeated: [RosterRepeat] = []) {
    self.rows = rows
    self.problems = problems
    self.repeated = repeated
  }
}

/// A roster row that named the child of an earlier row again.
public struct RosterRepeat: Sendable, Equatable {
  /// The line of the row that repeated the child.
  public var line: Int
  /// The line of the row the child was first named on.
  public var firstLine: Int

  /// Creates a repeat.
  public init(line: Int, firstLine: Int) {
    self.line = line
    self.firstLine = firstLine
  }
}
