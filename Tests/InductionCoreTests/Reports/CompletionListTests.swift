import Foundation
import InductionCore
import TestSupport
import Testing

/// Compares two whole files; on failure shows only the lines that differ.
func expectSameFile(
  _ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let identical = actual == expected
  #expect(identical, "\(lineDiff(actual, expected))", sourceLocation: sourceLocation)
}

/// A roster of 3 classes × 30 children in every state a child can be in, signed through the store
/// API; the completion, outstanding and acknowledgements exports must equal, byte for byte, the
/// files this test builds from its own model of who is in which state.
@Suite("Exports: completion and outstanding lists")
struct CompletionListTests {
  static let london = TimeZone(identifier: "Europe/London")!
  static let classes = ["Reception (Blue)", "Year 1", "Year 2"]
  static let oldGuidanceText = Fixtures.guidanceText
  static let currentGuidanceText = Fixtures.guidanceText.replacingOccurrences(
    of: "Talk to us first.", with: "Talk to us first. Then use the Complaints Policy.")
  static let oldGuidance = Guidance(text: oldGuidanceText)
  static let currentGuidance = Guidance(text: currentGuidanceText)

  static let forenames = [
    [
      "Aaliyah", "Ben", "Chloe", "Dylan", "Ella", "Finn", "Grace", "Harry", "Isla", "Jack", "Kai",
      "Lily",
      "Mia", "Noah", "Olivia", "Poppy", "Quinn", "Ruby", "Sam", "Theo", "Uma", "Vera", "Will",
      "Xander",
      "Yara", "Zoë", "Amir", "Bella", "Cody", "Daisy",
    ],
    [
      "Jacob", "Archie", "Evie", "Freddie", "Hannah", "Imogen", "Joshua", "Katie", "Leo", "Maisie",
      "Nathan",
      "Oscar", "Phoebe", "Rosie", "Sophie", "Thomas", "Violet", "William", "Alfie", "Bethany",
      "Charlie",
      "Darcy", "Eliza", "Frankie", "George", "Holly", "Isaac", "Jasmine", "Kian", "Lucas",
    ],
    [
      "Mason", "Niamh", "Ollie", "Priya", "Reuben", "Sienna", "Toby", "Ursula", "Vinny", "Willow",
      "Yusuf",
      "Zara", "Ada", "Bilal", "Cerys", "Dev", "Esme", "Felix", "Gwen", "Hugo", "Ivy", "Jude",
      "Kira", "Luca",
      "Matilda", "Nico", "Orla", "Pip", "Rhys", "Siobhán",
    ],
  ]
  static let surnames = [
    "Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones",
    "Khan",
    "Lewis", "Morgan", "Nowak", "O'Brien", "Patel", "Quigley", "Roberts", "Singh", "Taylor",
    "Usman", "Vaughan",
    "Walker", "Xu", "Young", "Zielinski", "Abbott", "Baker", "Cole", "Dunn",
  ]
  static let parentForenames = [
    "Sarah", "Tom", "Aisha", "David", "Emma", "Kwame", "Laura", "Mohammed", "Nadia", "Paul",
    "Rachel", "Simon",
    "Tariq", "Uzma", "Victoria", "Wei", "Yvonne", "Adam", "Beth", "Chris", "Deepa", "Ellen",
    "Farah", "Gareth",
    "Helen", "Ian", "Joanne", "Karen", "Liam", "Megan",
  ]

  /// What happens to one roster child.
  enum Plan {
    /// One acknowledgement on the current guidance.
    case current
    /// One acknowledgement on the old guidance only.
    case oldOnly
    /// Nothing.
    case none
    /// One current acknowledgement, revoked.
    case revokedOnly
    /// Two current acknowledgements, by two parents: the newer one is shown.
    case twice
    /// An old acknowledgement, then a current one.
    case oldThenCurrent
    /// An old acknowledgement, then a current one that was revoked: the old one stands.
    case currentRevokedOldRemains
    /// Signed with a misspelt name, then linked to the roster by hand.
    case misspeltLinked
    /// Signed with the wrong class: matches nobody.
    case wrongClass
    /// Signed with odd case and spacing: still matches.
    case oddlyTyped
    /// One acknowledgement naming this child and a sibling in another class.
    case withSibling(classIndex: Int, childIndex: Int)
    /// Covered by a sibling's acknowledgement.
    case coveredBySibling
  }

