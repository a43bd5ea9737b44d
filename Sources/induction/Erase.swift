import ArgumentParser
import Foundation
import InductionCore
import InductionTerminal

extension Induction {
  /// `induction erase REFERENCE`: the right to erasure.
  struct Erase: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Erase one person's details (right to erasure); the signed ledger entry stays, holding no names."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The acknowledgement's reference, e.g. 7K3M-Q9TZ.")
    var reference: String

    @Flag(help: "Confirm without being asked (for scripts).")
    var yes = false

    func run() throws {
      try Failure.report {
        let admin = try AdminContext.open(options)
        guard let entry = try admin.database.entry(reference: reference),
          entry.kind == .acknowledgement
        else {
          throw ErasureError.unknownReference(reference)
        }
        if !yes {
          guard CompositionRoot.interactive else {
            Failure.printError(
              "erasing cannot be undone; add --yes to confirm, or run it at a terminal")
            throw ExitCode.failure
          }
          let reader = CompositionRoot.makeStaffReader(console: CompositionRoot.makeConsole())
          let prompt = "Erasing cannot be undone. Type the reference again to confirm: "
          guard case .line(let typed) = reader.readLine(prompt: prompt, kind: .personal),
            Reference.normalise(typed) == entry.reference
          else {
            Output.say("Not erased.")
            return
          }
        }
        try admin.database.erase(references: [entry.reference], key: admin.key, at: Date())
        Output.say(
          "erased the personal details of \(entry.displayReference); the ledger still verifies")
      }
    }
  }

  /// `induction purge [--dry-run]`: erase what is older than the retention period.
  struct Purge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Erase personal details older than `retention:` in school.yaml.")

    @OptionGroup var options: GlobalOptions

    @Flag(name: .customLong("dry-run"), help: "Say what would be erased, and erase nothing.")
    var dryRun = false

    func run() throws {
      try Failure.report {
        let admin = try AdminContext.open(options)
        guard let retention = admin.school?.retention else {
          Failure.printError(
            "no retention period is set; add a line such as `retention: 6 years` to school.yaml")
          throw ExitCode.failure
        }
        let cutoff = retention.cutoff(from: Date(), in: admin.export.timeZone)
        let cutoffText = Timestamp.local(cutoff, in: admin.export.timeZone)
        if dryRun {
          let count = try admin.database.retentionCandidates(before: cutoff).count
          Output.say(
            "would erase \(count) \(count == 1 ? "acknowledgement" : "acknowledgements") signed before \(cutoffText) (retention \(retention))"
          )
          return
        }
        let count = try admin.database.purge(before: cutoff, key: admin.key, at: Date())
        Output.say(
          "erased \(count) \(count == 1 ? "acknowledgement" : "acknowledgements") signed before \(cutoffText) (retention \(retention))"
        )
      }
    }
  }

  /// `induction access --parent NAME | --reference REF [--out FILE]`: a subject access request.
  struct Access: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Show everything held about one parent (subject access request), and nothing about anyone else."
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "The parent's full name.")
    var parent: String?

    @Option(help: "One of their references.")
    var reference: String?

    @Option(help: "Write the report as JSON to this file (mode 0600) instead of showing it.")
    var out: String?

    @Flag(help: "Replace the --out file if it already exists.")
    var force = false

    func validate() throws {
      if parent == nil && reference == nil {
        throw ValidationError("give --parent NAME or --reference REF")
      }
    }

    func run() throws {
      try Failure.report {
        let admin = try AdminContext.open(options)
        let report = try admin.database.subjectAccess(
          parentName: parent, reference: reference, at: Date())
        if let out {
          let encoder = JSONEncoder()
          encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
          try AtomicFile.write(
            try encoder.encode(report), to: URL(fileURLWithPath: out), displayPath: out,
            overwrite: force)
          Output.say(
            "wrote \(report.acknowledgements.count) \(report.acknowledgements.count == 1 ? "acknowledgement" : "acknowledgements") to \(out)"
          )
          return
        }
        Output.say(
          Sanitiser.sanitise(
            SubjectAccessText.render(report, zone: admin.export.timeZone), allowNewlines: true),
          terminator: "")
      }
    }
  }
}

/// The subject access report as plain text.
enum SubjectAccessText {
  static func render(_ report: SubjectAccessReport, zone: TimeZone) -> String {
    func local(_ utc: String) -> String {
      Timestamp.parseUTC(utc).map { Timestamp.local($0, in: zone) } ?? utc
    }
    var lines = ["Subject access report, made \(local(report.madeAt))", ""]
    if report.acknowledgements.isEmpty { lines.append("Nothing is held for this request.") }
    for item in report.acknowledgements {
      lines.append(
        "Acknowledgement \(item.reference), signed \(local(item.signedAt)) at \(item.station)")
      lines.append(
        "  Parent: \(item.parentName) (\(item.relationship)); signature typed: \(item.signature)")
      for child in item.children {
        lines.append("  Child: \(child["name"] ?? ""), \(child["class"] ?? "")")
      }
      lines.append(
        "  Guidance version: \(item.guidanceSHA256.prefix(12)); score right first time: \(item.score)"
      )
      lines.append("  Statement signed: \(item.statement)")
      for answer in item.answers {
        lines.append(
          "  Answer \(local(answer.answeredAt)): \(answer.scenario): \(answer.correct ? "right" : "wrong")\(answer.firstTry ? "" : " (retry)"): \(answer.choice)"
        )
      }
      for revocation in item.revocations {
        lines.append("  Revoked \(local(revocation["at"] ?? "")): \(revocation["reason"] ?? "")")
      }
      lines.append("")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
