import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The temporaries of writes that never finished (the program killed, Ctrl-C, a power cut): left
/// beside their target, each would keep the personal data of an export, out of reach of any
/// erasure. A writer holds an exclusive lock on its temporary for as long as it lives, and the
/// kernel lets go of it when the process ends, however it ends; so a temporary whose lock can be
/// taken has no writer, and the next write to the same target removes it.
enum Leftovers {
  /// Marks `path` (a temporary file or folder just made) as in use: the descriptor returned holds
  /// the lock until it is closed; -1 when it could not be opened.
  static func hold(_ path: String) -> Int32 {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    if fd >= 0 { _ = flock(fd, LOCK_EX | LOCK_NB) }
    return fd
  }

  /// Removes every `.<name>.tmp-*` beside `target` that is this user's and that no writer holds.
  static func sweep(beside target: URL) {
    let folder = target.deletingLastPathComponent().path
    let prefix = "." + target.lastPathComponent + ".tmp-"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for name in names where name.hasPrefix(prefix) {
      let path = folder + "/" + name
      var info = stat()
      guard lstat(path, &info) == 0, info.st_uid == geteuid() else { continue }
      let kind = info.st_mode & S_IFMT
      guard kind == S_IFREG || kind == S_IFDIR else { continue }
      let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
      guard fd >= 0 else { continue }
      defer { close(fd) }
      guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }
      if kind == S_IFDIR {
        try? FileManager.default.removeItem(atPath: path)
      } else {
        unlink(path)
      }
    }
  }
}
