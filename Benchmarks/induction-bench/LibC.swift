#if canImport(Glibc)
  import Glibc
#endif

/// glibc functions Swift's Glibc module does not import (they need `_XOPEN_SOURCE` or
/// `_GNU_SOURCE`), looked up once at run time. Copied from the tests' pseudo-terminal driver: the
/// benchmark cannot depend on the test target.
enum LibC {
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

  typealias IntFunction = @convention(c) (Int32) -> Int32

  static let posix_openpt = required("posix_openpt", as: IntFunction.self)
  static let grantpt = required("grantpt", as: IntFunction.self)
  static let unlockpt = required("unlockpt", as: IntFunction.self)
  static let ptsname_r = required(
    "ptsname_r", as: (@convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32).self)
  /// glibc 2.34 and later; nil before.
  static let posix_spawn_file_actions_addclosefrom_np = function(
    "posix_spawn_file_actions_addclosefrom_np",
    as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32).self)

  /// glibc's `POSIX_SPAWN_SETSID` (a GNU extension Swift does not import).
  static let spawnSetSID: Int32 = 0x80
}
