import ArgumentParser
import Foundation
import InductionCore

/// The admin prompt: reads lines, splits them like a shell, parses them with the same commands as
/// the shell (``AdminCommands``), runs them in one ``AdminSession``, and says what went wrong in one
/// sentence. Tab completion offers command words and class names, never a person's name; only a
/// line known to hold no name enters history (``mayEnterHistory(_:)``).
public struct AdminPrompt {
  /// The open store, where output goes, the clock.
  public var session: AdminSession
  /// Where lines come from.
  public var reader: LineReader

  /// A prompt over `session`, reading from `reader` (whose history, if it keeps one, gets the rule).
  public init(session: AdminSession, reader: LineReader) {
    self.session = session
    self.reader = reader
    (reader as? HistoryKeeping)?.historyFilter = Self.mayEnterHistory
  }

  /// Whether `line` may enter history: only a line known to hold no name. It splits, names a
  /// command of this prompt (a typo may be followed by anything), and is not one whose words may
  /// be a person's: `access`, `erase`, `revoke` (its reason, or a name typed for a reference) and
  /// `roster` but for `import` and `unmatched` (a child in `link` and `unlink`).
  public static func mayEnterHistory(_ line: String) -> Bool {
    guard let words = try? CommandLineSplitter.split(line), let first = words.first else {
      return false
    }
    let second = words.dropFirst().first
    switch first {
    case "quit", "exit": return words.count == 1
    case "help", "?": return second.map { AdminCommands.all[$0] != nil } ?? true
    case "access", "erase", "revoke": return false
    case "roster": return second == "import" || second == "unmatched"
    default: return AdminCommands.all[first] != nil
    }
  }

  /// What tab completion offers: command names and words, and the class names (one word each,
  /// quoted when they hold a space).
  public func completions() -> [String] {
    let classes = ((try? session.database.classNames()) ?? []).map {
      $0.contains(" ") ? "\"\($0)\"" : $0
    }
    return AdminCommands.all.keys.sorted() + AdminCommands.words + classes
  }

  /// Reads and runs lines until `quit`, Ctrl-D or a signal.
  public func run() {
    session.output.line("Induction admin. Type help for the commands, quit to leave.")
    let words = completions()
    while true {
      switch reader.readLine(prompt: "admin> ", kind: .answer(completions: words)) {
      case .line(let line):
        if !execute(line) { return }
      case .interrupt: continue
      case .endOfInput, .terminate, .idleTimeout: return
      }
    }
  }

  /// Runs one line; false when the admin asked to leave.
  public func execute(_ line: String) -> Bool {
    let words: [String]
    do {
      words = try CommandLineSplitter.split(line)
    } catch {
      session.output.line("That line has an unclosed quote.")
      return true
    }
    guard let first = words.first else { return true }
    switch first {
    case "quit", "exit": return false
    case "help", "?":
      help(words.dropFirst().first)
      return true
    default:
      guard AdminCommands.all[first] != nil else {
        if AdminCommands.shellOnly.contains(first) {
          session.output.line(
            "\(first) runs from the shell, not this prompt: type quit, then induction \(first).")
        } else {
          session.output.line("Unknown command \"\(first)\". Type help for the list.")
        }
        return true
      }
    }
    let command: ParsableCommand
    do {
      command = try AdminPromptRoot.parseAsRoot(words)
    } catch {
      // `--help` comes back as an error too: show the command's help.
      if AdminPromptRoot.exitCode(for: error) == .success {
        help(first)
      } else {
        session.errors.line("\(AdminPromptRoot.message(for: error))")
        session.errors.line("Type help \(first) for its options.")
      }
      return true
    }
    do {
      switch command {
      case let command as AdminCommand: try command.runChecked(in: session)
      case let command as LintCommand:
        try command.lint(output: session.output, errors: session.errors)
      default: help(first)
      }
    } catch {
      session.errors.line("\(AdminCommands.message(for: error))")
    }
    return true
  }

  private func help(_ name: String?) {
    if let name, let command = AdminCommands.all[name] {
      session.output.write(
        TerminalText(untrustedLines: command.helpMessage() + "\n"))
      return
    }
    session.output.line("Commands:")
    for name in AdminCommands.all.keys.sorted() {
      let abstract = AdminCommands.all[name]!.configuration.abstract
      // Wrapped to the terminal, continuation lines under the abstract.
      let lines = Console.wrap(abstract, width: session.output.width - 14)
        .split(separator: "\n").map(String.init)
      for (index, line) in lines.enumerated() {
        let lead = index == 0 ? "  " + name.padding(toLength: 12, withPad: " ", startingAt: 0) : ""
        session.output.line("\(lead.padding(toLength: 14, withPad: " ", startingAt: 0))\(line)")
      }
    }
    session.output.line(
      "From the shell only: \(trusted: AdminCommands.shellOnly.sorted().joined(separator: ", ")).")
    session.output.line("Type help COMMAND for its options; quit to leave.")
  }
}

/// A line reader that keeps history, whose rule for which lines enter it can be set.
public protocol HistoryKeeping: AnyObject {
  /// Decides which lines may enter history.
  var historyFilter: (String) -> Bool { get set }
}

extension ReadlineLineReader: HistoryKeeping {}
