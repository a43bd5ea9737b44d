import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The scenarios folder, linted and loaded once per version of its contents: parsing the YAML files
/// (sixteen scenarios, and as many again per language) is most of the time before the welcome
/// screen, and the folder rarely changes.
///
/// The cache (a file in the data folder) holds what was loaded under a fingerprint of the
/// folder: every file's name, size, modification time and SHA-256, the folder's path and the
/// program's version. It is signed with this PC's key, so editing the cache file (to change what
/// parents are shown) only makes it invalid. Whenever the fingerprint or the signature differs,
/// the folder is linted afresh: a changed, broken or tampered folder is never let through. What is
/// stored is linted from a copy of the very bytes its fingerprint names (``lint(directory:_:)``).
public struct ScenarioCache {
  /// The cache file.
  public var file: URL
  /// The program's version and build, so a new release (perhaps with new lint rules) lints again.
  public var program: String

  /// A cache in `file` for this `program`.
  public init(file: URL, program: String) {
    self.file = file
    self.program = program
  }

  /// What the cache holds for a folder, its signature checked, each part decoded only when asked
  /// for: a small preview (what the first screen needs) and the value itself.
  public struct Entry: Sendable {
    let preview: Data
    let value: Data

    /// The preview, decoded as `type`; nil when it is not one.
    public func preview<Preview: Decodable>(as type: Preview.Type) -> Preview? {
      try? JSONDecoder().decode(type, from: preview)
    }

    /// The value, decoded as `type`; nil when it is not one.
    public func value<Value: Decodable>(as type: Value.Type) -> Value? {
      try? JSONDecoder().decode(type, from: value)
    }
  }

  /// What the cache knows of `directory` now: its fingerprint (nil when a file cannot be read),
  /// and the entry stored for that fingerprint when there is one signed by `key`.
  public func entry(directory: URL, key: SigningKey?) -> (entry: Entry?, fingerprint: String?) {
    guard let fingerprint = Self.fingerprint(of: directory, program: program) else {
      return (nil, nil)
    }
    guard let key else { return (nil, fingerprint) }
    return (read(fingerprint: fingerprint, key: key), fingerprint)
  }

  /// What the cache knows of `directory` now: its fingerprint (nil when a file cannot be read),
  /// and the value loaded from it when the cache holds one for that fingerprint, signed by `key`.
  public func lookup<Value: Decodable>(directory: URL, key: SigningKey?, as type: Value.Type) -> (
    value: Value?, fingerprint: String?
  ) {
    let (entry, fingerprint) = entry(directory: directory, key: key)
    return (entry?.value(as: type), fingerprint)
  }

  /// What `lint` makes of `directory`, with the fingerprint to store it under. Every file is read
  /// once: `lint` is given a private copy of those bytes, and the fingerprint is of those same
  /// bytes, so what is stored under it is what they lint to however the folder changes meanwhile
  /// (a file renamed over another between two reads included). When the folder cannot be copied
  /// (a file that cannot be read, or is a link), `lint` is given the folder itself and the
  /// fingerprint is nil: nothing is to be stored.
  public func lint<Value>(directory: URL, _ lint: (URL) throws -> Value) throws -> (
    value: Value, fingerprint: String?
  ) {
    guard let snapshot = ScenarioSnapshot.read(directory, program: program, domain: Self.domain),
      let copy = Self.privateFolder()
    else { return (try lint(directory), nil) }
    defer { try? FileManager.default.removeItem(at: copy) }
    do {
      try snapshot.write(below: copy)
    } catch {
      return (try lint(directory), nil)
    }
    return (try lint(copy), snapshot.fingerprint)
  }

  /// A new folder only this user may open, in the temporary folder; nil when none can be made.
  private static func privateFolder() -> URL? {
    var template = Array(
      FileManager.default.temporaryDirectory.appendingPathComponent("induction-scenarios-XXXXXX")
        .path.utf8CString)
    return template.withUnsafeMutableBufferPointer { buffer in
      mkdtemp(buffer.baseAddress!).map { URL(fileURLWithPath: String(cString: $0)) }
    }
  }

