#if canImport(Glibc)
  import Glibc
#endif

/// glibc functions Swift's Glibc module does not import (they need `_XOPEN_SOURCE` or `_GNU_SOURCE`),
/// looked up once at run time.
public enum LibC {
  private static func function<F>(_ name: String, as type: F.Type) -> F? {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
    return unsafeBitCast(symbol, to: type)
  }

  private static func required<F>(_ name: String, as type: F.Type) -> F {
    guard let found = function(name, as: type) else {
      fatalError("\(name) is not in this C library")
    }
    return found
  }

  /// A C function of one `int` returning `int`.
  public typealias IntFunction = @convention(c) (Int32) -> Int32

  /// `posix_openpt`.
  public static let openPseudoTerminal = required("posix_openpt", as: IntFunction.self)
  /// `grantpt`.
  public static let grantpt = required("grantpt", as: IntFunction.self)
  /// `unlockpt`.
  public static let unlockpt = required("unlockpt", as: IntFunction.self)
  /// The reentrant `ptsname` (tests run in parallel; `ptsname` shares one buffer).
  public static let pseudoTerminalName = required(
    "ptsname_r", as: (@convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32).self)
  /// `pipe2`.
  public static let pipe2 = required(
    "pipe2", as: (@convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32).self)
  /// glibc 2.34 and later; nil before.
  public static let spawnActionsAddCloseFrom = function(
    "posix_spawn_file_actions_addclosefrom_np",
    as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32).self)

  /// glibc's `POSIX_SPAWN_SETSID` (a GNU extension Swift does not import).
  public static let spawnSetSID: Int32 = 0x80
}
