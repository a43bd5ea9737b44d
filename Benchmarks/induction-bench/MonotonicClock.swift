#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The system's monotonic clock, in nanoseconds. It is the same clock in every process, so the
/// writer processes can be told to start at one shared instant.
enum MonotonicClock {
  /// Nanoseconds since an arbitrary fixed point (boot).
  static func now() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }

  /// Seconds elapsed since `start` (a value of ``now()``).
  static func seconds(since start: UInt64) -> Double {
    Double(now() - start) / 1e9
  }

  /// Sleeps until ``now()`` reaches `instant`.
  static func sleep(until instant: UInt64) {
    while true {
      let current = now()
      if current >= instant { return }
      let remaining = instant - current
      var request = timespec(
        tv_sec: Int(remaining / 1_000_000_000), tv_nsec: Int(remaining % 1_000_000_000))
      var left = timespec()
      _ = nanosleep(&request, &left)
    }
  }
}
