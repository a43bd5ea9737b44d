import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streams an export as CSV, row by row: RFC 4180 with CRLF after every record, UTF-8 with a
/// byte-order mark, a header row first, and every cell passed through ``CSVCell/neutralised(_:)``.
///
/// A file destination is written to a hidden temporary file (mode 0600) in the same folder and
/// only renamed onto the target by ``finish()``, so a failure or a crash never leaves a partial
/// file at the target. Memory stays flat: rows go out through a small fixed-size buffer.
///
/// The fields are encoded here rather than by CSV.swift's `CSVWriter`: in 2.5.2 it decides on
/// quoting and doubles quotes by comparing Characters, so a `"`, `,` or LF followed by a combining
/// mark (e.g. `"\u{301}`) is neither quoted nor doubled, and its own `CSVReader` (which reads
/// scalars) then reads a different row back. It also writes one byte per stream call.
public final class CSVExportWriter: ExportWriter {
  /// Where the CSV goes.
  public enum Destination {
    /// A file, renamed into place by ``CSVExportWriter/finish()``. `displayPath` is how messages
    /// name it; an existing file is replaced only when `overwrite` is true.
    case file(URL, displayPath: String, overwrite: Bool)
    /// An open descriptor such as standard output (`--out -`), written straight through and left
    /// open. `displayPath` is how messages name it.
    case descriptor(Int32, displayPath: String = "standard output")
  }

  /// How many rows after the header have been written.
  public private(set) var rowCount = 0

  private enum State {
    case writing, finished, abandoned
    case failed(ExportError)
  }

  /// Bytes gathered before they are written out.
  private static let bufferSize = 64 * 1024
  private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
  private static let crlf: [UInt8] = [0x0D, 0x0A]

  private let descriptor: Int32
  private let displayPath: String
  private let fieldCount: Int
  private let file: TemporaryFile?
  private var buffer: [UInt8] = []
  private var state = State.writing

  /// Opens the destination and writes the byte-order mark and `header`; for a file, refuses an
  /// existing target unless `overwrite` and creates the temporary file.
  public init(destination: Destination, header: [String]) throws {
    switch destination {
    case .file(let url, let displayPath, let overwrite):
      if !overwrite && Self.exists(url.path) { throw ExportError.targetExists(path: displayPath) }
      let file = try TemporaryFile(target: url, displayPath: displayPath, overwrite: overwrite)
      self.file = file
      self.descriptor = file.descriptor
      self.displayPath = displayPath
    case .descriptor(let descriptor, let displayPath):
      self.file = nil
      self.descriptor = descriptor
      self.displayPath = displayPath
    }
    fieldCount = header.count
    buffer.reserveCapacity(Self.bufferSize * 2)
    buffer.append(contentsOf: Self.byteOrderMark)
    append(header)
  }

  deinit {
    if case .writing = state { abandon() }
  }

  /// Writes one row, which must have as many cells as the header.
  public func write(_ row: [String]) throws {
    precondition(row.count == fieldCount, "a CSV row has \(row.count) cells, header \(fieldCount)")
    try ensureWriting()
    append(row)
    rowCount += 1
    if buffer.count >= Self.bufferSize { try flush() }
  }

  /// Writes one typed row, every cell as its ``ExportCell/csvText``.
  public func write(_ row: [ExportCell]) throws {
    try write(row.map(\.csvText))
  }

  /// Writes out what is buffered; for a file, syncs it, renames it onto the target (refusing an
  /// existing target unless `overwrite`) and syncs the folder.
  public func finish() throws {
    try ensureWriting()
    try flush()
    if let file {
      do {
        try file.commit()
      } catch let error as ExportError {
        state = .failed(error)
        throw error
      }
    }
    state = .finished
  }

  /// Stops the export: a file's temporary file is removed and the target is left as it was.
  public func abandon() {
    guard case .writing = state else { return }
    file?.discard()
    buffer.removeAll()
    state = .abandoned
  }

