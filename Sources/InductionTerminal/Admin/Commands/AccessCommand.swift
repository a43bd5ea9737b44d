import ArgumentParser
import Foundation
import InductionCore

/// `induction access --parent NAME | --reference REF [--out PATH|-]`: a subject access request.
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

  /// `--out` (the report as JSON, instead of shown as text) and `--force`.
  @OptionGroup public var output: ReportOutputOptions

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
    if let destination = output.destination {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      try destination.write(
        JSONText.escapingUnsafe(try encoder.encode(report)) + Data("\n".utf8),
        standardOutput: session.standardOutput)
      let message: TerminalText =
        "wrote \(AdminSession.count(report.acknowledgements.count, "acknowledgement")) to \(destination.displayPath)"
      (destination == .standardOutput ? session.errors : session.output).line(message)
      return
    }
    session.output.write(
      TerminalText(
        untrustedLines: SubjectAccessText.render(report, zone: session.export.timeZone)))
  }
}

/// JSON that is safe to show at a terminal (`access --out -`, or `cat` of the file).
enum JSONText {
  /// `json` with every character the sanitiser would escape (C1 controls, DEL, bidi overrides,
  /// invisible format characters) written as a `\uXXXX` escape: the same JSON value, but nothing
  /// in it can drive a terminal. C0 controls are escaped by the encoder already; the line feeds
  /// left are the layout's own.
  static func escapingUnsafe(_ json: Data) -> Data {
    var text = ""
    for scalar in String(decoding: json, as: UTF8.self).unicodeScalars {
      if scalar != "\n" && Sanitiser.isUnsafe(scalar) {
        text += String(format: "\\u%04X", scalar.value)
      } else {
        text.unicodeScalars.append(scalar)
      }
    }
    return Data(text.utf8)
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
