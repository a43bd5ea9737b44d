import ArgumentParser
import Foundation
import InductionCore

/// `induction access --parent NAME | --reference REF [--out FILE]`: a subject access request.
public struct AccessCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "access",
    abstract:
      "Show everything held about one parent (subject access request), and nothing about anyone else."
  )

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  @Option(help: "The parent's full name.")
  var parent: String?

  @Option(help: "One of their references.")
  var reference: String?

  @Option(help: "Write the report as JSON to this file (mode 0600) instead of showing it.")
  var out: String?

  @Flag(help: "Replace the --out file if it already exists.")
  var force = false

  /// ArgumentParser's initialiser.
  public init() {}

  /// Needs one way to find the person.
  public func validate() throws {
    if parent == nil && reference == nil {
      throw ValidationError("give --parent NAME or --reference REF")
    }
  }

  /// Shows or writes the report.
  public func run(in session: AdminSession) throws {
    let report = try session.database.subjectAccess(
      parentName: parent, reference: reference, at: session.clock.now())
    if let out {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      try AtomicFile.write(
        try encoder.encode(report), to: URL(fileURLWithPath: out), displayPath: out,
        overwrite: force)
      session.output.line(
        "wrote \(AdminSession.count(report.acknowledgements.count, "acknowledgement")) to \(out)")
      return
    }
    session.output.write(
      TerminalText(
        untrustedLines: SubjectAccessText.render(report, zone: session.export.timeZone)))
  }
}

/// The subject access report as plain text.
public enum SubjectAccessText {
  /// The whole report, times in `zone`.
  public static func render(_ report: SubjectAccessReport, zone: TimeZone) -> String {
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
