import CXlsxwriter
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a finished workbook back before it is put in place: every part must inflate to the size
/// and CRC its zip directory records, and every worksheet must hold the rows written and end with
/// `</worksheet>`.
///
/// libxlsxwriter writes each sheet to a temporary file with stdio and never checks those writes, so
/// a full disk or a file-size limit gives a workbook whose sheet is cut short inside a perfectly
/// consistent zip, and `workbook_close` still reports success. Reading it back is the one way to
/// know every row is there. It streams (fixed buffers), and costs about a tenth of the export.
enum WorkbookCheck {
  /// The workbook is not whole.
  struct Damaged: Error, Equatable {
    /// What is wrong, for tests and debugging (never shown to the user, who sees the export error).
    let reason: String
  }

  /// Checks the workbook at `path`; `rows[n]` is the number of rows in `xl/worksheets/sheet<n+1>.xml`.
  static func verify(path: String, rows: [Int]) throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw Damaged(reason: "cannot open") }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw Damaged(reason: "cannot stat") }
    let size = Int(info.st_size)
    var sheetsSeen = Set<Int>()
    for entry in try directory(fd, size: size) {
      let sheet = sheetNumber(entry.name)
      let found = try inflate(fd, entry, countingRows: sheet != nil)
      guard found.crc == entry.crc, found.size == entry.size else {
        throw Damaged(reason: "\(entry.name) does not match its directory entry")
      }
      if let sheet {
        guard sheet >= 1, sheet <= rows.count, found.rows == rows[sheet - 1],
          found.tail.suffix(12).elementsEqual("</worksheet>".utf8)
        else {
          throw Damaged(reason: "\(entry.name) holds \(found.rows) rows or is cut short")
        }
        sheetsSeen.insert(sheet)
      }
    }
    guard sheetsSeen.count == rows.count else { throw Damaged(reason: "a worksheet is missing") }
  }

  private struct Entry {
    var name: String
    var method: UInt16
    var crc: UInt32
    var compressedSize: Int
    var size: Int
    var localHeader: Int
  }

  /// `xl/worksheets/sheet3.xml` → 3.
  private static func sheetNumber(_ name: String) -> Int? {
    let prefix = "xl/worksheets/sheet"
    guard name.hasPrefix(prefix), name.hasSuffix(".xml") else { return nil }
    return Int(name.dropFirst(prefix.count).dropLast(4))
  }

  /// The entries of the zip's central directory (libxlsxwriter writes no zip64 unless asked).
  private static func directory(_ fd: Int32, size: Int) throws -> [Entry] {
    let tailLength = min(size, 22 + 65_535)
    let tail = try read(fd, at: size - tailLength, count: tailLength)
    guard
      let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: {
        le32(tail, $0) == 0x0605_4B50
      })
    else { throw Damaged(reason: "no end of central directory") }
    let count = Int(le16(tail, end + 10))
    let length = Int(le32(tail, end + 12))
    let offset = Int(le32(tail, end + 16))
    guard offset + length <= size else { throw Damaged(reason: "directory out of range") }
    let bytes = try read(fd, at: offset, count: length)
    var entries: [Entry] = []
    var at = 0
    for _ in 0..<count {
      guard at + 46 <= bytes.count, le32(bytes, at) == 0x0201_4B50 else {
        throw Damaged(reason: "bad directory entry")
      }
      let nameLength = Int(le16(bytes, at + 28))
      let extraLength = Int(le16(bytes, at + 30))
      let commentLength = Int(le16(bytes, at + 32))
      guard at + 46 + nameLength <= bytes.count else { throw Damaged(reason: "bad name") }
      entries.append(
        Entry(
          name: String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self),
          method: le16(bytes, at + 10), crc: le32(bytes, at + 16),
          compressedSize: Int(le32(bytes, at + 20)), size: Int(le32(bytes, at + 24)),
          localHeader: Int(le32(bytes, at + 42))))
      at += 46 + nameLength + extraLength + commentLength
    }
    return entries
  }

  private static let chunk = 256 * 1024
  /// `</row>` less one byte: what is carried from one chunk to the next.
  private static let carry = 5

  /// Inflates one entry: its CRC, size, the last bytes, and (for a worksheet) how many rows end in it.
  private static func inflate(_ fd: Int32, _ entry: Entry, countingRows: Bool) throws -> (
    crc: UInt32, size: Int, rows: Int, tail: [UInt8]
  ) {
    let header = try read(fd, at: entry.localHeader, count: 30)
    guard le32(header, 0) == 0x0403_4B50 else { throw Damaged(reason: "bad local header") }
    var offset = entry.localHeader + 30 + Int(le16(header, 26)) + Int(le16(header, 28))
    var remaining = entry.compressedSize
    var crc: uLong = 0
    var size = 0
    var rows = 0
    // The output buffer starts with the last bytes of the previous chunk, so a `</row>` split
    // between two chunks is still found (and, being shorter than `</row>`, never counted twice).
    var output = [UInt8](repeating: 0, count: carry + chunk)
    var carried = 0
    var tail: [UInt8] = []
    func take(_ produced: Int) {
      output.withUnsafeMutableBytes { buffer in
        let base = buffer.baseAddress!
        crc = crc32(crc, base.assumingMemoryBound(to: Bytef.self) + carried, uInt(produced))
        let total = carried + produced
        tail = Array((tail + buffer[(total - min(produced, 16))..<total]).suffix(16))
        if countingRows {
          rows += induction_count_row_ends(base.assumingMemoryBound(to: UInt8.self), total)
        }
        let keep = min(carry, total)
        memmove(base, base + (total - keep), keep)
        carried = keep
      }
      size += produced
    }
    if entry.method == 0 {
      while remaining > 0 {
        let bytes = try read(fd, at: offset, count: min(chunk, remaining))
        output.replaceSubrange(carried..<(carried + bytes.count), with: bytes)
        offset += bytes.count
        remaining -= bytes.count
        take(bytes.count)
      }
      return (UInt32(crc), size, rows, tail)
    }
    guard entry.method == 8 else { throw Damaged(reason: "unknown compression") }
    var stream = z_stream()
    guard induction_inflate_init_raw(&stream) == Z_OK else { throw Damaged(reason: "zlib") }
    defer { inflateEnd(&stream) }
    var input: [UInt8] = []
    var status = Z_OK
    while status != Z_STREAM_END {
      if stream.avail_in == 0 {
        guard remaining > 0 else { throw Damaged(reason: "compressed data ends early") }
        input = try read(fd, at: offset, count: min(chunk, remaining))
        offset += input.count
        remaining -= input.count
      }
      let produced = try input.withUnsafeMutableBytes { inBuffer -> Int in
        try output.withUnsafeMutableBytes { outBuffer -> Int in
          if stream.avail_in == 0 {
            stream.next_in = inBuffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_in = uInt(inBuffer.count)
          } else {
            // Same array, same storage: point at where the last call stopped.
            let used = inBuffer.count - Int(stream.avail_in)
            stream.next_in = inBuffer.baseAddress!.assumingMemoryBound(to: Bytef.self) + used
          }
          stream.next_out = outBuffer.baseAddress!.assumingMemoryBound(to: Bytef.self) + carried
          stream.avail_out = uInt(chunk)
          status = CXlsxwriter.inflate(&stream, Z_NO_FLUSH)
          guard status == Z_OK || status == Z_STREAM_END else {
            throw Damaged(reason: "inflate failed")
          }
          return chunk - Int(stream.avail_out)
        }
      }
      take(produced)
    }
    return (UInt32(crc), size, rows, tail)
  }

  private static func read(_ fd: Int32, at offset: Int, count: Int) throws -> [UInt8] {
    guard offset >= 0, count >= 0 else { throw Damaged(reason: "out of range") }
    var bytes = [UInt8](repeating: 0, count: count)
    var done = 0
    while done < count {
      let got = bytes.withUnsafeMutableBytes {
        pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done))
      }
      if got < 0 && errno == EINTR { continue }
      guard got > 0 else { throw Damaged(reason: "short read") }
      done += got
    }
    return bytes
  }

  private static func le16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
    UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
  }

  private static func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
    UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
      | UInt32(bytes[at + 3]) << 24
  }
}
