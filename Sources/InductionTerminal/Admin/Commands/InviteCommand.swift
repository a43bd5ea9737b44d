import ArgumentParser
import Foundation
import InductionCore

/// `induction invite --url ADDRESS`: a personal link for every family still outstanding, for the
/// school's mail merge; `invite --withdraw` stops unused links working.
public struct InviteCommand: AdminCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "invite",
    abstract:
      "Issue personal links for families still outstanding, to complete the induction at home.",
    discussion: """
      Writes the outstanding list with two more columns, Link and Link expires: one new link per \
      family (the children of one email address, or of one parent without one, share it). A link \
      works once, until it expires (30 days unless --days says otherwise), names no one, and replaces \
      that family's older unused link. The database keeps only a hash of each link, so this file is \
      the only copy: it is readable only by you, and sending each family its own row is the school's \
      mail merge. Parents open the link on `induction serve` at ADDRESS. --family asks for one \
      family's email address or a parent's or child's name (typed, so it stays out of shell history). \
      --withdraw stops every unused link (of --class, when given) working. Without --out the file is \
      Exports/invitations-<date>.csv (or .xlsx).
      """)

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  @Option(
    name: .customLong("url"),
    help: ArgumentHelp(
      "The address parents reach `induction serve` at, e.g. https://induction.example-school.org.uk",
      valueName: "address"))
  var address: String?

  @Option(name: .customLong("class"), help: "Only this class.")
  var className: String?

  @Flag(help: "Only one family: asks for its email address, or a parent's or child's name.")
  var family = false

  @Option(help: "How many days the links work for (default 30).")
  var days = 30

  @Flag(help: "Stop every unused link (of --class, when given) working, and issue none.")
  var withdraw = false

  /// `--out` and `--force`.
  @OptionGroup public var output: ReportOutputOptions

  @Option(help: "csv (the default) or xlsx; --out FILE.xlsx means xlsx.")
  var format: ExportFormat?

  /// ArgumentParser's initialiser.
  public init() {}

  /// The settings for new links, or why `address` or `days` cannot make them.
  static func issue(address: String, days: Int, only: String? = nil, at now: Date) throws
    -> InvitationIssue
  {
    guard let base = InvitationBase(address) else {
      throw AdminFailure(
        "the link address must start https:// (or http:// for this computer only) and have no "
          + "? or #; give the address parents reach `induction serve` at, "
          + "e.g. https://induction.example-school.org.uk")
    }
    guard (1...365).contains(days) else {
      throw AdminFailure("links can work for 1 to 365 days; give a number in that range")
    }
    return InvitationIssue(base: base, days: days, only: only, at: now)
  }

  /// Issues the links (or withdraws them).
  public func run(in session: AdminSession) throws {
    if withdraw {
      guard address == nil, !family else {
        throw AdminFailure("--withdraw issues no links; leave out --url and --family")
      }
      let count = try session.database.withdrawInvitations(
        classKey: className.map(NameNormalisation.matchKey), at: session.clock.now())
      session.output.line(
        "withdrew \(trusted: AdminSession.count(count, "unused link")); they no longer work")
      return
    }
    guard let address else {
      throw AdminFailure(
        "say where parents will open the links with --url, "
          + "e.g. --url https://induction.example-school.org.uk")
    }
    var only: String?
    if family {
      guard let reader = session.reader else {
        throw AdminFailure("--family asks who the family is; run it at a terminal")
      }
      let prompt = "The family's email address, or a parent's or child's name: "
      guard case .line(let typed) = reader.readLine(prompt: prompt, kind: .personal),
        !typed.trimmingCharacters(in: .whitespaces).isEmpty
      else {
        session.output.line("No link issued.")
        return
      }
      only = typed
    }
    let links = try Self.issue(address: address, days: days, only: only, at: session.clock.now())
    let written = try ExportCommand.write(
      .outstanding, filter: ExportFilter(className: className), format: format, output: output,
      name: "invitations", links: links, in: session)
    let until = Timestamp.local(
      session.clock.now().addingTimeInterval(TimeInterval(days) * 86_400),
      in: session.export.timeZone
    ).prefix(16)
    let message: TerminalText = """
      wrote \(trusted: AdminSession.count(written.rows, "row")) with personal links to \
      \(written.destination.displayPath); each works once, until \(trusted: String(until))
      """
    (written.destination == .standardOutput ? session.errors : session.output).line(message)
  }
}
