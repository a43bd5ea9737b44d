import Foundation
import InductionCore
import InductionTerminal
import TestSupport
import Testing

@Suite("Idle monitor")
struct IdleMonitorTests {
  @Test func keysEveryTimeoutMinusOneSecondsKeepTheSessionAlive() {
    let clock = ManualClock()
    var monitor = IdleMonitor(timeout: 180, start: clock.now)
    for _ in 0..<50 {
      clock.advance(179)
      #expect(monitor.state(at: clock.now) != .expired)
      monitor.noteKey(at: clock.now)
    }
  }

  @Test func silenceForTheTimeoutShowsAThirtySecondCountdownThenExpires() {
    let clock = ManualClock()
    let monitor = IdleMonitor(timeout: 180, start: clock.now)
    clock.advance(179)
    #expect(monitor.state(at: clock.now) == .active)
    clock.advance(1)
    #expect(monitor.state(at: clock.now) == .warning(secondsLeft: 30))
    clock.advance(29.5)
    #expect(monitor.state(at: clock.now) == .warning(secondsLeft: 1))
    clock.advance(0.5)
    #expect(monitor.state(at: clock.now) == .expired)
  }

  @Test func aShortTimeoutWarnsForHalfOfItAfterIt() {
    let monitor = IdleMonitor(timeout: 2, start: Fixtures.instant)
    #expect(monitor.state(at: Fixtures.instant.addingTimeInterval(1.9)) == .active)
    #expect(monitor.state(at: Fixtures.instant.addingTimeInterval(2)) == .warning(secondsLeft: 1))
    #expect(monitor.state(at: Fixtures.instant.addingTimeInterval(3)) == .expired)
  }
}
