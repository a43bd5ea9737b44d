import Foundation

/// What staff did, for the staff log. Never holds a PIN.
public enum StaffAction: String, Sendable {
  /// The staff PIN was set or changed.
  case pinSet = "pin set"
  /// A forgotten PIN was replaced by the data folder's owner without the old one.
  case pinReset = "pin reset without the old pin"
  /// A wrong PIN was typed.
  case pinRejected = "pin rejected"
  /// Staff access was locked after too many wrong PINs.
  case locked = "locked"
  /// A kiosk started.
  case kioskStarted = "kiosk started"
  /// Staff opened the staff menu.
  case menuOpened = "staff menu opened"
  /// Staff went back to the kiosk.
  case kioskResumed = "kiosk resumed"
  /// Staff closed the kiosk.
  case kioskExited = "kiosk exited"
  /// The kiosk ended on SIGTERM or SIGHUP.
  case kioskTerminated = "kiosk ended by signal"
}

/// Counts of today's sessions at one station, for the staff menu.
public struct StationDay: Sendable, Equatable {
  /// Sessions started.
  public var started: Int
  /// Sessions signed.
  public var signed: Int

  /// Creates counts.
  public init(started: Int, signed: Int) {
    self.started = started
    self.signed = signed
  }
}

extension AppDatabase {
  /// Stores the staff PIN's hash, replacing any earlier one.
  public func setStaffPin(_ pin: StoredPin, station: String, at date: Date) throws {
    try write { db in
      try db.execute(
        sql: """
          INSERT INTO staff_pin (id, hash, salt, log2_n, r, p, set_at) VALUES (1, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, salt = excluded.salt,
            log2_n = excluded.log2_n, r = excluded.r, p = excluded.p, set_at = excluded.set_at
          """,
        arguments: [
          pin.hash, pin.salt, pin.parameters.log2N, pin.parameters.r, pin.parameters.p,
          Timestamp.utc(date),
        ])
      try db.execute(sql: "DELETE FROM staff_lockout")
      try Self.log(db, .pinSet, station: station, at: date)
    }
  }

  /// The stored PIN, or nil when none is set.
  public func staffPin() throws -> StoredPin? {
    try read { db in
      try StoredPin.fetchOne(
        db, sql: "SELECT \(StoredPin.selection) FROM staff_pin WHERE id = 1")
    }
  }

  /// The lockout state.
  public func staffLockout() throws -> StaffLockout {
    try read { db in
      try StaffLockout.fetchOne(
        db, sql: "SELECT \(StaffLockout.selection) FROM staff_lockout WHERE id = 1")
        ?? StaffLockout(failures: 0, lastFailure: nil)
    }
  }

  /// Counts a wrong PIN and returns the new state.
  public func recordPinFailure(station: String, at date: Date) throws -> StaffLockout {
    try write { db in
      try db.execute(
        sql: """
          INSERT INTO staff_lockout (id, failures, last_failure_at) VALUES (1, 1, ?)
          ON CONFLICT(id) DO UPDATE SET failures = staff_lockout.failures + 1, last_failure_at = excluded.last_failure_at
          """,
        arguments: [Timestamp.utc(date)])
      try Self.log(db, .pinRejected, station: station, at: date)
      let failures =
        try Int.fetchOne(db, sql: "SELECT failures FROM staff_lockout WHERE id = 1") ?? 0
      if failures >= StaffLockout.allowedFailures {
        try Self.log(db, .locked, station: station, at: date)
      }
      return StaffLockout(failures: failures, lastFailure: date)
    }
  }

  /// Clears the failure count after a right PIN.
  public func recordPinSuccess(station: String, at date: Date) throws {
    try write { db in
      try db.execute(sql: "DELETE FROM staff_lockout")
      try Self.log(db, .menuOpened, station: station, at: date)
    }
  }

  /// Appends to the staff log.
  public func logStaff(_ action: StaffAction, station: String, at date: Date) throws {
    try write { db in try Self.log(db, action, station: station, at: date) }
  }

  /// The staff log, oldest first, as (time, station, action).
  public func staffLog() throws -> [(at: String, station: String, action: String)] {
    try read { db in
      try StaffEvent.fetchAll(
        db, sql: "SELECT \(StaffEvent.selection) FROM staff_event ORDER BY id"
      ).map { ($0.at, $0.station, $0.action) }
    }
  }

  /// Sessions started and signed at `station` since `start` (the start of the school's day).
  public func stationDay(_ station: String, since start: Date) throws -> StationDay {
    try read { db in
      try StationDay.fetchOne(
        db,
        sql: """
          SELECT \(StationDay.selection) FROM session WHERE station = ? AND started_at >= ?
          """,
        arguments: [station, Timestamp.utc(start)]) ?? StationDay(started: 0, signed: 0)
    }
  }

  private static func log(
    _ db: any SQLDatabase, _ action: StaffAction, station: String, at date: Date
  )
    throws
  {
    try db.execute(
      sql: "INSERT INTO staff_event (at, station, action) VALUES (?, ?, ?)",
      arguments: [Timestamp.utc(date), station, action.rawValue])
  }
}

extension StoredPin: SQLRecord {
  enum Column: Int, SQLRecordColumn { case hash, salt, log2N, r, p }

  init(row: SQLRow) throws {
    self.init(
      hash: try row.decode(Column.hash), salt: try row.decode(Column.salt),
      parameters: ScryptParameters(
        log2N: try row.decode(Column.log2N), r: try row.decode(Column.r),
        p: try row.decode(Column.p)))
  }
}

extension StaffLockout: SQLRecord {
  enum Column: Int, SQLRecordColumn { case failures, lastFailureAt }

  init(row: SQLRow) throws {
    self.init(
      failures: try row.decode(Column.failures),
      lastFailure: (try row.decode(Column.lastFailureAt) as String?).flatMap(Timestamp.parseUTC))
  }
}

extension StationDay: SQLRecord {
  enum Column: Int, SQLRecordColumn { case started, signed }

  /// The sessions' counts, as a select list over `session` rows.
  static let selection = Column.selectList { column in
    switch column {
    case .started: "count(*)"
    case .signed: "coalesce(sum(CASE WHEN outcome = 'signed' THEN 1 ELSE 0 END), 0)"
    }
  }

  init(row: SQLRow) throws {
    self.init(started: try row.decode(Column.started), signed: try row.decode(Column.signed))
  }
}

/// One line of the staff log.
private struct StaffEvent: SQLRecord {
  var at: String
  var station: String
  var action: String

  enum Column: Int, SQLRecordColumn { case at, station, action }

  init(row: SQLRow) throws {
    at = try row.decode(Column.at)
    station = try row.decode(Column.station)
    action = try row.decode(Column.action)
  }
}
