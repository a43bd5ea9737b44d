import Foundation
import TestSupport
import Testing

@testable import InductionCore

@Suite("Scenario cache")
struct ScenarioCacheTests {
  let key = Fixtures.signingKey

  /// A valid folder, its cache file, and the catalogue linted and cached once.
  func cachedFolder() throws -> (ScenarioFolder, ScenarioCache, ScenarioCatalog) {
    let folder = ScenarioFolder.valid()
    let cache = ScenarioCache(
      file: Fixtures.temporaryDirectory("cache").appendingPathComponent("scenarios.cache"),
      program: "test 1")
    let first = cache.lookup(directory: folder.url, key: key, as: ScenarioCatalog.self)
    #expect(first.value == nil)
    let linted = try ScenarioLinter.load(directory: folder.url)
    cache.store(linted, fingerprint: try #require(first.fingerprint), key: key)
    return (folder, cache, linted)
  }

  @Test func anUnchangedFolderComesFromTheCacheExactlyAsLinted() throws {
    let (folder, cache, linted) = try cachedFolder()
    defer { folder.delete() }
    #expect(cache.lookup(directory: folder.url, key: key, as: ScenarioCatalog.self).value == linted)
  }

  @Test func anyChangeToTheFolderMeansLintingAgain() throws {
    let (folder, cache, _) = try cachedFolder()
    defer { folder.delete() }
    // A file edited (here: broken)
    folder.write("02-rule-two.yaml", "id: rule-two\n")
    #expect(cache.lookup(directory: folder.url, key: key, as: ScenarioCatalog.self).value == nil)
    #expect(throws: ScenarioLoadError.self) { try ScenarioLinter.load(directory: folder.url) }
  }

  @Test func onlyTheTimeOfAFileChangingMeansLintingAgain() throws {
    let (folder, cache, _) = try cachedFolder()
    defer { folder.delete() }
    let file = folder.url.appendingPathComponent("school.yaml").path
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: file)
    #expect(cache.lookup(directory: folder.url, key: key, as: ScenarioCatalog.self).value == nil)
  }

  @Test func aNewFileInAnyFolderBelowMeansLintingAgain() throws {
    let (folder, cache, _) = try cachedFolder()
    defer { folder.delete() }
    let pack = folder.url.appendingPathComponent("translations/pl")
    try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
    try Data("# Wskazówki\n".utf8).write(to: pack.appendingPathComponent("guidance.md"))
    #expect(cache.lookup(directory: folder.url, key: key, as: ScenarioCatalog.self).value == nil)
  }

  @Test func anEditedCacheFileIsNeverUsed() throws {
    let (folder, cache, _) = try cachedFolder()
    defer { folder.delete() }
    // Someone with the data folder changes what parents would be told
    let text = try String(contentsOf: cache.file, encoding: .utf8)
    try #require(text.contains("Staff can help."))
    try Data(text.replacingOccurrences(of: "Staff can help.", with: "Post it online.").utf8)
      .write(to: cache.file)
    #expect(cache.lookup(directory: folder.url, key: key, as: ScenarioCatalog.self).value == nil)
  }

  @Test func aCacheSignedByAnotherKeyOrAnotherReleaseIsNotUsed() throws {
    let (folder, cache, _) = try cachedFolder()
    defer { folder.delete() }
    #expect(
      cache.lookup(directory: folder.url, key: SigningKey.generate(), as: ScenarioCatalog.self)
        .value == nil)
    let newer = ScenarioCache(file: cache.file, program: "test 2")
    #expect(newer.lookup(directory: folder.url, key: key, as: ScenarioCatalog.self).value == nil)
  }

  @Test func thePreviewAndTheValueAreBothUnderTheSignature() throws {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    let cache = ScenarioCache(
      file: Fixtures.temporaryDirectory("cache").appendingPathComponent("scenarios.cache"),
      program: "test 1")
    let fingerprint = try #require(cache.entry(directory: folder.url, key: key).fingerprint)
    let linted = try ScenarioLinter.load(directory: folder.url)
    // Given a value cached with a preview of what the first screen needs
    cache.store(linted, preview: ["school": "Ashgate"], fingerprint: fingerprint, key: key)

    // Then both come back, each decoded only when asked for
    let entry = try #require(cache.entry(directory: folder.url, key: key).entry)
    #expect(entry.preview(as: [String: String].self) == ["school": "Ashgate"])
    #expect(entry.value(as: ScenarioCatalog.self) == linted)
    #expect(entry.preview(as: ScenarioCatalog.self) == nil)

    // And a preview edited to show parents something else makes the whole entry unusable
    let text = try String(contentsOf: cache.file, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "Ashgate", with: "Elsewhere").utf8).write(to: cache.file)
    #expect(cache.entry(directory: folder.url, key: key).entry == nil)
  }

  @Test func hiddenFilesAndFoldersAreLeftOutOfTheFingerprintAndEverythingElseIsIn() throws {
    let folder = ScenarioFolder.valid()
    defer { folder.delete() }
    let before = try #require(ScenarioCache.fingerprint(of: folder.url, program: "p"))
    // An editor's swap file and a hidden folder change nothing
    folder.write(".school.yaml.swp", "x")
    let hidden = folder.url.appendingPathComponent(".git")
    try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true)
    try Data("x".utf8).write(to: hidden.appendingPathComponent("HEAD"))
    #expect(ScenarioCache.fingerprint(of: folder.url, program: "p") == before)
    // A file two folders down does
    let deep = folder.url.appendingPathComponent("translations/pl")
    try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
    try Data("x".utf8).write(to: deep.appendingPathComponent("notes.txt"))
    let after = try #require(ScenarioCache.fingerprint(of: folder.url, program: "p"))
    #expect(after != before)
    #expect(
      ScenarioCache.visibleFiles(below: folder.url.path)?.contains("translations/pl/notes.txt")
        == true)
  }
}