  static func plan(_ classIndex: Int, _ index: Int) -> Plan {
    switch (classIndex, index) {
    case (0, 0): return .oddlyTyped
    case (0, 2): return .withSibling(classIndex: 2, childIndex: 12)
    case (2, 12): return .coveredBySibling
    case (1, 0): return .misspeltLinked
    case (1, 1): return .wrongClass
    case (2, 3): return .currentRevokedOldRemains
    default:
      switch index % 10 {
      case 0, 1, 2, 3: return .current
      case 4: return .oldOnly
      case 6: return .revokedOnly
      case 7: return .twice
      case 8: return .oldThenCurrent
      default: return .none
      }
    }
  }

  struct Child {
    var classIndex: Int
    var index: Int
    var name: String
    var className: String
    var parent: String
    var email: String?
  }

  static func rosterChildren() -> [Child] {
    var children: [Child] = []
    for classIndex in 0..<3 {
      for index in 0..<30 {
        let surname = surnames[(index * 7 + classIndex * 11) % 30]
        let forename = forenames[classIndex][index]
        var parent = "\(parentForenames[(index + classIndex * 13) % 30]) \(surname)"
        if (classIndex, index) == (1, 5) { parent = "Okafor, Amara" }
        let email =
          index % 3 == 2
          ? nil
          : "\(parent.lowercased().filter { $0.isLetter || $0 == " " }.replacingOccurrences(of: " ", with: "."))@example.test"
        children.append(
          Child(
            classIndex: classIndex, index: index, name: "\(forename) \(surname)",
            className: classes[classIndex],
            parent: parent, email: email))
      }
    }
    // The sibling shares the family's surname and parent.
    let elder = children[2]
    let younger = 2 * 30 + 12
    children[younger].name = "\(forenames[2][12]) \(elder.name.split(separator: " ").last!)"
    children[younger].parent = elder.parent
    children[younger].email = elder.email
    return children
  }

  /// One acknowledgement as the model sees it.
  struct Ack {
    var entry: LedgerEntry
    var parent: String
    /// The children as the store keeps them (white space collapsed).
    var children: [(name: String, className: String)]
    var at: Date
    var isCurrent: Bool
    var revoked = false
  }

  /// What the completion list should say about one child.
  struct Expected {
    var status: String
    var ack: Ack?
  }

  /// The database, the model's acknowledgements in ledger order, and the expected state of every child.
  struct World {
    var builder: LedgerBuilder
    var roster: [Child]
    var acks: [Ack]
    var expected: [String: Expected]
  }

  static func key(_ child: Child) -> String { "\(child.classIndex)/\(child.index)" }

