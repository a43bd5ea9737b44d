import Foundation
import InductionCore
import TestSupport
import Testing

@Suite("The libpq password file")
struct PasswordFileTests {
  /// Writes `contents` to a new password file with `mode` and returns its path.
  static func write(_ contents: String, mode: Int = 0o600, name: String = "pgpass") throws
    -> String
  {
    let path = Fixtures.temporaryDirectory("pgpass").appendingPathComponent(name).path
    try contents.write(toFile: path, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    return path
  }

  static let school = PostgresLocation(
    host: "db.school.lan", port: 5432, user: "induction", database: "induction",
    sslMode: .verifyFull)

  func password(_ contents: String, for location: PostgresLocation = school) throws -> String? {
    try PasswordFile.password(for: location, path: Self.write(contents))
  }

  @Test func anExactLineGivesThePassword() throws {
    #expect(try password("db.school.lan:5432:induction:induction:s3cret\n") == "s3cret")
    #expect(try password("db.school.lan:5432:induction:induction:s3cret") == "s3cret")
    #expect(try password("db.school.lan:5432:induction:induction:s3cret\r\n") == "s3cret")
    #expect(try password("db.school.lan:5432:induction:induction:\n") == "")
  }

  @Test func eachFieldMustMatch() throws {
    #expect(try password("other.lan:5432:induction:induction:no\n") == nil)
    #expect(try password("db.school.lan:5433:induction:induction:no\n") == nil)
    #expect(try password("db.school.lan:5432:other:induction:no\n") == nil)
    #expect(try password("db.school.lan:5432:induction:other:no\n") == nil)
    // Matching is exact: no prefixes, no case folding
    #expect(try password("db.school:5432:induction:induction:no\n") == nil)
    #expect(try password("DB.SCHOOL.LAN:5432:induction:induction:no\n") == nil)
    #expect(try password("db.school.lan:5432:induction:induction\n") == nil)
  }

  @Test func anAsteriskAloneMatchesAnything() throws {
    #expect(try password("*:*:*:*:any\n") == "any")
    #expect(try password("*:5432:induction:induction:any-host\n") == "any-host")
    #expect(try password("db.school.lan:*:induction:induction:any-port\n") == "any-port")
    #expect(try password("db.school.lan:5432:*:induction:any-database\n") == "any-database")
    #expect(try password("db.school.lan:5432:induction:*:any-user\n") == "any-user")
    // Only a whole field: db.*, or an escaped \*, is literal
    #expect(try password("db.*:5432:induction:induction:no\n") == nil)
    #expect(try password("\\*:5432:induction:induction:no\n") == nil)
    let star = PostgresLocation(host: "db.school.lan", user: "*", database: "induction")
    #expect(try password("db.school.lan:5432:induction:\\*:star\n", for: star) == "star")
  }

  @Test func escapedColonsAndBackslashes() throws {
    #expect(try password("db.school.lan:5432:induction:induction:a\\:b\\\\c\n") == "a:b\\c")
    // An unescaped colon ends the password, as in libpq
    #expect(try password("db.school.lan:5432:induction:induction:a:b\n") == "a")
    let odd = PostgresLocation(host: "db.school.lan", user: "ad\\min:1", database: "a:b")
    #expect(try password("db.school.lan:5432:a\\:b:ad\\\\min\\:1:odd\n", for: odd) == "odd")
    let ipv6 = PostgresLocation(host: "::1", port: 6543, user: "induction", database: "induction")
    #expect(try password("\\:\\:1:6543:induction:induction:local\n", for: ipv6) == "local")
  }

  @Test func commentsAndBlankLinesAreSkipped() throws {
    let contents = """
      # db.school.lan:5432:induction:induction:commented

      #*:*:*:*:commented too
      db.school.lan:5432:induction:induction:real
      """
    #expect(try password(contents) == "real")
  }

  @Test func theFirstMatchingLineWins() throws {
    let contents = """
      other.lan:5432:induction:induction:other
      db.school.lan:5432:induction:induction:first
      *:*:*:*:fallback
      db.school.lan:5432:induction:induction:second
      """
    #expect(try password(contents) == "first")
    #expect(
      try password("*:*:*:*:fallback\ndb.school.lan:5432:induction:induction:exact\n")
        == "fallback")
  }

