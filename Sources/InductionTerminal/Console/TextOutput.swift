import Foundation

/// Where the console's bytes go: standard output, or a buffer in tests.
public protocol TextOutput: AnyObject {
  /// Writes `text` as is and flushes.
  func write(_ text: String)
}

/// Writes to a file descriptor (standard output by default), unbuffered so prompts appear at once.
public final class FileDescriptorOutput: TextOutput {
  let descriptor: Int32

  /// Writes to `descriptor`.
  public init(descriptor: Int32 = STDOUT_FILENO) { self.descriptor = descriptor }

  /// Writes every byte, retrying on interruption.
  public func write(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      bytes = bytes.dropFirst(written)
    }
  }
}

/// Collects everything written, for transcript tests.
public final class BufferOutput: TextOutput, @unchecked Sendable {
  private let lock = NSLock()
  private var buffer = ""

  /// An empty buffer.
  public init() {}

  /// Appends `text`.
  public func write(_ text: String) {
    lock.lock()
    buffer += text
    lock.unlock()
  }

  /// Everything written so far.
  public var text: String {
    lock.lock()
    defer { lock.unlock() }
    return buffer
  }
}
