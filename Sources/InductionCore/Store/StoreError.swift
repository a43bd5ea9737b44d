import Foundation

/// Everything that can go wrong with the data folder, as one plain sentence naming the file.
public enum StoreError: LocalizedError, Equatable {
  /// The database was written by a newer version of Induction.
  case newerSchema(path: String)
  /// The file is not an SQLite database or is damaged.
  case notADatabase(path: String)
  /// The folder or file cannot be written.
  case cannotWrite(path: String)
  /// The data folder cannot be created or is not a folder.
  case dataDirectoryUnusable(path: String)
  /// The data folder is on a network file system, where SQLite cannot keep signed records safe.
  case networkFileSystem(path: String, kind: String)
  /// The signing key file is missing though the database has signed entries.
  case signingKeyMissing(path: String)
  /// The signing key file is not a key.
  case signingKeyDamaged(path: String)
  /// The signing key does not match the key recorded in the database.
  case signingKeyMismatch(path: String)
  /// This PC's key is not one the ledger trusts now, so nothing it signs would verify.
  case keyNotTrusted(fingerprint: String, status: KeyStatus)
  /// The signing key file is a link, not a private regular file of this user's.
  case signingKeyUnsafe(path: String, reason: String)
  /// Another program held the database for too long.
  case busy(path: String)
  /// No space left on the disk.
  case diskFull(path: String)
  /// Any other database failure.
  case failed(path: String, code: Int32)

  /// The sentence shown.
  public var errorDescription: String? {
    switch self {
    case .newerSchema(let path):
      "\(path) was made by a newer version of induction; install that version to use it (the file was not changed)"
    case .notADatabase(let path):
      "\(path) is not an induction database or is damaged; restore it from a backup (the file was not changed)"
    case .cannotWrite(let path):
      "cannot write \(path); check the folder exists and this user may write to it"
    case .dataDirectoryUnusable(let path):
      "cannot use the data folder \(path); check it is a folder this user may write to, or choose another with --data-dir"
    case .networkFileSystem(let path, let kind):
      "the data folder \(path) is on a network drive (\(kind)), where the database cannot keep signed records safe; keep the data folder on this PC's own disk with --data-dir (or set INDUCTION_ALLOW_NETWORK_FS=1 if you know the drive is safe)"
    case .signingKeyMissing(let path):
      "the signing key \(path) is missing but the database has signed entries; restore the key from a backup"
    case .signingKeyDamaged(let path):
      "the signing key \(path) is damaged; restore it from a backup"
    case .signingKeyMismatch(let path):
      "the signing key \(path) is not the key this database was signed with; restore the right key from a backup"
    case .keyNotTrusted(let fingerprint, .retired):
      "this PC's signing key \(fingerprint) was retired, so it may not sign; make a new key on this PC and enrol it from a PC already in use (`induction keys enrol`)"
    case .keyNotTrusted(let fingerprint, _):
      "this PC's signing key \(fingerprint) is not enrolled in the ledger, so it may not sign yet; on a PC already in use, compare the fingerprint and run `induction keys enrol \(fingerprint.replacingOccurrences(of: " ", with: "")) --name NAME`"
    case .signingKeyUnsafe(let path, let reason):
      "the signing key \(path) \(reason)"
    case .busy(let path):
      "\(path) is busy (another program is holding it); try again, and ask staff if this keeps happening"
    case .diskFull(let path):
      "the disk holding \(path) is full (or the file has reached its size limit); free some space and try again"
    case .failed(let path, let code):
      "the database \(path) failed (SQLite error \(code)); try again, and restore from a backup if it keeps failing"
    }
  }
}
