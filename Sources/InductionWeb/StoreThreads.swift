import NIOPosix

/// The threads a web request's store calls run on. A store call blocks its thread (SQLite's flush
/// at a signing, a PostgreSQL round trip waited for), so none runs on the threads that serve
/// requests: one parent's signing never holds up another parent's page.
enum StoreThreads {
  /// More threads than cores: most of their time is spent waiting for the disk or the server, and
  /// the store lets one writer in at a time while readers and page drawing go on.
  private static let pool: NIOThreadPool = {
    let pool = NIOThreadPool(numberOfThreads: 8)
    pool.start()
    return pool
  }()

  /// Runs `body` on one of the threads and waits for it without holding up the caller's thread.
  static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await pool.runIfActive(body)
  }
}
