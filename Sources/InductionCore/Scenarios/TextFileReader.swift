import Foundation

/// Reads a small UTF-8 text file (guidance, school settings, a scenario, a checkpoint), turning every
/// way it can be unusable into a reason. The size is checked before anything is read.
public enum TextFileReader {
  /// Files larger than this are refused: a scenario is a page of text, not a data set.
  public static let maximumBytes = 64 * 1024

  /// Why a file could not be used.
  public enum Failure: Error, Equatable {
    case unreadable
    case notARegularFile
    case empty
    case oversized
    case notText
    case symbolicLink
  }

  /// The text of `url` with CRLF read as LF, or why it cannot be used. A symbolic link is refused
  /// without reading what it points to unless `followingLinks` (a file named on the command line):
  /// the files of a scenarios folder and its packs are the files themselves.
  public static func read(_ url: URL, followingLinks: Bool = false) -> Result<String, Failure> {
    let data: Data
    switch BoundedFile.read(url.path, limit: Int64(maximumBytes), followingLinks: followingLinks) {
    case .success(let read): data = read
    case .failure(.unreadable): return .failure(.unreadable)
    case .failure(.notARegularFile): return .failure(.notARegularFile)
    case .failure(.tooLarge): return .failure(.oversized)
    case .failure(.symbolicLink): return .failure(.symbolicLink)
    }
    var bytes = data[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    if bytes.contains(0) { return .failure(.notText) }
    guard let text = String(data: Data(bytes), encoding: .utf8) else { return .failure(.notText) }
    if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .failure(.empty) }
    return .success(text.replacingOccurrences(of: "\r\n", with: "\n"))
  }

  /// The reason shown after `file:line:`.
  public static func reason(_ failure: Failure) -> String {
    switch failure {
    case .unreadable: "file cannot be read; check it exists and its permissions"
    case .notARegularFile:
      "is not a regular file (a folder, device or pipe); put the text file here"
    case .empty: "file is empty"
    case .oversized: "file is larger than 64 KiB; a scenario should be a page of text"
    case .notText: "file is not UTF-8 text (it looks binary); save it as UTF-8 text"
    case .symbolicLink:
      "is a symbolic link, which is not followed; put the file itself in the folder"
    }
  }
}
