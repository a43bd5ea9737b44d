import Foundation

/// Refuses a SQLite data folder on a network file system. SQLite's write-ahead log keeps its index
/// in shared memory and relies on locks that NFS, SMB and FUSE mounts do not give reliably, so a
/// school that puts the data folder on its shared drive can lose signed records or fork the ledger.
/// `INDUCTION_ALLOW_NETWORK_FS=1` lets those who know their file system better go ahead.
public enum NetworkFileSystem {
  /// File system types (as `/proc/self/mounts` names them) that are refused, or their prefixes.
  static let refusedTypes = [
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "ceph", "afs", "coda", "ncpfs", "glusterfs",
    "lustre", "davfs", "sshfs",
  ]

  /// The type of the file system `path` is on, from a mount table in `/proc/self/mounts` form (the
  /// longest mount point that contains the path).
  public static func type(of path: String, mounts: String) -> String? {
    var best: (point: String, type: String)?
    for line in mounts.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count >= 3 else { continue }
      // Spaces, tabs and backslashes in mount points are written as octal escapes.
      let point = String(fields[1]).replacingOccurrences(of: "\\040", with: " ")
        .replacingOccurrences(of: "\\011", with: "\t").replacingOccurrences(of: "\\134", with: "\\")
      let contains = point == "/" || path == point || path.hasPrefix(point + "/")
      if contains && point.count >= (best?.point.count ?? -1) {
        best = (point, String(fields[2]))
      }
    }
    return best?.type
  }

  /// Whether a file system of type `type` is one the database cannot be kept on.
  public static func isNetwork(type: String) -> Bool {
    let base = type.hasPrefix("fuse.") ? String(type.dropFirst(5)) : type
    return type == "fuse" || type.hasPrefix("fuse.") && base != "lxcfs"
      || refusedTypes.contains(base)
  }

  /// Throws ``StoreError/networkFileSystem(path:kind:)`` when `path` is on a network file system,
  /// unless `INDUCTION_ALLOW_NETWORK_FS=1`. When the mount table cannot be read the folder passes
  /// (the database then reports its own errors).
  public static func check(
    _ path: String, environment: [String: String],
    mounts: String? = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)
  ) throws {
    guard environment["INDUCTION_ALLOW_NETWORK_FS"] != "1", let mounts else { return }
    let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    guard let type = type(of: real, mounts: mounts), isNetwork(type: type) else { return }
    throw StoreError.networkFileSystem(path: path, kind: type)
  }
}
