import ArgumentParser
import Foundation
import InductionCore

/// `induction stats`: totals, completion per class, and the rules parents misread.
public struct StatsCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Show totals, completion per class, and which scenarios parents get wrong most.")

  /// Counts only, no one's details: a PC not yet enrolled may see them.
  public static let needsEnrolledKey = false

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  /// ArgumentParser's initialiser.
  public init() {}

  /// Draws the report.
  public func run(in session: AdminSession) throws {
    var context = session.export
    context.currentTranslations = SchoolContentLoader.currentTranslations(
      session.contentReport, database: session.database, at: session.clock.now())
    let stats = try session.database.statistics(context: context)
    let titles = Dictionary(
      uniqueKeysWithValues: (session.catalog?.scenarios ?? []).map { ($0.id, $0.title) })
    // The report sanitises every value itself, and adds colour only when asked.
    session.output.write(
      TerminalText(
        trusted: StatsReport.render(
          stats, titles: titles, colour: session.output.useColour,
          languageNames: SchoolContentLoader.englishNames(session.contentReport))))
  }
}
