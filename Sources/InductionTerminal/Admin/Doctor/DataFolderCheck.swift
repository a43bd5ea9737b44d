import Foundation
import InductionCore

/// `induction doctor`: the data folder is this user's own, private folder, and the database files
/// in it are this user's own regular files, mode 0600.
public enum DataFolderCheck {
  /// Files the program keeps private in the data folder (each only when it exists).
  static let privateFiles = ["induction.sqlite", "induction.sqlite-wal", "induction.sqlite-shm"]

  /// The findings for `directory`, as user `uid` runs the program.
  public static func check(_ directory: DataDirectory, uid: uid_t = geteuid()) -> [DoctorFinding] {
    let path = directory.url.path
    var info = stat()
    guard lstat(path, &info) == 0 else {
      return [
        .problem(
          "data folder \(path) does not exist",
          fix: "induction staff set-pin (it makes the folder, the database and this PC's key)")
      ]
    }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      return [
        .problem(
          "data folder \(path) is not a folder",
          fix: "move it aside and run induction staff set-pin, or pass another with --data-dir")
      ]
    }
    guard info.st_uid == uid else {
      return [
        .problem(
          "data folder \(path) belongs to \(userName(info.st_uid)), not \(userName(uid))",
          fix:
            "run induction as \(userName(info.st_uid)), or: sudo chown -R \(userName(uid)) \(path)"
        )
      ]
    }
    var findings: [DoctorFinding] = []
    let mode = info.st_mode & 0o7777
    if mode & 0o077 != 0 {
      findings.append(
        .problem(
          "data folder \(path) is mode \(octalMode(mode)), open to other users",
          fix: "chmod 700 \(path)"))
    }
    for name in privateFiles {
      let file = directory.url.appendingPathComponent(name).path
      var fileInfo = stat()
      guard lstat(file, &fileInfo) == 0 else { continue }
      let fileMode = fileInfo.st_mode & 0o7777
      if fileInfo.st_mode & S_IFMT != S_IFREG {
        findings.append(
          .problem(
            "\(file) is not a regular file",
            fix: "restore it from the backup of the data folder"))
      } else if fileInfo.st_uid != uid {
        findings.append(
          .problem(
            "\(file) belongs to \(userName(fileInfo.st_uid)), not \(userName(uid))",
            fix: "sudo chown \(userName(uid)) \(file)"))
      } else if fileMode != 0o600 {
        findings.append(
          .problem("\(file) is mode \(octalMode(fileMode)), not 0600", fix: "chmod 600 \(file)"))
      }
    }
    if findings.isEmpty {
      findings.append(.ok("data folder \(path) (owner \(userName(uid)), mode \(octalMode(mode)))"))
    }
    return findings
  }
}
