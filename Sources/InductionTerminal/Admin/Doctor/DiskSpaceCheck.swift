import Foundation

/// `induction doctor`: the disk holding the data folder has room for the database to grow.
public enum DiskSpaceCheck {
  /// Less free than this (200 MiB, a year of a large school's signings several times over) is a
  /// problem.
  public static let minimum: UInt64 = 200 * 1024 * 1024

  /// The finding for the file system holding `path` (or its nearest existing parent).
  public static func check(_ path: String, minimum: UInt64 = minimum) -> DoctorFinding {
    var folder = URL(fileURLWithPath: path)
    var info = statvfs()
    while statvfs(folder.path, &info) != 0 {
      guard folder.path != "/" else {
        return .problem("free disk space at \(path) could not be read", fix: "df -h \(path)")
      }
      folder.deleteLastPathComponent()
    }
    let free = UInt64(info.f_bavail) * UInt64(info.f_frsize)
    let text = "\(free / (1024 * 1024)) MiB free on the disk holding \(folder.path)"
    guard free >= minimum else {
      return .problem(
        text + ", under \(minimum / (1024 * 1024)) MiB",
        fix: "free space on that disk (see what uses it with: df -h \(folder.path))")
    }
    return .ok(text)
  }
}
