import Foundation
import ZIPFoundation

/// Measurement 5: `induction export acknowledgements --format xlsx --out FILE --force` on the same
/// database as measurement 1, timed beside the CSV export of measurement 1: wall time and peak RSS,
/// the median of each. The workbook is then unzipped and its sheet's rows counted.
struct WorkbookExportBenchmark {
  /// The release `induction` binary.
  let induction: String
  /// The data folder.
  let dataDirectory: URL
  /// The school fixture (scenarios folder).
  let school: SchoolFixture
  /// Where the workbook goes.
  let scratch: URL
  /// Runs.
  let runs: Int
  /// The environment.
  let environment: [String: String]
  /// Seconds after which a run is stopped and not repeated.
  let timeout: Double

  /// What was measured.
  struct Result {
    /// Each run.
    var runs: [MeasuredRun]
    /// Whether a run was stopped after ``timeout`` seconds.
    var timedOut = false
    /// The time limit per run.
    var timeout: Double = 0
    /// Data rows in the workbook's sheet (without the header), or nil when not counted.
    var rows: Int?
    /// The workbook's size in bytes.
    var bytes = 0

    /// Median wall time, seconds.
    var seconds: Double { Statistics.median(runs.map(\.wallSeconds)) }
    /// Median peak RSS, MiB.
    var rssMiB: Double { Statistics.median(runs.map(\.maxRSSMiB)) }
    /// Whether the RSS figures are exact.
    var rssIsExact: Bool { runs.allSatisfy(\.rssIsExact) }
  }

  /// Runs the workbook export `runs` times, then counts the rows of the last workbook.
  func run(progress: (String) -> Void) throws -> Result {
    let file = scratch.appendingPathComponent("acknowledgements-induction.xlsx")
    let arguments = [
      "export", "acknowledgements", "--format", "xlsx", "--out", file.path, "--force",
      "--data-dir", dataDirectory.path, "--scenarios", school.folder,
    ]
    var result = Result(runs: [], timeout: timeout)
    for run in 1...runs {
      guard
        let measured = try MeasuredRun.run(
          induction, arguments, environment: environment, stdout: .null, scratch: scratch,
          timeout: timeout)
      else {
        result.timedOut = true
        progress("xlsx export run \(run)/\(runs): stopped after \(Int(timeout)) s")
        break
      }
      result.runs.append(measured)
      progress(
        "xlsx export run \(run)/\(runs): "
          + String(format: "%.3f s, %.1f MiB", measured.wallSeconds, measured.maxRSSMiB))
    }
    if !result.timedOut {
      result.bytes =
        (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
      result.rows = try Self.dataRows(in: file)
    }
    try? FileManager.default.removeItem(at: file)
    return result
  }

  /// The rows of the workbook's first sheet less the header, counted as `</row>` in its XML as it
  /// is inflated, a chunk at a time.
  static func dataRows(in url: URL) throws -> Int {
    let archive = try Archive(url: url, accessMode: .read)
    guard let entry = archive["xl/worksheets/sheet1.xml"] else {
      throw BenchError("\(url.path) has no first sheet")
    }
    let needle = Array("</row>".utf8)
    var carried: [UInt8] = []
    var rows = 0
    _ = try archive.extract(entry, bufferSize: 1 << 20) { chunk in
      let bytes = carried + chunk
      bytes.withUnsafeBufferPointer { buffer in
        var index = 0
        while index + needle.count <= buffer.count {
          if buffer[index] == needle[0] && buffer[index + 1] == needle[1]
            && buffer[index + 2] == needle[2] && buffer[index + 3] == needle[3]
            && buffer[index + 4] == needle[4] && buffer[index + 5] == needle[5]
          {
            rows += 1
            index += needle.count
          } else {
            index += 1
          }
        }
      }
      // Shorter than the needle, so a match across chunks is found once and never counted twice.
      carried = Array(bytes.suffix(needle.count - 1))
    }
    return rows - 1
  }
}
