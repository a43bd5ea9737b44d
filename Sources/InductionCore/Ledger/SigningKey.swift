import Crypto
import Foundation

/// The installation's Ed25519 key. The private half lives in a 0600 file in the data folder; the
/// public half and its id are stored in the database so `verify` needs no secret.
public struct SigningKey: Sendable {
  let privateKey: Curve25519.Signing.PrivateKey

  /// The raw 32-byte public key.
  public var publicKey: Data { privateKey.publicKey.rawRepresentation }
  /// First 16 hex digits of SHA-256(public key).
  public var id: String { Self.id(of: publicKey) }

  /// The id of a raw public key.
  public static func id(of publicKey: Data) -> String {
    String(Digest.sha256(publicKey).hexString.prefix(16))
  }

  /// A new random key.
  public static func generate() -> SigningKey { SigningKey(privateKey: .init()) }

  /// A key from its raw 32 bytes.
  public init(rawRepresentation: Data) throws {
    privateKey = try .init(rawRepresentation: rawRepresentation)
  }

  init(privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

  /// Signs `message`.
  public func sign(_ message: Data) throws -> Data { try privateKey.signature(for: message) }

  /// Whether `signature` over `message` is valid for `publicKey`.
  public static func isValid(signature: Data, of message: Data, publicKey: Data) -> Bool {
    guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else {
      return false
    }
    return key.isValidSignature(signature, for: message)
  }

  /// Loads the key at `url`, or creates it (mode 0600, never overwriting) when `create` is true.
  /// An existing key file must be this user's own regular file, readable by nobody else, and is
  /// opened without following a link: someone who can plant a link or loosen the mode in the data
  /// folder must not be able to choose, or read, the key.
  public static func loadOrCreate(at url: URL, create: Bool) throws -> SigningKey {
    if let key = try load(at: url) { return key }
    guard create else { throw StoreError.signingKeyMissing(path: url.path) }
    let key = generate()
    // Written in full to a private temporary file first, then linked into place: nobody ever sees
    // the key half-written, and a kiosk making its key at the same moment gets the other's.
    do {
      let file = try AtomicFile(target: url, displayPath: url.path, overwrite: false)
      try file.append(key.privateKey.rawRepresentation)
      try file.commitNew()
    } catch ExportError.targetExists {
      return try loadOrCreate(at: url, create: false)
    } catch {
      throw StoreError.cannotWrite(path: url.path)
    }
    return key
  }

  /// The key at `url`, nil when there is no file, or why the file may not be used.
  private static func load(at url: URL) throws -> SigningKey? {
    let path = url.path
    let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
    if fd < 0 {
      switch errno {
      case ENOENT: return nil
      case ELOOP:
        throw StoreError.signingKeyUnsafe(
          path: path,
          reason:
            "is a symbolic link, which could point anywhere; replace it with the key file itself (restore it from a backup)"
        )
      default:
        throw StoreError.signingKeyUnreadable(path: path, reason: String(cString: strerror(errno)))
      }
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      throw StoreError.signingKeyUnsafe(
        path: path, reason: "is not a regular file; restore the key file from a backup")
    }
    guard info.st_uid == geteuid() else {
      throw StoreError.signingKeyUnsafe(
        path: path,
        reason:
          "belongs to another user; run induction as the user who owns it, or give it to this user with chown"
      )
    }
    guard info.st_mode & 0o077 == 0 else {
      let mode = String(info.st_mode & 0o777, radix: 8)
      throw StoreError.signingKeyUnsafe(
        path: path,
        reason:
          "can be read by other users (mode 0\(mode)); make it private with: chmod 600 \(path)")
    }
    guard info.st_size == 32 else { throw StoreError.signingKeyDamaged(path: path) }
    var raw = [UInt8](repeating: 0, count: 33)
    let count = raw.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard count == 32, let key = try? SigningKey(rawRepresentation: Data(raw[0..<32])) else {
      throw StoreError.signingKeyDamaged(path: path)
    }
    return key
  }
}
