/// A small, seedable random number generator (SplitMix64), so tests can repeat a shuffle exactly.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable, Codable {
  private var state: UInt64

  /// A generator that yields the same sequence for the same seed.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Where randomness comes from: the system generator in production, a seeded one in tests.
public struct RandomSource: Sendable {
  /// Makes a fresh generator, one per session.
  public var makeGenerator: @Sendable () -> any RandomNumberGenerator

  /// Creates a source from a generator factory.
  public init(makeGenerator: @escaping @Sendable () -> any RandomNumberGenerator) {
    self.makeGenerator = makeGenerator
  }

  /// The operating system's generator.
  public static let system = RandomSource { SystemRandomNumberGenerator() }

  /// A repeatable generator for tests and `--seed`.
  public static func seeded(_ seed: UInt64) -> RandomSource {
    RandomSource { SplitMix64(seed: seed) }
  }
}

/// A type-erasing wrapper so an existential generator can be passed where `inout some RandomNumberGenerator` is wanted.
public struct AnyRandomNumberGenerator: RandomNumberGenerator {
  private var base: any RandomNumberGenerator
  /// Wraps `base`.
  public init(_ base: any RandomNumberGenerator) { self.base = base }
  /// The next 64 random bits of the wrapped generator.
  public mutating func next() -> UInt64 { base.next() }
}