  static func buildWorld(_ engine: TestEngine) throws -> World {
    let builder = try LedgerBuilder.fresh(engine)
    let database = builder.database
    try database.registerGuidanceVersion(
      oldGuidance, text: oldGuidanceText, at: LedgerBuilder.utc("2026-08-01 09:00"))
    try database.registerGuidanceVersion(
      currentGuidance, text: currentGuidanceText, at: LedgerBuilder.utc("2026-08-15 09:00"))
    let roster = rosterChildren()
    try database.replaceRoster(
      roster.enumerated().map { line, child in
        RosterRow(
          line: line + 2, parentName: child.parent, parentEmail: child.email, childName: child.name,
          className: child.className)
      }, at: LedgerBuilder.utc("2026-08-20 12:00"))

    var clock = LedgerBuilder.utc("2026-09-01 07:00")
    var acks: [Ack] = []
    func sign(
      _ parent: String, _ children: [(name: String, className: String)], current: Bool,
      stored: [(name: String, className: String)]? = nil
    ) throws -> Int {
      clock = clock.addingTimeInterval(7 * 60)
      let guidance = current ? currentGuidance : oldGuidance
      let entry = try builder.sign(
        parent: parent, children: children, at: clock, guidance: guidance,
        guidanceText: current ? currentGuidanceText : oldGuidanceText, firstTryCorrect: 16,
        scenarioCount: 16)
      acks.append(
        Ack(
          entry: entry, parent: parent, children: stored ?? children, at: clock, isCurrent: current)
      )
      return acks.count - 1
    }
    func revoke(_ index: Int) throws {
      clock = clock.addingTimeInterval(60)
      try builder.revoke(acks[index].entry, at: clock)
      acks[index].revoked = true
    }

    var expected: [String: Expected] = [:]
    for child in roster {
      let own = [(name: child.name, className: child.className)]
      switch plan(child.classIndex, child.index) {
      case .current:
        let ack = try sign(child.parent, own, current: true)
        expected[key(child)] = Expected(status: "acknowledged", ack: acks[ack])
      case .oldOnly:
        let ack = try sign(child.parent, own, current: false)
        expected[key(child)] = Expected(status: "re-acknowledge", ack: acks[ack])
      case .none:
        expected[key(child)] = Expected(status: "outstanding", ack: nil)
      case .revokedOnly:
        let ack = try sign(child.parent, own, current: true)
        try revoke(ack)
        // Nobody has acknowledged: the revoked record must not fill "Acknowledged by", "Signed at"
        // or "Reference" (as for a child with no acknowledgement at all).
        expected[key(child)] = Expected(status: "outstanding", ack: nil)
      case .twice:
        _ = try sign(child.parent, own, current: true)
        let second = try sign(
          "Alex " + child.name.split(separator: " ").dropFirst().joined(separator: " "), own,
          current: true)
        expected[key(child)] = Expected(status: "acknowledged", ack: acks[second])
      case .oldThenCurrent:
        _ = try sign(child.parent, own, current: false)
        let ack = try sign(child.parent, own, current: true)
        expected[key(child)] = Expected(status: "acknowledged", ack: acks[ack])
      case .currentRevokedOldRemains:
        let old = try sign(child.parent, own, current: false)
        let current = try sign(child.parent, own, current: true)
        try revoke(current)
        expected[key(child)] = Expected(status: "re-acknowledge", ack: acks[old])
      case .misspeltLinked:
        var misspelt = child.name
        misspelt.remove(at: misspelt.index(after: misspelt.startIndex))
        let ack = try sign(child.parent, [(misspelt, child.className)], current: true)
        try database.linkToRoster(
          reference: acks[ack].entry.reference, childName: child.name, className: child.className,
          key: builder.key, at: clock.addingTimeInterval(30))
        expected[key(child)] = Expected(status: "acknowledged", ack: acks[ack])
      case .wrongClass:
        _ = try sign(child.parent, [(child.name, "Year 2")], current: true)
        expected[key(child)] = Expected(status: "outstanding", ack: nil)
      case .oddlyTyped:
        let ack = try sign(
          child.parent,
          [
            (
              "  " + child.name.uppercased().replacingOccurrences(of: " ", with: "   ") + " ",
              child.className.lowercased()
            )
          ],
          current: true, stored: [(child.name.uppercased(), child.className.lowercased())])
        expected[key(child)] = Expected(status: "acknowledged", ack: acks[ack])
      case .withSibling(let classIndex, let childIndex):
        let sibling = roster[classIndex * 30 + childIndex]
        let ack = try sign(child.parent, own + [(sibling.name, sibling.className)], current: true)
        expected[key(child)] = Expected(status: "acknowledged", ack: acks[ack])
        expected[key(sibling)] = Expected(status: "acknowledged", ack: acks[ack])
      case .coveredBySibling:
        break
      }
    }
    // A child who has left the school: acknowledged, but not on the roster, so in no list.
    _ = try sign("Former Parent", [("Left Already", "Year 2")], current: true)
    return World(builder: builder, roster: roster, acks: acks, expected: expected)
  }

  // MARK: The model's files