  private func ensureWriting() throws {
    switch state {
    case .writing: return
    case .failed(let error): throw error
    case .finished, .abandoned: preconditionFailure("the CSV export is already closed")
    }
  }

  private func append(_ row: [String]) {
    for (index, cell) in row.enumerated() {
      if index > 0 { buffer.append(UInt8(ascii: ",")) }
      CSVCell.appendField(CSVCell.neutralised(cell), to: &buffer)
    }
    buffer.append(contentsOf: Self.crlf)
  }

  private func flush() throws {
    var offset = 0
    while offset < buffer.count {
      let written = buffer.withUnsafeBytes { bytes in
        systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw fail(errno: errno)
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
  }

  private func fail(errno code: Int32) -> ExportError {
    let error: ExportError
    if let file {
      error = file.error(for: code)
      file.discard()
    } else {
      error = .streamInterrupted(path: displayPath)
    }
    buffer.removeAll()
    state = .failed(error)
    return error
  }

  static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }
}

// Inside the class `write` means the method; this names the system call.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, bytes, count)
}

/// The hidden `.<name>.tmp-<random>` file an export is written to before it is renamed.
private final class TemporaryFile {
  let descriptor: Int32
  private let path: String
  private let target: URL
  private let displayPath: String
  private let overwrite: Bool
  private var isOpen = true
  private var isPresent = true

  init(target: URL, displayPath: String, overwrite: Bool) throws {
    self.target = target
    self.displayPath = displayPath
    self.overwrite = overwrite
    let folder = target.deletingLastPathComponent()
    var attempt = 0
    while true {
      // The name only has to be unique, not repeatable, so the system generator is fine here.
      let suffix = String(UInt64.random(in: .min ... .max), radix: 36)
      let name = ".\(target.lastPathComponent).tmp-\(suffix)"
      let candidate = folder.appendingPathComponent(name).path
      let fd = open(candidate, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
      if fd >= 0 {
        descriptor = fd
        path = candidate
        break
      }
      let code = errno
      attempt += 1
      if code == EEXIST && attempt < 16 { continue }
      if code == EINTR { continue }
      throw Self.error(for: code, displayPath: displayPath)
    }
    // A restrictive umask can only remove bits, but a permissive one must not add any.
    _ = fchmod(descriptor, 0o600)
  }

  /// Syncs and closes the file, then renames it onto the target and syncs the folder.
  func commit() throws {
    if fsync(descriptor) != 0 { throw failure(errno) }
    isOpen = false
    if close(descriptor) != 0 && errno != EINTR { throw failure(errno) }
    // Checked again because the target may have appeared while the rows were written.
    if !overwrite && CSVExportWriter.exists(target.path) {
      discard()
      throw ExportError.targetExists(path: displayPath)
    }
    if rename(path, target.path) != 0 { throw failure(errno) }
    isPresent = false
    syncFolder()
  }

  /// Closes and removes the file; harmless when already done.
  func discard() {
    if isOpen {
      isOpen = false
      close(descriptor)
    }
    if isPresent {
      isPresent = false
      unlink(path)
    }
  }

  /// The error for a failed system call on this file.
  func error(for code: Int32) -> ExportError {
    Self.error(for: code, displayPath: displayPath)
  }

  private func failure(_ code: Int32) -> ExportError {
    let error = error(for: code)
    discard()
    return error
  }

  private static func error(for code: Int32, displayPath: String) -> ExportError {
    switch code {
    case ENOSPC, EFBIG, EDQUOT: .diskFull(path: displayPath)
    default: .cannotWrite(path: displayPath)
    }
  }

  private func syncFolder() {
    // The rename is durable only once the folder is synced; some file systems refuse to sync a
    // folder, and the file is already in place by then, so a failure here is not reported.
    let folder = open(target.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard folder >= 0 else { return }
    _ = fsync(folder)
    close(folder)
  }
}
