import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The machine the figures come from: processors, CPU model, memory, kernel, sqlite3's version.
struct MachineDescription {
  /// Online processors (`nproc`).
  var processors: Int
  /// `model name` from /proc/cpuinfo.
  var cpuModel: String
  /// Total memory in GiB.
  var memoryGiB: Double
  /// `uname -sr`.
  var kernel: String
  /// `sqlite3 --version`, first two words; empty when not asked for.
  var sqliteVersion: String

  /// Reads the description from /proc and the system (and sqlite3's version, when given).
  static func current(sqlite3: String?, scratch: URL) -> MachineDescription {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model =
      cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
      .flatMap { $0.split(separator: ":", maxSplits: 1).last }
      .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
    let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
    let kib =
      meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
      .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Double($0) } ?? 0
    var name = utsname()
    uname(&name)
    let kernel =
      withUnsafeBytes(of: name.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      + " "
      + withUnsafeBytes(of: name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    let versionFile = scratch.appendingPathComponent("sqlite-version.txt")
    var version = sqlite3 == nil ? "" : "unknown"
    if let sqlite3,
      let pid = try? Spawner.spawn(
        sqlite3, ["--version"], environment: ["PATH": "/usr/bin:/bin"],
        stdout: .file(versionFile.path)),
      (try? Spawner.wait(pid)) != nil,
      let text = try? String(contentsOf: versionFile, encoding: .utf8)
    {
      version = text.split(separator: " ").prefix(2).joined(separator: " ")
    }
    return MachineDescription(
      processors: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), cpuModel: model,
      memoryGiB: kib / 1_048_576, kernel: kernel, sqliteVersion: version)
  }

  /// One line for the report.
  var summary: String {
    "\(processors) CPUs (\(cpuModel)), \(String(format: "%.1f", memoryGiB)) GiB RAM, \(kernel)"
      + (sqliteVersion.isEmpty ? "" : ", sqlite3 \(sqliteVersion)")
  }
}
