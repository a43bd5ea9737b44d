import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a workbook is built before it is renamed onto its target: a private folder (mode 0700)
/// beside the target, named `.<name>.tmp-XXXXXX`, holding the workbook (mode 0600) and, while it is
/// built, libxlsxwriter's temporary files (already unlinked, so nothing is left of them after a crash).
///
/// libxlsxwriter opens the workbook by name and would follow a symbolic link there; in a folder only
/// this user can enter, no one else can put one in its way. Being beside the target keeps the rename
/// atomic, and keeps the temporary files, which grow with the rows, on the target's disk rather than
/// in a `/tmp` that may be memory.
final class WorkbookFile {
  /// The private folder.
  let folder: String
  /// The workbook inside it.
  let path: String
  private let target: String
  private let displayPath: String
  private let overwrite: Bool
  /// Holds the private folder's lock (``Leftovers``) until it is removed.
  private var lock: Int32 = -1
  private var isPresent = true

  /// Checks the target as ``AtomicFile`` does (only a regular file is ever replaced, and only when
  /// `overwrite`; a link is seen as a link), then makes the folder and an empty workbook file in it.
  init(target: URL, displayPath: String, overwrite: Bool) throws {
    self.target = target.path
    self.displayPath = displayPath
    self.overwrite = overwrite
    try AtomicFile.checkTarget(target, displayPath: displayPath, overwrite: overwrite)
    Leftovers.sweep(beside: target)
    let template = target.deletingLastPathComponent()
      .appendingPathComponent(".\(target.lastPathComponent).tmp-XXXXXX").path
    var bytes = Array(template.utf8CString)
    guard let made = mkdtemp(&bytes) else {
      throw ExportError.cannotWrite(path: displayPath)
    }
    folder = String(cString: made)
    lock = Leftovers.hold(folder)
    path = folder + "/" + target.lastPathComponent
    let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      let code = errno
      rmdir(folder)
      releaseLock()
      throw AtomicFile.error(for: code, displayPath: displayPath)
    }
    // libxlsxwriter truncates this file rather than creating one, so it keeps this mode.
    _ = fchmod(fd, 0o600)
    close(fd)
  }

  /// Syncs the workbook, renames it onto the target (checking the target again, as it may have
  /// appeared while the rows were written), syncs the folder and removes the private folder.
  func commit() throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw failure(errno) }
    let synced = fsync(fd) == 0
    let code = errno
    close(fd)
    guard synced else { throw failure(code) }
    do {
      try AtomicFile.checkTarget(target, displayPath: displayPath, overwrite: overwrite)
    } catch {
      discard()
      throw error
    }
    guard rename(path, target) == 0 else { throw failure(errno) }
    isPresent = false
    rmdir(folder)
    releaseLock()
    syncTargetFolder()
  }

  /// Removes the workbook and the private folder; harmless when already done.
  func discard() {
    defer { releaseLock() }
    guard isPresent else { return }
    isPresent = false
    unlink(path)
    rmdir(folder)
  }

  private func releaseLock() {
    if lock >= 0 { close(lock) }
    lock = -1
  }

  /// The error for a failed system call while the workbook was written or moved.
  func error(for code: Int32) -> ExportError {
    AtomicFile.error(for: code, displayPath: displayPath)
  }

  private func failure(_ code: Int32) -> ExportError {
    discard()
    return error(for: code)
  }

  private func syncTargetFolder() {
    // As for CSV: the rename is durable once the folder is synced; some file systems refuse, and
    // the file is in place by then, so a failure here is not reported.
    let fd = open(
      URL(fileURLWithPath: target).deletingLastPathComponent().path,
      O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }
}
