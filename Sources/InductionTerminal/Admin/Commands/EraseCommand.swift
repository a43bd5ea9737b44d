import ArgumentParser
import Foundation
import InductionCore

/// `induction erase REFERENCE`: the right to erasure.
public struct EraseCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "erase",
    abstract:
      "Erase one person's details (right to erasure); the signed ledger entry stays, holding no names."
  )

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  @Argument(help: "The acknowledgement's reference, e.g. 7K3M-Q9TZ.")
  var reference: String

  @Flag(help: "Confirm without being asked (for scripts).")
  var yes = false

  /// ArgumentParser's initialiser.
  public init() {}

  /// Asks for the reference again (unless `--yes`), then erases.
  public func run(in session: AdminSession) throws {
    guard let entry = try session.database.entry(reference: reference),
      entry.kind == .acknowledgement
    else {
      throw ErasureError.unknownReference(reference)
    }
    if !yes {
      guard let reader = session.reader else {
        throw AdminFailure(
          "erasing cannot be undone; add --yes to confirm, or run it at a terminal")
      }
      let prompt = "Erasing cannot be undone. Type the reference again to confirm: "
      guard case .line(let typed) = reader.readLine(prompt: prompt, kind: .personal),
        Reference.normalise(typed) == entry.reference
      else {
        session.output.line("Not erased.")
        return
      }
    }
    try session.database.erase(
      references: [entry.reference], key: try session.signingKey(), at: session.clock.now())
    session.output.line(
      "erased the personal details of \(entry.displayReference); the ledger still verifies")
  }
}

/// `induction purge [--dry-run]`: erase what is older than the retention period.
public struct PurgeCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "purge", abstract: "Erase personal details older than `retention:` in school.yaml."
  )

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  @Flag(name: .customLong("dry-run"), help: "Say what would be erased, and erase nothing.")
  var dryRun = false

  /// ArgumentParser's initialiser.
  public init() {}

  /// Erases (or counts) what is past the retention period.
  public func run(in session: AdminSession) throws {
    guard let retention = session.school?.retention else {
      throw AdminFailure(
        "no retention period is set; add a line such as `retention: 6 years` to school.yaml")
    }
    let zone = session.export.timeZone
    let cutoff = retention.cutoff(from: session.clock.now(), in: zone)
    let before = "signed before \(Timestamp.local(cutoff, in: zone)) (retention \(retention))"
    if dryRun {
      let count = try session.database.retentionCandidates(before: cutoff).count
      session.output.line("would erase \(AdminSession.count(count, "acknowledgement")) \(before)")
      return
    }
    let count = try session.database.purge(
      before: cutoff, key: try session.signingKey(), at: session.clock.now())
    session.output.line("erased \(AdminSession.count(count, "acknowledgement")) \(before)")
  }
}
