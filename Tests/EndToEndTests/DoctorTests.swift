import Foundation
import TestSupport
import Testing

@Suite("Doctor")
struct DoctorTests {
  /// `induction doctor` in the sandbox, in the school's time zone.
  static func doctor(_ sandbox: Sandbox) throws -> (status: Int32, output: String, error: String) {
    var environment = sandbox.environment
    environment["TZ"] = "Europe/London"
    return try PipedProgram.run(sandbox.executable.path, ["doctor"], environment: environment)
  }

  @Test func aNewPCIsToldWhatToRunAndASetUpOneIsOK() throws {
    // Given a PC where nothing has run yet
    let sandbox = try Sandbox()
    let data = sandbox.dataDirectory.path
    let shared = sandbox.databaseURL != nil
    // When the doctor looks
    let before = try Self.doctor(sandbox)
    // Then it exits 1, saying what to run, and makes nothing
    #expect(before.status == 1)
    #expect(
      before.output.contains(
        "problem: data folder \(data) does not exist; to fix: induction staff set-pin (it makes the folder, the database and this PC's key)\n"
      ))
    #expect(
      before.output.contains(
        "problem: no signing key at \(data)/signing-key; to fix: induction staff set-pin (it makes this PC's key)\n"
      ))
    #expect(before.error.hasSuffix("found; fix them and run induction doctor again\n"))
    #expect(!FileManager.default.fileExists(atPath: data))
    // When the staff PIN is set (which makes the folder, database and key)
    try sandbox.setFaultSuitePin()
    let after = try Self.doctor(sandbox)
    // Then every check is ok
    #expect(after.status == 0, "\(after.output)\(after.error)")
    let lines = after.output.split(separator: "\n").map(String.init)
    #expect(lines.allSatisfy { $0.hasPrefix("ok: ") }, "\(after.output)")
    #expect(lines.count == 8)
    #expect(lines.contains("ok: the database holds nothing induction did not create"))
    #expect(lines.contains("ok: staff PIN is set"))
    if !shared {
      #expect(lines.contains("ok: database SQLite \(data)/induction.sqlite opens (1 ledger entry)"))
    }
    #expect(after.error.isEmpty)
  }

  @Test func aDataFolderOpenToOthersAndAMissingKeyAreProblems() throws {
    // Given a set-up PC whose data folder was made 0755 and whose key was lost
    let sandbox = try Sandbox()
    try sandbox.setFaultSuitePin()
    let data = sandbox.dataDirectory.path
    chmod(data, 0o755)
    try FileManager.default.removeItem(atPath: "\(data)/signing-key")
    // When the doctor looks
    let result = try Self.doctor(sandbox)
    // Then both are named with their fix, and it exits 1
    #expect(result.status == 1)
    #expect(
      result.output.contains(
        "problem: data folder \(data) is mode 0755, open to other users; to fix: chmod 700 \(data)\n"
      ))
    #expect(
      result.output.contains(
        "problem: no signing key at \(data)/signing-key; to fix: restore signing-key from the backup of the data folder (the ledger already has entries)\n"
      ))
    #expect(
      result.error == "induction: 2 problems found; fix them and run induction doctor again\n")
  }
}
