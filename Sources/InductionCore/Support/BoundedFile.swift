import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads files whose size has a limit, checking the size with `fstat` on the open descriptor
/// before reading a byte: a 3 GB file where a page of text belongs is refused without reading it.
public enum BoundedFile {
  /// Why a file could not be read.
  public enum Failure: Error, Equatable, Sendable {
    /// It does not exist or may not be read.
    case unreadable
    /// It is a folder, device, pipe or socket.
    case notARegularFile
    /// It is larger than the limit (its size in bytes).
    case tooLarge(Int64)
    /// It is a symbolic link, and links were not to be followed.
    case symbolicLink
  }

  /// Opens `path` for reading and checks it is a regular file of at most `limit` bytes. Unless
  /// `followingLinks`, a symbolic link at `path` is refused without opening what it points to (a
  /// link in a scenarios folder may point anywhere, such as `/etc/shadow`). The caller owns the
  /// returned descriptor.
  public static func open(_ path: String, limit: Int64, followingLinks: Bool = true) -> Result<
    (descriptor: Int32, size: Int64), Failure
  > {
    // O_NONBLOCK: opening a FIFO must not wait for a writer before fstat can refuse it.
    let fd = Glibc.open(
      path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followingLinks ? 0 : O_NOFOLLOW))
    guard fd >= 0 else { return .failure(errno == ELOOP ? .symbolicLink : .unreadable) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      close(fd)
      return .failure(.unreadable)
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      close(fd)
      return .failure(.notARegularFile)
    }
    guard Int64(info.st_size) <= limit else {
      close(fd)
      return .failure(.tooLarge(Int64(info.st_size)))
    }
    return .success((fd, Int64(info.st_size)))
  }

  /// The whole of `path`, when it is a regular file of at most `limit` bytes (a file that grows
  /// past the limit while it is read is refused too); a link is refused unless `followingLinks`.
  public static func read(_ path: String, limit: Int64, followingLinks: Bool = true) -> Result<
    Data, Failure
  > {
    switch open(path, limit: limit, followingLinks: followingLinks) {
    case .failure(let failure): return .failure(failure)
    case .success(let (fd, size)):
      defer { close(fd) }
      var data = Data()
      data.reserveCapacity(Int(size))
      var chunk = [UInt8](repeating: 0, count: 64 * 1024)
      while true {
        let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if count < 0 {
          if errno == EINTR || errno == EAGAIN { continue }
          return .failure(.unreadable)
        }
        if count == 0 { return .success(data) }
        data.append(contentsOf: chunk[0..<count])
        if Int64(data.count) > limit { return .failure(.tooLarge(Int64(data.count))) }
      }
    }
  }
}
