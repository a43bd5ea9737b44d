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

/// What parsing a roster file found: the good rows, and every problem in file order.
public struct RosterParseResult: Sendable, Equatable {
  /// The rows without problems, in file order.
  public var rows: [RosterRow]
  /// Every problem, in line order; empty when the whole file is sound.
  public var problems: [RosterProblem]

  /// Creates a result.
  public init(rows: [RosterRow], problems: [RosterProblem]) {
    self.rows = rows
    self.problems = problems
  }
}
