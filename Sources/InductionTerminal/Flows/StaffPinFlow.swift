import Foundation
import InductionCore

/// `induction staff set-pin`: asks for the PIN in force (unless the data folder's owner resets a
/// forgotten one), then the new PIN twice without echo, three tries. Fails with ``AdminFailure``.
public struct StaffPinFlow {
  /// The store.
  public var database: AppDatabase
  /// Where PINs are typed (never echoed, never in history).
  public var reader: LineReader
  /// Where messages go.
  public var console: Console
  /// The time.
  public var clock: Clock
  /// Set a new PIN without the old one.
  public var reset: Bool
  /// Whether the person running this owns the data folder (only they may reset).
  public var ownsDataFolder: Bool
  /// The data folder, for the message when they do not.
  public var dataFolder: String
  /// What the staff log names as where the PIN was set: this PC, by its enrolled name.
  public var station: String

  /// Creates the flow.
  public init(
    database: AppDatabase, reader: LineReader, console: Console, clock: Clock, reset: Bool,
    ownsDataFolder: Bool, dataFolder: String, station: String = StaffPinFlow.station
  ) {
    self.station = station
    self.database = database
    self.reader = reader
    self.console = console
    self.clock = clock
    self.reset = reset
    self.ownsDataFolder = ownsDataFolder
    self.dataFolder = dataFolder
  }

  /// The station the staff log names when this PC has no enrolled name.
  public static let station = "staff set-pin"

  /// Sets the PIN, or throws saying why not.
  public func run() throws {
    if let current = try database.staffPin() {
      if reset {
        guard ownsDataFolder else {
          throw AdminFailure(
            "only the owner of the data folder \(dataFolder) may reset the PIN; run this as that user"
          )
        }
      } else {
        try checkCurrentPin(current)
      }
    }
    for _ in 0..<3 {
      guard case .line(let first) = reader.readSecret(prompt: "New staff PIN (at least 6 digits): ")
      else { break }
      if let problem = PinHasher.problem(with: first) {
        console.line("\(problem)")
        continue
      }
      guard case .line(let second) = reader.readSecret(prompt: "Type it again: ") else { break }
      guard first == second else {
        console.line("The two PINs are different. Please start again.")
        continue
      }
      let stored = try PinHasher.hash(first)
      if reset { try database.logStaff(.pinReset, station: station, at: clock.now()) }
      try database.setStaffPin(stored, station: station, at: clock.now())
      console.line("The staff PIN is set.")
      return
    }
    throw AdminFailure("the PIN was not set; run `induction staff set-pin` again")
  }

  /// Asks for the PIN in force; a wrong one counts towards the staff lockout like one at a kiosk.
  private func checkCurrentPin(_ current: StoredPin) throws {
    if let until = try database.staffLockout().lockedUntil(now: clock.now()) {
      throw AdminFailure(
        "staff access is locked after too many wrong PINs until \(Timestamp.utc(until)); try again then"
      )
    }
    guard case .line(let typed) = reader.readSecret(prompt: "Current staff PIN: "),
      PinHasher.matches(typed, current)
    else {
      _ = try database.recordPinFailure(station: station, at: clock.now())
      throw AdminFailure(
        "that is not the current staff PIN, so it was not changed; if it is forgotten, the data folder's owner can run `induction staff set-pin --reset`"
      )
    }
  }
}
