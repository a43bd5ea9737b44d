import Foundation
import InductionCore

/// Every side effect a flow may have, passed in as one value: the composition root builds the real
/// one, tests build their own (scripted reader, buffer output, fixed clock, seeded randomness).
public struct Environment {
  /// The time.
  public var clock: Clock
  /// Randomness for shuffling.
  public var random: RandomSource
  /// Where lines come from.
  public var reader: LineReader
  /// Where text goes.
  public var console: Console
  /// The database.
  public var database: AppDatabase
  /// The installation's signing key.
  public var signingKey: SigningKey
  /// Makes the 16-byte salt for a personal-details commitment.
  public var makeSalt: @Sendable () -> [UInt8]

  /// Creates an environment.
  public init(
    clock: Clock, random: RandomSource, reader: LineReader, console: Console, database: AppDatabase,
    signingKey: SigningKey, makeSalt: @escaping @Sendable () -> [UInt8] = Environment.randomSalt
  ) {
    self.clock = clock
    self.random = random
    self.reader = reader
    self.console = console
    self.database = database
    self.signingKey = signingKey
    self.makeSalt = makeSalt
  }

  /// 16 bytes from the system's secure generator.
  @Sendable public static func randomSalt() -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
  }
}
