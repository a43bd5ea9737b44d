import Foundation

/// Where the Debian package puts things. Its system user `induction` (the kiosk and web units run
/// as it) finds its data folder and the school's scenarios there with no flags; everyone else keeps
/// the defaults of a build from source.
public enum InstalledLayout {
  /// The package's system user.
  public static let user = "induction"
  /// That user's data folder (mode 0700, made by the package).
  public static let dataDirectory = "/var/lib/induction"
  /// The school's copy of the scenarios, made on first install and never replaced by an upgrade.
  public static let scenarios = "/etc/induction/Scenarios"

  /// The name of the user this process runs as, nil when the system does not know it.
  public static func userName() -> String? {
    guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
    return String(cString: name)
  }
}
