// Writes BuildInfo.swift for the induction executable: the git commit it is built from, read from
// the repository's files (no git program needed), or "unknown" outside a checkout.
//
// Usage: BuildInfoGenerator PACKAGE_DIRECTORY OUTPUT_FILE
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
  FileHandle.standardError.write(Data("usage: BuildInfoGenerator PACKAGE_DIRECTORY OUTPUT\n".utf8))
  exit(2)
}
let package = URL(fileURLWithPath: arguments[1])
let output = URL(fileURLWithPath: arguments[2])

func read(_ url: URL) -> String? {
  (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// The folder holding HEAD (a worktree's own), and the one holding the refs.
func gitDirectories() -> (head: URL, common: URL)? {
  let dotGit = package.appendingPathComponent(".git")
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else {
    return nil
  }
  var head = dotGit
  if !isDirectory.boolValue {
    guard let line = read(dotGit), line.hasPrefix("gitdir: ") else { return nil }
    head = URL(fileURLWithPath: String(line.dropFirst(8)), relativeTo: package).standardizedFileURL
  }
  var common = head
  if let relative = read(head.appendingPathComponent("commondir")) {
    common =
      URL(fileURLWithPath: relative, relativeTo: head.appendingPathComponent("x"))
      .standardizedFileURL
  }
  return (head, common)
}

func commit() -> String {
  guard let (headDirectory, common) = gitDirectories(),
    let head = read(headDirectory.appendingPathComponent("HEAD"))
  else { return "unknown" }
  guard head.hasPrefix("ref: ") else { return String(head.prefix(12)) }
  let ref = String(head.dropFirst(5))
  for folder in [headDirectory, common] {
    if let hash = read(folder.appendingPathComponent(ref)) { return String(hash.prefix(12)) }
  }
  for line in (read(common.appendingPathComponent("packed-refs")) ?? "").split(separator: "\n") {
    let parts = line.split(separator: " ")
    if parts.count == 2, parts[1] == ref { return String(parts[0].prefix(12)) }
  }
  return "unknown"
}

let source = """
  // Generated at build time by BuildInfoGenerator; not in the repository.

  /// The git commit this binary was built from (12 hex digits), or "unknown".
  let buildCommit = "\(commit())"

  """
if read(output) != source.trimmingCharacters(in: .whitespacesAndNewlines) {
  try Data(source.utf8).write(to: output)
}