  /// Keeps `value`, and `preview` beside it, made by ``lint(directory:_:)`` from exactly the
  /// bytes `fingerprint` names. Best effort: a cache that cannot be written only costs time.
  public func store<Value: Encodable, Preview: Encodable>(
    _ value: Value, preview: Preview, fingerprint: String, key: SigningKey
  ) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    // Unindented JSON has no line breaks (those inside texts are escaped), so each part is a line.
    guard let previewJSON = try? encoder.encode(preview), let json = try? encoder.encode(value),
      let signature = try? key.sign(
        Self.signedBytes(fingerprint: fingerprint, preview: previewJSON, value: json))
    else { return }
    var data = Data((fingerprint + "\n" + signature.base64EncodedString() + "\n").utf8)
    data.append(previewJSON)
    data.append(UInt8(ascii: "\n"))
    data.append(json)
    try? AtomicFile.write(data, to: file, displayPath: file.path, overwrite: true)
  }

  /// Keeps `value` with no preview.
  public func store<Value: Encodable>(_ value: Value, fingerprint: String, key: SigningKey) {
    store(value, preview: [String](), fingerprint: fingerprint, key: key)
  }

  private static let domain = "induction-scenario-cache-v2"

  /// What is signed: the domain, the fingerprint and both parts' exact bytes.
  private static func signedBytes(fingerprint: String, preview: Data, value: Data) -> Data {
    var encoder = CanonicalEncoder(domain: domain)
    encoder.append(fingerprint)
    encoder.append(bytes: Array(preview))
    encoder.append(bytes: Array(value))
    return Data(encoder.bytes)
  }

  /// The entry, when the file holds this fingerprint and a valid signature by `key`.
  private func read(fingerprint: String, key: SigningKey) -> Entry? {
    guard case .success(let data) = BoundedFile.read(file.path, limit: 16 << 20) else { return nil }
    // Four lines: the fingerprint, the signature, the preview and the value.
    let lines = data.split(
      separator: UInt8(ascii: "\n"), maxSplits: 3, omittingEmptySubsequences: false)
    guard lines.count == 4, String(decoding: lines[0], as: UTF8.self) == fingerprint,
      let signature = Data(base64Encoded: Data(lines[1]))
    else { return nil }
    let entry = Entry(preview: Data(lines[2]), value: Data(lines[3]))
    guard
      SigningKey.isValid(
        signature: signature,
        of: Self.signedBytes(fingerprint: fingerprint, preview: entry.preview, value: entry.value),
        publicKey: key.publicKey)
    else { return nil }
    return entry
  }

  /// SHA-256 over the program, the folder's path, every file below it (name, size, time in
  /// nanoseconds, SHA-256 of the contents) and every folder below it, in name order; nil when a
  /// file cannot be read, is a link or is larger than lint allows (then the folder is simply linted).
  static func fingerprint(of directory: URL, program: String) -> String? {
    ScenarioSnapshot.read(directory, program: program, domain: domain)?.fingerprint
  }

  /// Every entry below `root` that is not a folder, by its path from `root`, leaving out hidden
  /// names and what is inside hidden folders; nil when a folder cannot be listed.
  static func visibleFiles(below root: String) -> [String]? {
    visibleEntries(below: root)?.files
  }

  /// Every entry below `root`, by its path from `root`, the folders apart, leaving out hidden
  /// names and what is inside hidden folders; nil when a folder cannot be listed. Read with
  /// `readdir` rather than FileManager's enumerator, which took most of the fingerprint's time.
  static func visibleEntries(below root: String) -> (files: [String], folders: [String])? {
    var found: [String] = []
    var below: [String] = []
    var folders = [""]
    while let relative = folders.popLast() {
      guard let stream = opendir(relative.isEmpty ? root : root + "/" + relative) else {
        return nil
      }
      defer { closedir(stream) }
      while let item = readdir(stream) {
        let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
          String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        if name.hasPrefix(".") { continue }
        let path = relative.isEmpty ? name : relative + "/" + name
        // The entry's type comes with its name; only a file system that does not say is asked.
        var isFolder = Int32(item.pointee.d_type) == DT_DIR
        if Int32(item.pointee.d_type) == DT_UNKNOWN {
          var info = stat()
          guard lstat(root + "/" + path, &info) == 0 else { return nil }
          isFolder = (info.st_mode & S_IFMT) == S_IFDIR
        }
        if isFolder {
          folders.append(path)
          below.append(path)
        } else {
          found.append(path)
        }
      }
    }
    return (found, below)
  }
}
