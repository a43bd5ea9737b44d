import Foundation

/// Everything an induction needs besides its state: the school's content, where it runs, the store
/// and the side effects (time, randomness, the signing key, salt). A front end builds one per
/// process; the state alone travels between pages.
public struct InductionServices: Sendable {
  /// The school's content in every language offered.
  public var content: SchoolContent
  /// Where and how sessions run (station, mode).
  public var context: SessionContext
  /// The word staff type at the welcome to leave a kiosk; nil outside a kiosk.
  public var staffWord: String?
  /// Whether the parent is asked to press Enter after noting the reference (a kiosk, so the receipt
  /// stays up until they have).
  public var asksToNoteReceipt: Bool
  /// The store.
  public var store: any InductionStore
  /// The time.
  public var clock: Clock
  /// Randomness for shuffling.
  public var random: RandomSource
  /// The installation's signing key.
  public var signingKey: SigningKey
  /// Makes the 16-byte salt for a personal-details commitment.
  public var makeSalt: @Sendable () -> [UInt8]

  /// Creates services.
  public init(
    content: SchoolContent, context: SessionContext, staffWord: String? = nil,
    asksToNoteReceipt: Bool = false, store: any InductionStore, clock: Clock,
    random: RandomSource, signingKey: SigningKey, makeSalt: @escaping @Sendable () -> [UInt8]
  ) {
    self.content = content
    self.context = context
    self.staffWord = staffWord
    self.asksToNoteReceipt = asksToNoteReceipt
    self.store = store
    self.clock = clock
    self.random = random
    self.signingKey = signingKey
    self.makeSalt = makeSalt
  }
}
