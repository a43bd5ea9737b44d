import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The queue every Induction process joins before it writes: an exclusive `flock` on a lock file
/// beside the database, taken before `BEGIN IMMEDIATE` and released after `COMMIT`.
///
/// SQLite's own busy handling polls: a writer that finds the database locked sleeps and tries again,
/// so under several kiosks a signing can wait for many sleeps while others slip in between. Waiting
/// in the kernel for this lock instead wakes the next writer the moment the lock is released, so
/// writers follow one another without sleeping. Programs that do not take it (the sqlite3 shell, a
/// backup tool) are still kept out by SQLite's lock and the busy handler.
///
/// Each acquisition opens its own file description, so the lock belongs to that acquisition alone
/// (and the kernel drops it if the process dies). A wait longer than the timeout gives up: the
/// waiting thread is abandoned and lets the lock go as soon as it gets it.
final class WriterLock: Sendable {
  /// The lock file.
  let path: String

  /// A lock on the file at `path` (created 0600 on first use).
  init(path: String) { self.path = path }

  /// A held lock; ``release()`` it after the transaction.
  struct Held {
    fileprivate let descriptor: Int32
    /// Lets the next writer in.
    func release() { close(descriptor) }
  }

  /// Waits up to `timeout` seconds for the lock. Returns nil when the lock file cannot be used at
  /// all (a read-only folder): the write then goes ahead under SQLite's locking alone and reports
  /// its own error. Throws ``StoreError/busy(path:)`` with `databasePath` after the timeout.
  func acquire(timeout: TimeInterval, databasePath: String) throws -> Held? {
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard descriptor >= 0 else { return nil }
    if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return Held(descriptor: descriptor) }
    guard errno == EWOULDBLOCK else {
      close(descriptor)
      return nil
    }
    let waiter = Waiter(descriptor: descriptor)
    let thread = Thread { waiter.wait() }
    thread.stackSize = 64 * 1024
    thread.start()
    if waiter.outcome(within: timeout) { return Held(descriptor: descriptor) }
    throw StoreError.busy(path: databasePath)
  }

  /// One blocking `flock` on its own thread, and who is still interested in its result.
  private final class Waiter: @unchecked Sendable {
    private let descriptor: Int32
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var acquired = false
    private var abandoned = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    func wait() {
      var result: Int32
      repeat { result = flock(descriptor, LOCK_EX) } while result != 0 && errno == EINTR
      condition.lock()
      defer { condition.unlock() }
      if abandoned || result != 0 {
        close(descriptor)
        return
      }
      acquired = true
      condition.signal()
    }

    /// Whether the lock was acquired within `timeout`; when not, the waiter is abandoned.
    func outcome(within timeout: TimeInterval) -> Bool {
      let deadline = Date(timeIntervalSinceNow: timeout)
      condition.lock()
      defer { condition.unlock() }
      while !acquired {
        if !condition.wait(until: deadline) {
          if acquired { return true }
          abandoned = true
          return false
        }
      }
      return true
    }
  }
}
