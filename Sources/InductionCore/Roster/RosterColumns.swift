import Foundation

/// A part a roster column can play, with the header names accepted for it.
enum RosterColumn: CaseIterable {
  case parentName, parentForename, parentSurname, parentEmail
  case childName, childForename, childSurname, className

  /// How messages name the column.
  var label: String {
    switch self {
    case .parentName: "parent name"
    case .parentForename: "parent forename"
    case .parentSurname: "parent surname"
    case .parentEmail: "parent email"
    case .childName: "child name"
    case .childForename: "child forename"
    case .childSurname: "child surname"
    case .className: "class"
    }
  }

  /// Header names accepted for the column, as shown in messages.
  var aliases: [String] {
    switch self {
    case .parentName:
      [
        "parent name", "parent", "parent/carer", "parent / carer name", "carer", "contact name",
        "primary contact",
      ]
    case .parentForename: ["parent forename", "parent first name"]
    case .parentSurname: ["parent surname", "parent last name"]
    case .parentEmail: ["parent email", "email", "e-mail", "contact email"]
    case .childName: ["child name", "child", "pupil", "pupil name", "student", "student name"]
    case .childForename:
      [
        "child forename", "child first name", "pupil forename", "forename", "first name",
        "legal forename",
      ]
    case .childSurname:
      [
        "child surname", "child last name", "pupil surname", "surname", "last name",
        "legal surname",
      ]
    case .className:
      ["class", "class name", "form", "reg group", "registration group", "group", "year/class"]
    }
  }

  /// The column a header cell names, if any, and the position of the name among the
  /// ``aliases`` (lower is preferred when several columns name the same thing).
  static func named(_ header: String) -> (column: RosterColumn, rank: Int)? {
    let key = matchKey(header)
    for column in allCases {
      if let rank = column.aliases.firstIndex(where: { matchKey($0) == key }) {
        return (column, rank)
      }
    }
    return nil
  }

  /// Trimmed, spaces collapsed, no spaces around `/`, lower case: so `Parent / Carer  Name`
  /// matches `parent/carer name`.
  static func matchKey(_ header: String) -> String {
    NameNormalisation.tidy(header)
      .split(separator: "/", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: "/")
      .lowercased()
  }
}

/// Where a name is found in a record: one column, or a forename and a surname column.
enum RosterNameSource: Equatable {
  case whole(Int)
  case parts(forename: Int, surname: Int)

  /// The raw cells holding the name.
  func cells(in record: [String]) -> [String] {
    switch self {
    case .whole(let index): [record[index]]
    case .parts(let forename, let surname): [record[forename], record[surname]]
    }
  }
}

/// Which column holds what, worked out from the header row.
struct RosterLayout: Equatable {
  var parentName: RosterNameSource
  var parentEmail: Int?
  var childName: RosterNameSource
  var className: Int

  /// The layout of `header`, or every reason it cannot be used.
  static func resolve(_ header: [String]) -> Result<RosterLayout, RosterHeaderProblems> {
    // Exports often carry both a preferred and a legal name ("Forename", "Legal Forename"): the
    // name earlier in the aliases wins, and only two columns with the same name are ambiguous.
    var found: [RosterColumn: (rank: Int, indices: [Int])] = [:]
    for (index, cell) in header.enumerated() {
      guard let (column, rank) = RosterColumn.named(cell) else { continue }
      if let best = found[column], best.rank < rank { continue }
      if let best = found[column], best.rank == rank {
        found[column] = (rank, best.indices + [index])
      } else {
        found[column] = (rank, [index])
      }
    }
    var reasons: [String] = []
    for column in RosterColumn.allCases {
      if let indices = found[column]?.indices, indices.count > 1 {
        let numbers = indices.map { String($0 + 1) }
        let list = numbers.dropLast().joined(separator: ", ") + " and " + numbers.last!
        reasons.append(
          "the header has \(indices.count) \(column.label) columns (columns \(list)); "
            + "keep only one")
      }
    }
    let first = { (column: RosterColumn) in found[column]?.indices.first }
    let parent = nameSource(
      whole: .parentName, forename: .parentForename, surname: .parentSurname, first, &reasons)
    let child = nameSource(
      whole: .childName, forename: .childForename, surname: .childSurname, first, &reasons)
    let className = first(.className)
    if className == nil { reasons.append(missing(.className)) }
    guard reasons.isEmpty, let parent, let child, let className else {
      return .failure(RosterHeaderProblems(reasons: reasons))
    }
    return .success(
      RosterLayout(
        parentName: parent, parentEmail: first(.parentEmail), childName: child,
        className: className))
  }

  private static func nameSource(
    whole: RosterColumn, forename: RosterColumn, surname: RosterColumn,
    _ first: (RosterColumn) -> Int?, _ reasons: inout [String]
  ) -> RosterNameSource? {
    if let index = first(whole) { return .whole(index) }
    switch (first(forename), first(surname)) {
    case (let forenameIndex?, let surnameIndex?):
      return .parts(forename: forenameIndex, surname: surnameIndex)
    case (_?, nil):
      reasons.append(half(present: forename, absent: surname))
    case (nil, _?):
      reasons.append(half(present: surname, absent: forename))
    case (nil, nil):
      reasons.append(missing(whole) + " (or use separate forename and surname columns)")
    }
    return nil
  }

  private static func missing(_ column: RosterColumn) -> String {
    "the header has no \(column.label) column; rename a column to one of: "
      + column.aliases.joined(separator: ", ")
  }

  private static func half(present: RosterColumn, absent: RosterColumn) -> String {
    "the header has a \(present.label) column but no \(absent.label) column; "
      + "rename a column to one of: " + absent.aliases.joined(separator: ", ")
  }
}

/// Why a header row cannot be used, one reason per problem.
struct RosterHeaderProblems: Error, Equatable {
  var reasons: [String]
}