  /// One RFC 4180 cell, neutralised as the design says (own implementation).
  static func cell(_ value: String) -> String {
    let triggers: Set<Unicode.Scalar> = [
      "=", "+", "-", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
    ]
    var text = value
    if let first = value.unicodeScalars.first, triggers.contains(first) { text = "'" + text }
    if text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" })
    {
      text = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return text
  }

  static func line(_ cells: [String]) -> String { cells.map(cell).joined(separator: ",") }

  static func file(_ header: String, _ lines: [String]) -> String {
    "\u{FEFF}" + ([header] + lines).map { $0 + "\r\n" }.joined()
  }

  /// Roster order: class, then child, ignoring case.
  static func ordered(_ roster: [Child]) -> [Child] {
    roster.sorted {
      ($0.className.lowercased(), $0.name.lowercased()) < (
        $1.className.lowercased(), $1.name.lowercased()
      )
    }
  }

  static func completionFile(_ world: World, only className: String? = nil) -> String {
    let lines = ordered(world.roster).filter { className == nil || $0.className == className }.map {
      child in
      let expected = world.expected[key(child)]!
      return line([
        child.className, child.name, child.parent, expected.status, expected.ack?.parent ?? "",
        expected.ack.map { LedgerBuilder.london($0.at) } ?? "",
        expected.ack.map { LedgerBuilder.shown($0.entry) } ?? "",
        expected.ack == nil ? "" : "en",
      ])
    }
    return file(
      "Class,Child,Parent (roster),Status,Acknowledged by,Signed at,Reference,Language", lines)
  }

  static func outstandingFile(_ world: World, only className: String? = nil) -> String {
    let lines = ordered(world.roster).filter { className == nil || $0.className == className }
      .compactMap { child -> String? in
        let expected = world.expected[key(child)]!
        guard expected.status != "acknowledged" else { return nil }
        return line([
          child.className, child.name, child.parent, child.email ?? "", expected.status,
          expected.status == "re-acknowledge" ? "en" : "",
        ])
      }
    return file("Class,Child,Parent,Email,Status,Language", lines)
  }

  static func acknowledgementsFile(_ acks: [Ack]) -> String {
    let lines = acks.map { ack in
      line([
        LedgerBuilder.shown(ack.entry), LedgerBuilder.london(ack.at), ack.parent, "parent",
        ack.children.map(\.name).joined(separator: "; "),
        ack.children.map(\.className).joined(separator: "; "),
        ack.isCurrent
          ? LedgerBuilder.version(2, currentGuidance) : LedgerBuilder.version(1, oldGuidance),
        ack.revoked ? "revoked" : (ack.isCurrent ? "current" : "superseded"), "16/16", "Reception",
        "en",
      ])
    }
    return file(
      "Reference,Signed at,Parent,Relationship,Children,Classes,Guidance version,Status,First-try score,Station,Language",
      lines)
  }

  /// The program's export of `kind` as text, through a descriptor (a pipe would do as well as a file;
  /// the file path is covered by the round-trip and end-to-end tests).
  static func exported(
    _ kind: ExportKind, _ database: AppDatabase, filter: ExportFilter = ExportFilter()
  ) throws
    -> String
  {
    let url = Fixtures.temporaryDirectory("completion").appendingPathComponent(
      "\(kind.rawValue).csv")
    let writer = try CSVExportWriter(
      destination: .file(url, displayPath: url.lastPathComponent, overwrite: false),
      header: kind.header)
    _ = try database.export(
      kind, filter: filter,
      context: ExportContext(currentGuidance: currentGuidance.sha256, timeZone: london),
      into: writer)
    try writer.finish()
    return String(decoding: try Data(contentsOf: url), as: UTF8.self)
  }

  // MARK: Tests

  @Test(arguments: TestEngine.available) func theModelCoversEveryState(engine: TestEngine) throws {
    // Given the world, Then each state is present, so the file comparisons below test them all
    let world = try Self.buildWorld(engine)
    let statuses = world.expected.values.map(\.status)
    #expect(world.expected.count == 90)
    #expect(statuses.filter { $0 == "acknowledged" }.count == 52)
    #expect(statuses.filter { $0 == "re-acknowledge" }.count == 10)
    #expect(statuses.filter { $0 == "outstanding" }.count == 28)
    #expect(world.acks.filter(\.revoked).count == 10)
  }

  @Test(arguments: TestEngine.available) func completionEqualsTheExpectedFile(engine: TestEngine)
    throws
  {
    // Given 3 classes × 30 children in every state
    let world = try Self.buildWorld(engine)
    // When completion is exported
    let actual = try Self.exported(.completion, world.builder.database)
    // Then it is exactly the expected file
    let expected = Self.completionFile(world)
    expectSameFile(actual, expected)
  }

  @Test(arguments: TestEngine.available) func outstandingEqualsTheExpectedFile(engine: TestEngine)
    throws
  {
    // Given 3 classes × 30 children in every state
    let world = try Self.buildWorld(engine)
    // When the outstanding list is exported
    let actual = try Self.exported(.outstanding, world.builder.database)
    // Then it lists exactly the children not acknowledged on the current guidance, with email
    let expected = Self.outstandingFile(world)
    expectSameFile(actual, expected)
  }

  @Test(arguments: TestEngine.available) func acknowledgementsEqualTheExpectedFile(
    engine: TestEngine
  ) throws {
    // Given the same acknowledgements
    let world = try Self.buildWorld(engine)
    // When they are exported
    let actual = try Self.exported(.acknowledgements, world.builder.database)
    // Then each is listed once in signing order as current, superseded or revoked
    let expected = Self.acknowledgementsFile(world.acks)
    expectSameFile(actual, expected)
  }

  @Test(arguments: TestEngine.available)
  func aChildWhoseOnlyAcknowledgementIsRevokedIsOutstandingWithNoAcknowledgementShown(
    engine: TestEngine
  ) throws {
    // Given a roster child acknowledged once on the current guidance, and that acknowledgement revoked
    let builder = try LedgerBuilder.fresh(engine)
    try builder.database.replaceRoster(
      [
        RosterRow(
          line: 2, parentName: "Amara Okafor", parentEmail: "amara@example.test",
          childName: "Tobi Okafor",
          className: "Nursery")
      ], at: LedgerBuilder.utc("2026-08-20 12:00"))
    let entry = try builder.sign(
      parent: "Amara Okafor", children: [("Tobi Okafor", "Nursery")],
      at: LedgerBuilder.utc("2026-09-01 08:00"),
      guidance: Self.currentGuidance, guidanceText: Self.currentGuidanceText)
    try builder.revoke(entry, at: LedgerBuilder.utc("2026-09-02 08:00"))

    // When completion and outstanding are exported
    let completion = try Self.exported(.completion, builder.database)
    let outstanding = try Self.exported(.outstanding, builder.database)

    // Then the child is outstanding on both lists
    // (A withdrawn record must not read as an acknowledgement: its name, time and reference stay out.)
    expectSameFile(
      completion,
      Self.file(
        "Class,Child,Parent (roster),Status,Acknowledged by,Signed at,Reference,Language",
        ["Nursery,Tobi Okafor,Amara Okafor,outstanding,,,,"]))
    expectSameFile(
      outstanding,
      Self.file(
        "Class,Child,Parent,Email,Status,Language",
        ["Nursery,Tobi Okafor,Amara Okafor,amara@example.test,outstanding,"]))
  }

  @Test(arguments: TestEngine.available)
  func aClassFilterKeepsOnlyThatClassWhateverItsCaseAndSpacing(engine: TestEngine) throws {
    // Given the same world
    let world = try Self.buildWorld(engine)
    let filter = ExportFilter(className: "  year   1 ")
    // When completion, outstanding and acknowledgements are exported for " year   1 "
    let completion = try Self.exported(.completion, world.builder.database, filter: filter)
    let outstanding = try Self.exported(.outstanding, world.builder.database, filter: filter)
    let acknowledgements = try Self.exported(
      .acknowledgements, world.builder.database, filter: filter)
    // Then they hold exactly Year 1's rows, and the acknowledgements naming a Year 1 child
    let expectedCompletion = Self.completionFile(world, only: "Year 1")
    let expectedOutstanding = Self.outstandingFile(world, only: "Year 1")
    let expectedAcknowledgements = Self.acknowledgementsFile(
      world.acks.filter { $0.children.contains { $0.className.lowercased() == "year 1" } })
    expectSameFile(completion, expectedCompletion)
    expectSameFile(outstanding, expectedOutstanding)
    expectSameFile(acknowledgements, expectedAcknowledgements)
    #expect(completion.components(separatedBy: "\r\n").count == 32)
  }

  @Test(arguments: TestEngine.available) func sinceIncludesItsInstantAndUntilExcludesIts(
    engine: TestEngine
  ) throws {
    // Given four children, each acknowledged once: just before `since`, exactly at `since`, just
    // before `until` and exactly at `until` (the command line turns `--until DAY` into the next
    // midnight, so `until` is exclusive here)
    let builder = try LedgerBuilder.fresh(engine)
    let since = LedgerBuilder.utc("2026-09-01 23:00")  // 2026-09-02 00:00 in London
    let until = LedgerBuilder.utc("2026-09-03 23:00")  // 2026-09-04 00:00 in London
    let children = ["Ava Patel", "Ben Jones", "Cara Singh", "Dan Evans"]
    try builder.database.replaceRoster(
      children.enumerated().map {
        RosterRow(
          line: $0.offset + 2, parentName: "Parent of \($0.element)", parentEmail: nil,
          childName: $0.element, className: "Nursery")
      }, at: LedgerBuilder.utc("2026-08-01 09:00"))
    let times = [since.addingTimeInterval(-1), since, until.addingTimeInterval(-1), until]
    let entries = try zip(children, times).map { child, at in
      try builder.sign(parent: "Parent of \(child)", children: [(child, "Nursery")], at: at)
    }
    let filter = ExportFilter(since: since, until: until)
    let context = ExportContext(
      currentGuidance: LedgerBuilder.fixtureGuidance.sha256, timeZone: Self.london)
    func export(_ kind: ExportKind) throws -> String {
      let url = Fixtures.temporaryDirectory("since").appendingPathComponent("x.csv")
      let writer = try CSVExportWriter(
        destination: .file(url, displayPath: "x.csv", overwrite: false), header: kind.header)
      _ = try builder.database.export(kind, filter: filter, context: context, into: writer)
      try writer.finish()
      return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    // When the three lists are exported for that window
    let acknowledgements = try export(.acknowledgements)
    let completion = try export(.completion)
    let outstanding = try export(.outstanding)

    // Then only the two signings inside the window count
    let version = LedgerBuilder.version(1, LedgerBuilder.fixtureGuidance)
    #expect(
      acknowledgements
        == Self.file(
          "Reference,Signed at,Parent,Relationship,Children,Classes,Guidance version,Status,First-try score,Station,Language",
          [
            "\(LedgerBuilder.shown(entries[1])),2026-09-02 00:00:00 +01:00,Parent of Ben Jones,parent,Ben Jones,Nursery,\(version),current,2/2,Reception,en",
            "\(LedgerBuilder.shown(entries[2])),2026-09-03 23:59:59 +01:00,Parent of Cara Singh,parent,Cara Singh,Nursery,\(version),current,2/2,Reception,en",
          ]))
    #expect(
      completion
        == Self.file(
          "Class,Child,Parent (roster),Status,Acknowledged by,Signed at,Reference,Language",
          [
            "Nursery,Ava Patel,Parent of Ava Patel,outstanding,,,,",
            "Nursery,Ben Jones,Parent of Ben Jones,acknowledged,Parent of Ben Jones,2026-09-02 00:00:00 +01:00,\(LedgerBuilder.shown(entries[1])),en",
            "Nursery,Cara Singh,Parent of Cara Singh,acknowledged,Parent of Cara Singh,2026-09-03 23:59:59 +01:00,\(LedgerBuilder.shown(entries[2])),en",
            "Nursery,Dan Evans,Parent of Dan Evans,outstanding,,,,",
          ]))
    #expect(
      outstanding
        == Self.file(
          "Class,Child,Parent,Email,Status,Language",
          [
            "Nursery,Ava Patel,Parent of Ava Patel,,outstanding,",
            "Nursery,Dan Evans,Parent of Dan Evans,,outstanding,",
          ]))
  }
}
