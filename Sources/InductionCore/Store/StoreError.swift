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
  /// The signing key could not be opened (permissions, an I/O error).
  case signingKeyUnreadable(path: String, reason: String)
  /// The signing key does not match the key recorded in the database.
  case signingKeyMismatch(path: String)
  /// This PC's key is not one the ledger trusts now, so nothing it signs would verify.
  /// `database` is what a command line needs to reach this store (``AppDatabase/databaseOption``).
  case keyNotTrusted(fingerprint: String, status: KeyStatus, database: String)
  /// The signing key file is a link, not a private regular file of this user's.
  case signingKeyUnsafe(path: String, reason: String)
  /// The database file (or its `-wal` or `-shm`) is a link, someone else's or readable by others.
  case databaseFileUnsafe(path: String, reason: String)
  /// A text to be saved holds a NUL character, after which a report would show nothing.
  case nulInText
  /// Another program held the database for too long.
  case busy(path: String)
  /// No space left on the disk.
  case diskFull(path: String)
  /// Any other database failure.
  case failed(path: String, code: Int32)
  /// The PostgreSQL server cannot be reached (not running, wrong address, a firewall).
  case serverUnreachable(location: String)
  /// The PostgreSQL server refused the user or password.
  case loginRefused(location: String, passwordSearch: String? = nil)
  /// The PostgreSQL server has no such database.
  case databaseMissing(location: String, database: String)
  /// TLS to the PostgreSQL server could not be set up or its certificate was not trusted.
  case secureConnectionFailed(location: String)
  /// The address asks for TLS and the server offers none.
  case serverOffersNoTLS(location: String)
  /// The PostgreSQL database does not store text as UTF-8.
  case notUTF8(location: String, encoding: String)
  /// The connection to the PostgreSQL server was lost before the change was committed.
  case connectionLost(location: String)
  /// The connection was lost while the server was committing, so whether the change was saved is
  /// not known.
  case commitUnknown(location: String)
  /// The PostgreSQL server stopped answering.
  case serverNotResponding(location: String)
  /// The database refused a change that breaks one of its rules (a bug or a hand-edited database).
  case constraintViolated(path: String, rule: String)
  /// The role connected lacks a right induction needs: the database's owner has not brought
  /// the tables up to date for this version, or has not granted this role its rights.
  case notPermitted(location: String, role: String)
  /// Any other PostgreSQL failure, by its SQLSTATE code.
  case serverFailed(location: String, sqlState: String)
  /// A query returned a column of a type induction does not read (a bug).
  case unreadableColumn(location: String, column: String, typeID: UInt32)

  /// The sentence shown, in words that name no command or option: a parent may read it. The
  /// command line says the cases that have a command to run with it (`CommandLineMessage`).
  public var errorDescription: String? {
    switch self {
    case .newerSchema(let path):
      "\(path) was made by a newer version of induction; install that version to use it (the file was not changed)"
    case .notADatabase(let path):
      "\(path) is not an induction database or is damaged; restore it from a backup (the file was not changed)"
    case .cannotWrite(let path):
      "cannot write \(path); check the folder exists and this user may write to it"
    case .dataDirectoryUnusable(let path):
      "cannot use the data folder \(path); check it is a folder this user may write to, or choose another data folder"
    case .networkFileSystem(let path, let kind):
      "the data folder \(path) is on a network drive (\(kind)), where the database cannot keep signed records safe; keep the data folder on this PC's own disk, or let several PCs share one PostgreSQL database (or set INDUCTION_ALLOW_NETWORK_FS=1 if you know the drive is safe)"
    case .signingKeyMissing(let path):
      "the signing key \(path) is missing but the database has signed entries; restore the key from a backup"
    case .signingKeyDamaged(let path):
      "the signing key \(path) is damaged; restore it from a backup"
    case .signingKeyUnreadable(let path, let reason):
      "cannot read the signing key \(path) (\(reason.lowercased())); run induction as the user who owns it, or check the file's permissions"
    case .signingKeyMismatch(let path):
      "the signing key \(path) is not the key this database was signed with; restore the right key from a backup"
    case .keyNotTrusted(let fingerprint, .retired, _):
      "this PC's signing key \(fingerprint) was retired, so it may not sign; make a new key on this PC and enrol it from a PC already in use"
    case .keyNotTrusted(let fingerprint, _, _):
      "this PC's signing key \(fingerprint) is not enrolled in the ledger, so it may not sign yet; enrol it from a PC already in use, after comparing the fingerprint there"
    case .signingKeyUnsafe(let path, let reason):
      "the signing key \(path) \(reason)"
    case .databaseFileUnsafe(let path, let reason):
      "the database \(path) \(reason)"
    case .nulInText:
      "a text to be saved contains a NUL character, so nothing was saved; remove it from the file or answer it came from"
    case .busy(let path):
      "\(path) is busy (another program is holding it); try again, and ask staff if this keeps happening"
    case .diskFull(let path):
      "the disk holding \(path) is full (or the file has reached its size limit); free some space and try again"
    case .failed(let path, let code):
      "the database \(path) failed (SQLite error \(code)); try again, and restore from a backup if it keeps failing"
    case .serverUnreachable(let location):
      "cannot reach the database server \(location); check it is running and the address is right"
    case .loginRefused(let location, nil):
      "the database server \(location) refused the login; check the user and password (PGPASSFILE / ~/.pgpass)"
    case .loginRefused(let location, let search?):
      "the database server \(location) wants a password and none was given: \(search); add a line host:port:database:user:password there, with the host written as in the address"
    case .databaseMissing(let location, let database):
      "the database server of \(location) has no database named \(database); create it (createdb \(database)) or check the name"
    case .secureConnectionFailed(let location):
      "cannot set up a secure connection to the database server \(location): its certificate is not one this PC trusts for that host name; add the school's certificate authority to this PC (update-ca-certificates), or use sslmode=require to encrypt without checking who the server is"
    case .serverOffersNoTLS(let location):
      "the database server \(location) does not offer encrypted connections, which the address asks for; turn ssl on at the server, or use sslmode=disable only for a server on this PC or a private cable"
    case .notUTF8(let location, let encoding):
      "the database \(location) stores text as \(encoding), not UTF8; create it again with ENCODING 'UTF8' (nothing was changed)"
    case .connectionLost(let location):
      "the connection to the database server \(location) was lost and nothing was saved; try again"
    case .commitUnknown(let location):
      "the connection to the database server \(location) was lost while saving, so the last change may or may not have been saved; check before trying again"
    case .serverNotResponding(let location):
      "the database server \(location) stopped answering and nothing was saved; try again, and ask staff to check the server if this keeps happening"
    case .constraintViolated(let path, let rule):
      "the database \(path) refused a change that breaks its rule \(rule) (nothing was saved); this is a bug or the database was edited by hand, so report it"
    case .notPermitted(let location, let role):
      "the role \(role) may not do what induction needs in \(location) (nothing was saved); the database's owner must bring its tables up to date for this version and give \(role) its rights"
    case .serverFailed(let location, let sqlState):
      "the database server \(location) failed (PostgreSQL error \(sqlState)); try again, and ask staff if it keeps failing"
    case .unreadableColumn(let location, let column, let typeID):
      "the database \(location) returned the column \(column) as a type induction cannot read (type \(typeID)); this is a bug, so report it"
    }
  }
}