  @Test func passwordsMayBeAnyText() throws {
    #expect(try password("*:*:*:*:żółw #1 @ school/pass?\n") == "żółw #1 @ school/pass?")
  }

  @Test func aMissingFileIsNoPassword() throws {
    let folder = Fixtures.temporaryDirectory("pgpass").path
    #expect(try PasswordFile.password(for: Self.school, path: folder + "/missing") == nil)
    #expect(try PasswordFile.password(for: Self.school, path: folder + "/missing/pgpass") == nil)
  }

  @Test func aFileOthersMayReadOrChangeIsRefused() throws {
    for mode in [0o640, 0o604, 0o620, 0o602, 0o610, 0o601, 0o644, 0o666] {
      let path = try Self.write("*:*:*:*:s3cret\n", mode: mode)
      #expect(throws: DatabaseURLError.passwordFileOpenToOthers(path: path), "\(mode)") {
        try PasswordFile.password(for: Self.school, path: path)
      }
    }
    // Stricter than 0600 is fine
    #expect(
      try PasswordFile.password(for: Self.school, path: Self.write("*:*:*:*:a\n", mode: 0o400))
        == "a")
  }

  @Test func theRefusalNamesTheFileAndTheFix() {
    #expect(
      DatabaseURLError.passwordFileOpenToOthers(path: "/home/office/.pgpass").errorDescription
        == "the password file /home/office/.pgpass may be read by other users of this PC, so induction will not use it; run chmod 600 /home/office/.pgpass so that only its owner can read it"
    )
    #expect(
      DatabaseURLError.passwordFileOpenToOthers(path: "/home/office/my passwords").errorDescription
        == "the password file /home/office/my passwords may be read by other users of this PC, so induction will not use it; run chmod 600 '/home/office/my passwords' so that only its owner can read it"
    )
  }

  @Test func aFolderIsNotAPasswordFile() throws {
    let folder = Fixtures.temporaryDirectory("pgpass").path
    #expect(throws: DatabaseURLError.passwordFileUnreadable(path: folder)) {
      try PasswordFile.password(for: Self.school, path: folder)
    }
    #expect(
      DatabaseURLError.passwordFileUnreadable(path: "/srv/pgpass").errorDescription
        == "cannot read the password file /srv/pgpass; check it is a file this user may read, or point PGPASSFILE at another"
    )
  }

  @Test func pgpassfileComesBeforeTheHomeFolder() {
    #expect(
      PasswordFile.path(
        environment: ["PGPASSFILE": "/srv/induction/pgpass"], homeDirectory: "/home/office")
        == "/srv/induction/pgpass")
    #expect(
      PasswordFile.path(environment: ["PGPASSFILE": ""], homeDirectory: "/home/office")
        == "/home/office/.pgpass")
    #expect(
      PasswordFile.path(environment: [:], homeDirectory: "/home/office") == "/home/office/.pgpass")
  }

  @Test func parseUsesPgpassfileOverTheHomeFolder() throws {
    let home = Fixtures.temporaryDirectory("home").path
    try "*:*:*:*:from-home\n".write(toFile: home + "/.pgpass", atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o600], ofItemAtPath: home + "/.pgpass")
    let file = try Self.write("*:*:*:*:from-pgpassfile\n")
    let url = "postgres://induction@db.school.lan/induction"
    #expect(
      try DatabaseURL.parse(url, environment: ["PGPASSFILE": file], homeDirectory: home).password
        == "from-pgpassfile")
    #expect(
      try DatabaseURL.parse(url, environment: [:], homeDirectory: home).password == "from-home")
    // A PGPASSFILE that is missing is no password: the home folder's file is not asked instead
    #expect(
      try DatabaseURL.parse(
        url, environment: ["PGPASSFILE": home + "/missing"], homeDirectory: home
      )
      .password == nil)
  }
}
