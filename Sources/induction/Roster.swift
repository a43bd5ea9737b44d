import ArgumentParser
import Foundation
import InductionCore
import InductionTerminal

extension Induction {
  /// `induction roster …`: the enrolment roster.
  struct Roster: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import the enrolment roster and match acknowledgements to it.",
      subcommands: [Import.self, Unmatched.self, Link.self])
  }
}

extension Induction.Roster {
  /// `induction roster import FILE.csv`.
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Replace the roster with the school's enrolment export (one row per child).")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The CSV file: parent name, optional parent email, child name, class.")
    var file: String

    @Flag(
      name: .customLong("skip-invalid"), help: "Import the valid rows and report the ones skipped.")
    var skipInvalid = false

    func run() throws {
      try Failure.report {
        let result = RosterParser.parse(fileAt: file, displayPath: file)
        if !result.problems.isEmpty {
          for problem in result.problems {
            Output.note((skipInvalid ? "skipped " : "") + problem.description)
          }
          if !skipInvalid || result.rows.isEmpty {
            Failure.printError(
              "nothing was imported; fix \(file) and import it again\(skipInvalid ? "" : " (or add --skip-invalid to import only the valid rows)")"
            )
            throw ExitCode.failure
          }
        }
        let admin = try AdminContext.open(options)
        let before = try admin.database.rosterCount()
        let progress = Progress(label: "Importing")
        try admin.database.replaceRoster(result.rows, at: Date(), progress: progress.update)
        progress.done()
        let classes = Set(result.rows.map { NameNormalisation.matchKey($0.className) }).count
        Output.say(
          "imported \(result.rows.count) children in \(classes) \(classes == 1 ? "class" : "classes") (replacing a roster of \(before))"
        )
      }
    }
  }

  /// `induction roster unmatched`.
  struct Unmatched: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List acknowledgements whose children match nobody on the roster.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
      try Failure.report {
        let admin = try AdminContext.open(options)
        let unmatched = try admin.database.unmatchedAcknowledgements()
        for item in unmatched {
          let signed =
            Timestamp.parseUTC(item.recordedAt).map {
              Timestamp.local($0, in: admin.export.timeZone)
            } ?? ""
          let children = item.children.map { "\($0.name) (\($0.className))" }.joined(
            separator: "; ")
          Output.say("\(Reference.display(item.reference))  \(signed)  \(children)")
        }
        Output.say(
          "\(unmatched.count) unmatched \(unmatched.count == 1 ? "acknowledgement" : "acknowledgements")"
        )
      }
    }
  }

  /// `induction roster link REFERENCE CHILD`.
  struct Link: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Link an acknowledgement to a roster child by hand (a misspelt name, a changed class).")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The acknowledgement's reference, e.g. 7K3M-Q9TZ.")
    var reference: String

    @Argument(help: "The child's name as on the roster.")
    var child: String

    @Option(
      name: .customLong("class"), help: "The child's class, when two children share the name.")
    var className: String?

    func run() throws {
      try Failure.report {
        let admin = try AdminContext.open(options)
        try admin.database.linkToRoster(
          reference: reference, childName: child, className: className, at: Date())
        Output.say("linked \(Reference.normalise(reference).map(Reference.display) ?? reference)")
      }
    }
  }
}
