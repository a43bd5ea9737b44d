import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A TCP relay on 127.0.0.1 between the program and a server, which a test can take down (every
/// connection cut, new ones refused) and bring back on the same port: a server that stops or a
/// network that fails, without stopping the server other tests share.
public final class TCPRelay: @unchecked Sendable {
  /// The port the program connects to.
  public private(set) var port: UInt16 = 0
  private let upstreamPort: UInt16
  private let lock = NSLock()
  private var listener: Int32 = -1
  private var sockets: Set<Int32> = []

  /// A relay to `127.0.0.1:upstreamPort`, listening at once.
  public init(upstreamPort: Int) throws {
    self.upstreamPort = UInt16(upstreamPort)
    try start()
  }

  deinit { stop() }

  /// Listens again (on the same port after ``stop()``).
  public func start() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = Self.loopback(port)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(fd, 16) == 0 else {
      close(fd)
      throw PostgresTestServer.Unavailable(
        description: "the relay could not listen: errno \(errno)")
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
    }
    lock.withLock {
      port = UInt16(bigEndian: address.sin_port)
      listener = fd
    }
    Thread.detachNewThread { [self] in acceptLoop(fd) }
  }

  /// Cuts every connection and refuses new ones until ``start()``.
  public func stop() {
    lock.withLock {
      if listener >= 0 {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        listener = -1
      }
      for socket in sockets { shutdown(socket, Int32(SHUT_RDWR)) }
    }
  }

  private func acceptLoop(_ fd: Int32) {
    while true {
      let client = accept(fd, nil, nil)
      guard client >= 0 else { return }
      let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      var address = Self.loopback(upstreamPort)
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
      guard connected == 0 else {
        close(client)
        close(server)
        continue
      }
      lock.withLock { sockets.formUnion([client, server]) }
      Thread.detachNewThread { [self] in pump(from: client, to: server) }
      Thread.detachNewThread { [self] in pump(from: server, to: client) }
    }
  }

  private func pump(from source: Int32, to target: Int32) {
    var buffer = [UInt8](repeating: 0, count: 16_384)
    while true {
      let count = read(source, &buffer, buffer.count)
      guard count > 0, write(target, buffer, count) == count else { break }
    }
    shutdown(source, Int32(SHUT_RDWR))
    shutdown(target, Int32(SHUT_RDWR))
    lock.withLock {
      if sockets.remove(source) != nil { close(source) }
    }
  }

  private static func loopback(_ port: UInt16) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
  }
}
