import Foundation
@_spi(RawStore) import InductionCore

extension AppDatabase {
  /// Adds what an attacker who can change the schema would: a hidden table `names_seen` and a
  /// trigger `copy_names` on `personal_details` that copies each parent's name into it (through
  /// the function `keep_names` on PostgreSQL).
  public func addNameCopyingTrigger(engine: TestEngine) throws {
    let statements =
      switch engine {
      case .sqlite:
        [
          "CREATE TABLE names_seen (name TEXT)",
          """
          CREATE TRIGGER copy_names AFTER INSERT ON personal_details
          BEGIN INSERT INTO names_seen VALUES (NEW.parent_name); END
          """,
        ]
      case .postgres:
        [
          "CREATE TABLE names_seen (name TEXT)",
          """
          CREATE FUNCTION keep_names() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN INSERT INTO names_seen VALUES (NEW.parent_name); RETURN NEW; END $$
          """,
          """
          CREATE TRIGGER copy_names AFTER INSERT ON personal_details
          FOR EACH ROW EXECUTE FUNCTION keep_names()
          """,
        ]
      }
    try self.engine.write(isSigning: false) { db in
      for sql in statements { try db.execute(sql: sql, arguments: []) }
    }
  }
}
