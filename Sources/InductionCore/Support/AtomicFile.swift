import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A private file written whole or not at all: the bytes go to a hidden `.<name>.tmp-<random>` file
/// (mode 0600, created with `O_EXCL`, never through a link) in the target's folder, which is synced
/// and renamed onto the target only by ``commit()``. A crash or failure never leaves a partial file
/// at the target. Only a regular file is ever replaced, and only when `overwrite` is true: a folder,
/// device, pipe, socket or link at the target is refused (so `--out /dev/null --force` run as root
/// cannot replace the device).
///
/// Used by exports, subject access reports, the scenario cache and the signing key (which is only
/// ever created, never replaced: ``commitNew()``).
public final class AtomicFile {
  /// The temporary file's descriptor, for streaming writers.
  public let descriptor: Int32
  private let path: String
  private let target: URL
  private let displayPath: String
  private let overwrite: Bool
  private var isOpen = true
  private var isPresent = true
  /// Holds the temporary's lock (``Leftovers``) until the file is renamed or removed.
  private var lock: Int32 = -1

  /// Checks the target and creates the temporary file. `displayPath` is how messages name it.
  public init(target: URL, displayPath: String, overwrite: Bool) throws {
    self.target = target
    self.displayPath = displayPath
    self.overwrite = overwrite
    try Self.checkTarget(target, displayPath: displayPath, overwrite: overwrite)
    Leftovers.sweep(beside: target)
    let folder = target.deletingLastPathComponent()
    var attempt = 0
    while true {
      // The name only has to be unique, not repeatable, so the system generator is fine here.
      let suffix = String(UInt64.random(in: .min ... .max), radix: 36)
      let name = ".\(target.lastPathComponent).tmp-\(suffix)"
      let candidate = folder.appendingPathComponent(name).path
      let fd = open(candidate, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0o600)
      if fd >= 0 {
        descriptor = fd
        path = candidate
        lock = Leftovers.hold(candidate)
        break
      }
      let code = errno
      attempt += 1
      if code == EEXIST && attempt < 16 { continue }
      if code == EINTR { continue }
      throw Self.error(for: code, displayPath: displayPath)
    }
    // A restrictive umask can only remove bits, but a permissive one must not add any.
    _ = fchmod(descriptor, 0o600)
  }

  deinit { discard() }

  /// Writes `data` to `target` whole, as a private file.
  public static func write(
    _ data: Data, to target: URL, displayPath: String, overwrite: Bool
  ) throws {
    let file = try AtomicFile(target: target, displayPath: displayPath, overwrite: overwrite)
    try file.append(data)
    try file.commit()
  }

  /// Appends `data` to the temporary file.
  public func append(_ data: Data) throws {
    let code = data.withUnsafeBytes { writeAll(descriptor, $0) }
    if code != 0 { throw failure(code) }
  }

  /// Syncs and closes the file, then renames it onto the target and syncs the folder.
  public func commit() throws {
    if fsync(descriptor) != 0 { throw failure(errno) }
    isOpen = false
    if close(descriptor) != 0 && errno != EINTR { throw failure(errno) }
    // Checked again: the target may have appeared, or been swapped for a device, meanwhile.
    do {
      try Self.checkTarget(target.path, displayPath: displayPath, overwrite: overwrite)
    } catch {
      discard()
      throw error
    }
    if rename(path, target.path) != 0 { throw failure(errno) }
    isPresent = false
    releaseLock()
    syncFolder()
  }

  /// Syncs and closes the file, then puts it at the target only if nothing is there, atomically
  /// (`link`), and syncs the folder: of two processes creating the same file at once, exactly one
  /// succeeds and the other gets ``ExportError/targetExists(path:)``. Used for the signing key.
  public func commitNew() throws {
    if fsync(descriptor) != 0 { throw failure(errno) }
    isOpen = false
    if close(descriptor) != 0 && errno != EINTR { throw failure(errno) }
    if link(path, target.path) != 0 {
      let code = errno
      discard()
      throw code == EEXIST ? ExportError.targetExists(path: displayPath) : error(for: code)
    }
    discard()
    syncFolder()
  }

  /// Closes and removes the temporary file; harmless when already done.
  public func discard() {
    if isOpen {
      isOpen = false
      close(descriptor)
    }
    if isPresent {
      isPresent = false
      unlink(path)
    }
    releaseLock()
  }

  private func releaseLock() {
    if lock >= 0 { close(lock) }
    lock = -1
  }

  /// The error for a failed system call on this file.
  func error(for code: Int32) -> ExportError {
    Self.error(for: code, displayPath: displayPath)
  }

  private func failure(_ code: Int32) -> ExportError {
    let error = error(for: code)
    discard()
    return error
  }

  /// Refuses a target named as a folder (`reports/`, which would otherwise be written as a file
  /// called `reports`), one that is not a regular file, and an existing one unless `overwrite`.
  static func checkTarget(_ target: URL, displayPath: String, overwrite: Bool) throws {
    try checkTarget(target.path, displayPath: displayPath, overwrite: overwrite)
    if target.hasDirectoryPath { throw ExportError.namesAFolder(path: displayPath) }
  }

  /// Refuses a target that is not a regular file, and an existing one unless `overwrite`.
  static func checkTarget(_ path: String, displayPath: String, overwrite: Bool) throws {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw ExportError.notARegularFile(path: displayPath)
    }
    if !overwrite { throw ExportError.targetExists(path: displayPath) }
  }

  static func error(for code: Int32, displayPath: String) -> ExportError {
    switch code {
    case ENOSPC, EFBIG, EDQUOT: .diskFull(path: displayPath)
    default: .cannotWrite(path: displayPath)
    }
  }

  private func syncFolder() {
    // The rename is durable only once the folder is synced; some file systems refuse to sync a
    // folder, and the file is already in place by then, so a failure here is not reported.
    let folder = open(target.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard folder >= 0 else { return }
    _ = fsync(folder)
    close(folder)
  }
}
