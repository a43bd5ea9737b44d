import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where a report is written (an export, a subject access report): the one meaning `--out` has
/// for every command that writes one.
public enum ReportDestination: Equatable, Sendable {
  /// Standard output (`--out -`), written straight through.
  case standardOutput
  /// A file, written whole or not at all as a private file (mode 0600, ``AtomicFile``): only a
  /// regular file is ever replaced there, and only when `overwrite` is true. `displayPath` is how
  /// messages name it.
  case file(URL, displayPath: String, overwrite: Bool)

  /// `-` is standard output; any other path is a file.
  public init(path: String, overwrite: Bool) {
    self =
      path == "-"
      ? .standardOutput : .file(URL(fileURLWithPath: path), displayPath: path, overwrite: overwrite)
  }

  /// How messages name it: `standard output`, or the path as given.
  public var displayPath: String {
    switch self {
    case .standardOutput: "standard output"
    case .file(_, let displayPath, _): displayPath
    }
  }

  /// Writes `data` whole: to `standardOutput` (an open descriptor, left open), or to the file.
  public func write(_ data: Data, standardOutput: Int32) throws {
    switch self {
    case .standardOutput:
      let code = data.withUnsafeBytes { writeAll(standardOutput, $0) }
      if code != 0 { throw ExportError.streamInterrupted(path: displayPath) }
    case .file(let url, let displayPath, let overwrite):
      try AtomicFile.write(data, to: url, displayPath: displayPath, overwrite: overwrite)
    }
  }

  /// Makes the file's folder, private to its owner (mode 0700), when it is missing: for a default
  /// such as `Exports/`, which a new working folder does not have yet. Only that one folder is made;
  /// an existing one is used as it is.
  public func makeFolder() throws {
    guard case .file(let url, let displayPath, _) = self else { return }
    let folder = url.deletingLastPathComponent().path
    if mkdir(folder, 0o700) == 0 {
      // A umask can only take bits away; the folder must still be usable by its owner.
      chmod(folder, 0o700)
    } else if errno != EEXIST {
      throw ExportError.cannotWrite(path: displayPath)
    }
  }
}
