import ArgumentParser
import Foundation
import InductionCore

/// `--out PATH|-` and `--force`, the same for every command that writes a report (`export`,
/// `access`): `-` is standard output; a file is written whole or not at all, readable only by its
/// owner, and replaces only a regular file, only with `--force` (``ReportDestination``).
public struct ReportOutputOptions: ParsableArguments {
  /// `--out`.
  @Option(
    help: ArgumentHelp(
      "Where to write the report: a file (written whole, readable only by you), or - for standard output.",
      valueName: "path"))
  public var out: String?

  /// `--force`.
  @Flag(
    help:
      "Replace the --out file if it already exists (only ever a regular file, never a folder, device, pipe or link)."
  )
  public var force = false

  /// Creates empty options (ArgumentParser fills them in).
  public init() {}

  /// Where `--out` sends the report; nil when it was not given.
  public var destination: ReportDestination? {
    out.map { ReportDestination(path: $0, overwrite: force) }
  }

  /// Where the report goes: `--out`, else the file at `path`.
  public func destination(orDefault path: String) -> ReportDestination {
    ReportDestination(path: out ?? path, overwrite: force)
  }
}
