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
/// the folder is linted afresh: a changed, broken or tampered folder is never let through.
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

  /// What the cache knows of `directory` now: its fingerprint (nil when a file cannot be read),
  /// and the value loaded from it when the cache holds one for that fingerprint, signed by `key`.
  public func lookup<Value: Decodable>(directory: URL, key: SigningKey?, as type: Value.Type) -> (
    value: Value?, fingerprint: String?
  ) {
    guard let fingerprint = Self.fingerprint(of: directory, program: program) else {
      return (nil, nil)
    }
    guard let key else { return (nil, fingerprint) }
    return (read(fingerprint: fingerprint, key: key, as: type), fingerprint)
  }

  /// Keeps `value`, loaded from the folder whose fingerprint was taken *before* it was read (so a
  /// change made meanwhile only causes another lint). Best effort: a cache that cannot be written
  /// only costs time.
  public func store<Value: Encodable>(_ value: Value, fingerprint: String, key: SigningKey) {
    write(value, fingerprint: fingerprint, key: key)
  }

  private static let domain = "induction-scenario-cache-v1"

  /// What is signed: the domain, the fingerprint and the catalogue's exact bytes.
  private static func signedBytes(fingerprint: String, catalog: Data) -> Data {
    var encoder = CanonicalEncoder(domain: domain)
    encoder.append(fingerprint)
    encoder.append(bytes: Array(catalog))
    return Data(encoder.bytes)
  }

  /// The cached value, when the file holds this fingerprint and a valid signature by `key`.
  private func read<Value: Decodable>(fingerprint: String, key: SigningKey, as type: Value.Type)
    -> Value?
  {
    guard case .success(let data) = BoundedFile.read(file.path, limit: 16 << 20) else { return nil }
    // Two lines (fingerprint, signature), then the catalogue as JSON.
    let lines = data.split(
      separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
    guard lines.count == 3, String(decoding: lines[0], as: UTF8.self) == fingerprint,
      let signature = Data(base64Encoded: Data(lines[1])),
      SigningKey.isValid(
        signature: signature,
        of: Self.signedBytes(fingerprint: fingerprint, catalog: Data(lines[2])),
        publicKey: key.publicKey)
    else { return nil }
    return try? JSONDecoder().decode(type, from: Data(lines[2]))
  }

  private func write<Value: Encodable>(_ value: Value, fingerprint: String, key: SigningKey) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let json = try? encoder.encode(value),
      let signature = try? key.sign(Self.signedBytes(fingerprint: fingerprint, catalog: json))
    else { return }
    var data = Data((fingerprint + "\n" + signature.base64EncodedString() + "\n").utf8)
    data.append(json)
    try? AtomicFile.write(data, to: file, displayPath: file.path, overwrite: true)
  }

  /// SHA-256 over the program, the folder's path and every file below it (name, size, time in
  /// nanoseconds, SHA-256 of the contents), in name order; nil when a file cannot be read or is
  /// larger than lint allows (then the folder is simply linted).
  static func fingerprint(of directory: URL, program: String) -> String? {
    var encoder = CanonicalEncoder(domain: domain)
    encoder.append(program)
    encoder.append(directory.standardizedFileURL.path)
    guard
      let names = FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String]
    else { return nil }
    for name in names.sorted()
    where !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
      let path = directory.appendingPathComponent(name).path
      var info = stat()
      guard lstat(path, &info) == 0 else { return nil }
      if (info.st_mode & S_IFMT) == S_IFDIR { continue }
      guard
        case .success(let data) = BoundedFile.read(path, limit: Int64(TextFileReader.maximumBytes))
      else { return nil }
      encoder.append(name)
      encoder.append(Int(info.st_size))
      encoder.append(Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
      encoder.append(Digest.sha256(Array(data)).hexString)
    }
    return Digest.sha256(encoder.bytes).hexString
  }
}
