import ArgumentParser
import Foundation
import InductionCore

/// `induction roster …`: the enrolment roster.
public struct RosterCommand: ParsableCommand {
  /// The command's name, help and subcommands.
  public static let configuration = CommandConfiguration(
    commandName: "roster",
    abstract: "Import the enrolment roster and match acknowledgements to it.",
    subcommands: [
      RosterImportCommand.self, RosterUnmatchedCommand.self, RosterLinkCommand.self,
      RosterUnlinkCommand.self,
    ])

  /// ArgumentParser's initialiser.
  public init() {}
}

/// `induction roster import FILE.csv`.
public struct RosterImportCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Replace the roster with the school's enrolment export (one row per child).")

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  @Argument(help: "The CSV file: parent name, optional parent email, child name, class.")
  var file: String

  @Flag(
    name: .customLong("skip-invalid"), help: "Import the valid rows and report the ones skipped.")
  var skipInvalid = false

  /// ArgumentParser's initialiser.
  public init() {}

  /// Checks every row, lists the problems, and replaces the roster.
  public func run(in session: AdminSession) throws {
    let result = RosterParser.parse(fileAt: file, displayPath: file)
    if !result.problems.isEmpty {
      for problem in result.problems {
        session.errors.line("\(skipInvalid ? "skipped " : "")\(problem.description)")
      }
      if !skipInvalid || result.rows.isEmpty {
        throw AdminFailure(
          "nothing was imported; fix \(file) and import it again\(skipInvalid ? "" : " (or add --skip-invalid to import only the valid rows)")"
        )
      }
    }
    let before = try session.database.rosterCount()
    let progress = Progress(label: "Importing", console: session.errors)
    try session.database.replaceRoster(
      result.rows, at: session.clock.now(), progress: progress.update)
    progress.done()
    let classes = Set(result.rows.map { NameNormalisation.matchKey($0.className) }).count
    if let first = result.repeated.first {
      let rows = AdminSession.count(result.repeated.count, "row", "rows")
      session.errors.line(
        "\(file): \(rows) named a child of an earlier row again (the first at line \(first.line), as line \(first.firstLine)), so each child is counted once"
      )
    }
    session.output.line(
      "imported \(AdminSession.count(result.rows.count, "child", "children")) in \(AdminSession.count(classes, "class", "classes")) (replacing a roster of \(before))"
    )
  }
}

/// `induction roster unmatched`.
public struct RosterUnmatchedCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "unmatched",
    abstract:
      "List acknowledgements naming a child who matches nobody on the roster, with those children.")

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  /// ArgumentParser's initialiser.
  public init() {}

  /// Lists them, one line each.
  public func run(in session: AdminSession) throws {
    let unmatched = try session.database.unmatchedAcknowledgements()
    for item in unmatched {
      let signed =
        Timestamp.parseUTC(item.recordedAt).map {
          Timestamp.local($0, in: session.export.timeZone)
        } ?? ""
      let children = item.children.map { "\($0.name) (\($0.className))" }.joined(separator: "; ")
      session.output.line("\(Reference.display(item.reference))  \(signed)  \(children)")
    }
    session.output.line(
      "\(AdminSession.count(unmatched.count, "unmatched acknowledgement"))")
  }
}

/// `induction roster link REFERENCE CHILD`.
public struct RosterLinkCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "link",
    abstract:
      "Link an acknowledgement to a roster child by hand (a misspelt name, a changed class), with a signed ledger entry."
  )

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  @Argument(help: "The acknowledgement's reference, e.g. 7K3M-Q9TZ.")
  var reference: String

  @Argument(help: "The child's name as on the roster.")
  var child: String

  @Option(name: .customLong("class"), help: "The child's class, when two children share the name.")
  var className: String?

  /// ArgumentParser's initialiser.
  public init() {}

  /// Links them, signed.
  public func run(in session: AdminSession) throws {
    let entry = try session.database.linkToRoster(
      reference: reference, childName: child, className: className,
      key: try session.signingKey(), at: session.clock.now())
    session.output.line(
      "linked \(Reference.normalise(reference).map(Reference.display) ?? reference) (signed entry \(entry.displayReference))"
    )
  }
}

/// `induction roster unlink REFERENCE CHILD`.
public struct RosterUnlinkCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "unlink",
    abstract:
      "Undo a link made with roster link, with a signed ledger entry; the child is outstanding again unless acknowledged otherwise."
  )

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  @Argument(help: "The acknowledgement's reference, e.g. 7K3M-Q9TZ.")
  var reference: String

  @Argument(help: "The child's name as it was linked.")
  var child: String

  @Option(name: .customLong("class"), help: "The child's class, when two links share the name.")
  var className: String?

  /// ArgumentParser's initialiser.
  public init() {}

  /// Removes the link, signed.
  public func run(in session: AdminSession) throws {
    let entry = try session.database.unlinkFromRoster(
      reference: reference, childName: child, className: className,
      key: try session.signingKey(), at: session.clock.now())
    let shown = Reference.normalise(reference).map(Reference.display) ?? reference
    session.output.line(
      "unlinked \(shown)" + (entry.map { " (signed entry \($0.displayReference))" } ?? ""))
  }
}
