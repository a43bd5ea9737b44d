import Foundation
import InductionCore

/// `induction doctor`: this PC's signing key is present, private, and trusted by the ledger.
public enum SigningKeyCheck {
  /// The finding for the key in `directory`; `database` (nil when it could not be opened) says
  /// whether the ledger trusts it.
  public static func check(_ directory: DataDirectory, database: AppDatabase?) -> DoctorFinding {
    let path = directory.signingKeyURL.path
    let key: SigningKey
    do {
      key = try SigningKey.loadOrCreate(at: directory.signingKeyURL, create: false)
    } catch StoreError.signingKeyMissing {
      let hasEntries = (try? database?.hasLedgerEntries()) ?? false
      return .problem(
        "no signing key at \(path)",
        fix: hasEntries
          ? "restore signing-key from the backup of the data folder (the ledger already has entries)"
          : "induction staff set-pin (it makes this PC's key)")
    } catch {
      return .problem("signing key \(path) cannot be used", fix: AdminCommands.message(for: error))
    }
    let fingerprint = KeyFingerprint.display(key.id)
    guard let database else {
      return .ok("signing key \(fingerprint) at \(path) is private (the ledger was not reachable)")
    }
    let status: KeyStatus
    do {
      status = try database.keyTrust().status(of: key.publicKey)
    } catch {
      return .problem(
        "the ledger's trusted keys could not be read", fix: AdminCommands.message(for: error))
    }
    switch status {
    case .trusted:
      return .ok("signing key \(fingerprint) is private (mode 0600) and enrolled in the ledger")
    case .notEnrolled:
      return .problem(
        "signing key \(fingerprint) is not enrolled, so this PC cannot sign",
        fix: "on a PC the ledger trusts, run: induction keys enrol \(fingerprint) --name NAME")
    case .retired:
      return .problem(
        "signing key \(fingerprint) was retired, so this PC cannot sign",
        fix:
          "move \(path) aside, run induction keys show to make a new key, and enrol it from a trusted PC"
      )
    }
  }
}
