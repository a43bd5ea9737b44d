import Foundation

/// Reads a small UTF-8 text file for the linter, turning every way it can be unusable into a reason.
enum TextFileReader {
  /// Files larger than this are refused: a scenario is a page of text, not a data set.
  static let maximumBytes = 64 * 1024

  enum Failure: Error, Equatable {
    case unreadable
    case empty
    case oversized
    case notText
  }

  static func read(_ url: URL) -> Result<String, Failure> {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      return .failure(.unreadable)
    }
    if data.count > maximumBytes { return .failure(.oversized) }
    var bytes = data[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    if bytes.contains(0) { return .failure(.notText) }
    guard let text = String(data: Data(bytes), encoding: .utf8) else { return .failure(.notText) }
    if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .failure(.empty) }
    return .success(text.replacingOccurrences(of: "\r\n", with: "\n"))
  }

  static func reason(_ failure: Failure) -> String {
    switch failure {
    case .unreadable: "file cannot be read; check it exists and its permissions"
    case .empty: "file is empty"
    case .oversized: "file is larger than 64 KiB; a scenario should be a page of text"
    case .notText: "file is not UTF-8 text (it looks binary); save it as UTF-8 text"
    }
  }
}
