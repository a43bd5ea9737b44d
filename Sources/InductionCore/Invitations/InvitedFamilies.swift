import Foundation

/// The families of an outstanding list, gathered so each gets one new personal link.
struct InvitedFamilies {
  /// One row of the list, with its family's link.
  struct Row {
    var cells: [ExportCell]
    var link: String
    var expires: Date
  }

  let issue: InvitationIssue?
  private var rows: [(cells: [ExportCell], family: String)] = []

  init(issue: InvitationIssue?) {
    self.issue = issue
  }

  /// A family is its email address (as people write it, whatever the case), or without one, its
  /// parent's name by its `key` (``NameNormalisation/matchKey(_:)`` but in a migration); only a
  /// hash of that is stored.
  static func familyHash(
    email: String, parent: String, key: (String) -> String = NameNormalisation.matchKey
  ) -> String {
    let trimmed = email.trimmingCharacters(in: .whitespaces).lowercased()
    let key = trimmed.isEmpty ? "name\u{0}" + key(parent) : "email\u{0}" + trimmed
    return Digest.sha256Hex("family\u{0}" + key)
  }

  mutating func add(_ cells: [ExportCell], family: String) {
    rows.append((cells, family))
  }

  /// Issues one link per family (withdrawing its older unused ones) and returns the rows in list
  /// order, each with its family's link.
  func issue(_ db: any SQLDatabase) throws -> [Row] {
    guard let issue else { return [] }
    let issuedAt = Timestamp.utc(issue.issuedAt)
    let expires = issue.issuedAt.addingTimeInterval(TimeInterval(issue.days) * 86_400)
    var links: [String: String] = [:]
    for family in rows.map(\.family) where links[family] == nil {
      let token = InvitationToken.random()
      try AppDatabase.withdrawOpenInvitations(db, family: family, at: issuedAt)
      try AppDatabase.insertInvitation(
        db, tokenHash: token.hash, family: family, issuedAt: issuedAt,
        expiresAt: Timestamp.utc(expires))
      links[family] = token.link(base: issue.base)
    }
    return rows.map { Row(cells: $0.cells, link: links[$0.family]!, expires: expires) }
  }
}
