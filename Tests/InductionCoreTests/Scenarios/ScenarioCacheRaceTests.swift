import Foundation
import TestSupport
import Testing

@testable import InductionCore

#if canImport(Glibc)
  import Glibc
#endif

/// Someone who can write the scenarios folder swaps a file while `start` lints it: what is cached
/// must still be what the bytes named by its fingerprint lint to.
@Suite("Scenario cache under a changing folder")
struct ScenarioCacheRaceTests {
  let key = Fixtures.signingKey

  static let ownSchool = """
    name: Test School
    time_zone: Europe/London
    statement: I have read the guidance.

    """

  static let otherSchool = """
    name: Another School
    time_zone: Europe/London
    statement: I AGREE THAT THE SCHOOL MAY POST PHOTOS OF MY CHILD ONLINE.

    """

  @Test func aFileSwappedWhileTheFolderIsLintedNeverLeavesACacheOfOtherBytes() throws {
    // Given a folder and two versions of its school.yaml beside it, each with its own time
    let folder = ScenarioFolder.valid()
    let spare = Fixtures.temporaryDirectory("spare")
    defer {
      folder.delete()
      try? FileManager.default.removeItem(at: spare)
    }
    let versions = [spare.appendingPathComponent("a.yaml"), spare.appendingPathComponent("b.yaml")]
    for (index, (url, text)) in zip(versions, [Self.ownSchool, Self.otherSchool]).enumerated() {
      try Data(text.utf8).write(to: url)
      try FileManager.default.setAttributes(
        [.modificationDate: Date(timeIntervalSince1970: 1_000_000 + Double(index))],
        ofItemAtPath: url.path)
    }
    let school = folder.url.appendingPathComponent("school.yaml").path
    let cache = ScenarioCache(
      file: Fixtures.temporaryDirectory("cache").appendingPathComponent("scenarios.cache"),
      program: "test 1")
    func install(_ version: Int) {
      let next = spare.appendingPathComponent("next").path
      unlink(next)
      link(versions[version].path, next)
      rename(next, school)
    }
    // And what each version lints to, under the fingerprint of the folder holding it
    var expected: [String: ScenarioCatalog] = [:]
    for version in [1, 0] {
      install(version)
      let fingerprint = try #require(ScenarioCache.fingerprint(of: folder.url, program: "test 1"))
      expected[fingerprint] = try ScenarioLinter.load(directory: folder.url)
    }
    #expect(Set(expected.values.map(\.school.name)) == ["Test School", "Another School"])

    // When a second process swaps the two versions in by rename, 1,000 times, while the folder is
    // linted and cached again and again
    let finished = DispatchSemaphore(value: 0)
    let spareNext = spare.appendingPathComponent("next").path
    let sources = versions.map(\.path)
    Thread.detachNewThread {
      for swap in 0..<1_000 {
        unlink(spareNext)
        link(sources[(swap + 1) % 2], spareNext)
        rename(spareNext, school)
        usleep(200)
      }
      finished.signal()
    }
    var stored = 0
    var mismatches: [String] = []
    while finished.wait(timeout: .now()) == .timedOut {
      guard
        let (value, fingerprint) = try? cache.lint(
          directory: folder.url,
          { try ScenarioLinter.load(directory: $0, displayPath: folder.url.path) }),
        let fingerprint
      else { continue }
      cache.store(value, fingerprint: fingerprint, key: key)
      stored += 1
      // Then the cache holds, under the fingerprint of one version, exactly what it lints to
      let line = try String(contentsOf: cache.file, encoding: .utf8).prefix { $0 != "\n" }
      if String(line) != fingerprint || expected[fingerprint] != value {
        mismatches.append("\(value.school.name) under \(fingerprint.prefix(8))")
      }
    }
    #expect(stored > 0)
    #expect(mismatches == [])
  }
}
