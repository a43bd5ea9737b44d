import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A scenarios folder read once: every visible file's bytes and every visible folder's name, with
/// the fingerprint of exactly those bytes. Linting a private copy written from it, rather than the
/// folder itself, means what is cached under the fingerprint is what those bytes lint to, however
/// the folder changes meanwhile (a file renamed over another between two reads included).
struct ScenarioSnapshot {
  /// One file: its path from the folder and its bytes.
  struct File {
    var path: String
    var data: Data
  }

  /// SHA-256 over the program, the folder's path, every file (path, size, time in nanoseconds,
  /// SHA-256 of the bytes read) and every folder's path, in name order.
  let fingerprint: String
  /// The files, in name order.
  let files: [File]
  /// The folders below the folder, in name order.
  let folders: [String]

  /// Reads `directory`; nil when a folder cannot be listed, or a file cannot be read, is not a
  /// regular file (a symbolic link included) or is larger than lint allows.
  static func read(_ directory: URL, program: String, domain: String) -> ScenarioSnapshot? {
    var encoder = CanonicalEncoder(domain: domain)
    encoder.append(program)
    encoder.append(directory.standardizedFileURL.path)
    let root = directory.path
    guard let entries = ScenarioCache.visibleEntries(below: root) else { return nil }
    var files: [File] = []
    for name in entries.files.sorted() {
      guard let (data, info) = readRegularFile(root + "/" + name) else { return nil }
      encoder.append(name)
      encoder.append(Int(info.st_size))
      encoder.append(Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
      encoder.append(Digest.sha256(Array(data)).hexString)
      files.append(File(path: name, data: data))
    }
    let folders = entries.folders.sorted()
    for folder in folders { encoder.append(folder + "/") }
    return ScenarioSnapshot(
      fingerprint: Digest.sha256(encoder.bytes).hexString, files: files, folders: folders)
  }

  /// Writes every folder and file below `target`, an empty private folder.
  func write(below target: URL) throws {
    for folder in folders {
      try FileManager.default.createDirectory(
        at: target.appendingPathComponent(folder), withIntermediateDirectories: true)
    }
    for file in files {
      try file.data.write(
        to: target.appendingPathComponent(file.path), options: .withoutOverwriting)
    }
  }

  /// The bytes of `path` and the status of the very file they came from, opened without following
  /// a link; nil unless it is a regular file of at most the size lint allows.
  private static func readRegularFile(_ path: String) -> (Data, stat)? {
    // O_NONBLOCK: opening a FIFO must not wait for a writer before fstat can refuse it.
    let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    var info = stat()
    let limit = TextFileReader.maximumBytes
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size <= limit,
      let data = try? handle.read(upToCount: limit + 1) ?? Data(), data.count <= limit
    else { return nil }
    return (data, info)
  }
}
