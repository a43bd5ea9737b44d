import ArgumentParser
import Foundation
import InductionCore

/// What admin commands need: the store, the key, and the school's current guidance and time zone.
struct AdminContext {
  let database: AppDatabase
  let key: SigningKey
  let export: ExportContext
  let guidance: Guidance?
  let school: SchoolSettings?

  /// Opens the store; reads the guidance and school settings leniently (an admin can export even
  /// while a scenario file is being edited).
  static func open(_ options: GlobalOptions) throws -> AdminContext {
    let (database, key, _) = try CompositionRoot.openStore(options)
    let folder = URL(fileURLWithPath: options.scenariosPath)
    let report = ScenarioLinter.lint(directory: folder, displayPath: options.scenariosPath)
    var guidance: Guidance?
    var text = ""
    if case .success(let read) = TextFileReader.read(folder.appendingPathComponent("guidance.md")) {
      text = read
      guidance = Guidance(text: text)
      try database.registerGuidanceVersion(guidance!, text: text, at: Date())
    }
    let latest = try database.guidanceVersions().last?.sha256 ?? ""
    let zone = report.catalog?.school.timeZone ?? TimeZone(identifier: "Europe/London")!
    return AdminContext(
      database: database, key: key,
      export: ExportContext(currentGuidance: guidance?.sha256 ?? latest, timeZone: zone),
      guidance: guidance,
      school: report.catalog?.school)
  }
}

/// Parses `YYYY-MM-DD` as the start of that day in the school's time zone.
enum DayParser {
  static func startOfDay(_ text: String, option: String, zone: TimeZone) throws -> Date {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    guard parts.count == 3,
      let date = calendar.date(
        from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
      calendar.component(.day, from: date) == parts[2]
    else {
      throw ValidationError("\(option) must be a date like 2026-09-01")
    }
    return date
  }

  /// The start of the day after `text`, in the school's calendar (23 or 25 hours on clock-change days).
  static func endOfDay(_ text: String, option: String, zone: TimeZone) throws -> Date {
    let start = try startOfDay(text, option: option, zone: zone)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400)
  }
}
