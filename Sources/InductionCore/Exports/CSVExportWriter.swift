import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streams an export as CSV, row by row: RFC 4180 with CRLF after every record, UTF-8 with a
/// byte-order mark, a header row first, and every cell passed through ``CSVCell/exported(_:)``.
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
  private let file: AtomicFile?
  private var buffer: [UInt8] = []
  private var state = State.writing

  /// Opens the destination and writes the byte-order mark and `header`; for a file, refuses an
  /// existing target unless `overwrite` and creates the temporary file.
  public init(destination: Destination, header: [String]) throws {
    switch destination {
    case .file(let url, let displayPath, let overwrite):
      let file = try AtomicFile(target: url, displayPath: displayPath, overwrite: overwrite)
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
      CSVCell.appendField(CSVCell.exported(cell), to: &buffer)
    }
    buffer.append(contentsOf: Self.crlf)
  }

  private func flush() throws {
    let code = buffer.withUnsafeBytes { writeAll(descriptor, $0) }
    if code != 0 { throw fail(errno: code) }
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

}

/// Writes all of `bytes` to `fd`, retrying short writes and interruptions; 0, or the `errno` of the
/// write that failed.
func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
  var offset = 0
  while offset < bytes.count {
    let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
    if written < 0 {
      if errno == EINTR { continue }
      return errno
    }
    offset += written
  }
  return 0
}
