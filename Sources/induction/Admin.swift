import ArgumentParser
import Foundation
import InductionCore
import InductionTerminal

extension Induction {
  /// `induction admin`: a REPL over every admin command, with history and tab completion.
  struct Admin: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The admin prompt: every admin command, with tab completion and help.")

    @OptionGroup var options: GlobalOptions

    /// The commands the admin prompt runs; parent and kiosk commands are not among them.
    static let commands: [String: ParsableCommand.Type] = [
      "export": Export.self, "roster": Roster.self, "stats": Stats.self, "verify": Verify.self,
      "revoke": Revoke.self, "scenarios": Scenarios.self, "checkpoint": Checkpoint.self,
      "erase": Erase.self,
      "purge": Purge.self, "access": Access.self,
    ]

    /// Lines for these commands may hold names, so they never enter history.
    static func mayEnterHistory(_ line: String) -> Bool {
      let words = (try? CommandLineSplitter.split(line)) ?? []
      return !(words.first == "roster" && words.dropFirst().first == "link")
        && words.first != "access"
    }

    func run() throws {
      try Failure.report {
        TerminalLocale.adopt()
        let admin = try AdminContext.open(options)
        let console = CompositionRoot.makeConsole()
        let reader: LineReader
        if CompositionRoot.interactive {
          let readline = ReadlineLineReader(programName: "induction-admin", keepsHistory: true)
          readline.historyFilter = Self.mayEnterHistory
          reader = readline
        } else {
          reader = PlainLineReader(output: console.output)
        }
        let classes = (try? admin.database.classNames()) ?? []
        let words =
          Self.commands.keys.sorted() + ["help", "quit", "import", "unmatched", "link", "lint"]
          + ExportKind.allCases.map(\.rawValue)
          + [
            "--out", "--format", "csv", "xlsx", "--since", "--until", "--class", "--force",
            "--reason", "--skip-invalid",
            "--against",
            "--dry-run", "--parent", "--reference", "--yes",
          ]
          + classes
        console.line("Induction admin. Type help for the commands, quit to leave.")
        while true {
          switch reader.readLine(prompt: "admin> ", kind: .answer(completions: words)) {
          case .line(let line):
            if !execute(line, console: console) { return }
          case .interrupt: continue
          case .endOfInput, .terminate, .idleTimeout: return
          }
        }
      }
    }

    /// Runs one line; false when the admin asked to leave.
    func execute(_ line: String, console: Console) -> Bool {
      let words: [String]
      do {
        words = try CommandLineSplitter.split(line)
      } catch {
        console.line("That line has an unclosed quote.")
        return true
      }
      guard let first = words.first else { return true }
      switch first {
      case "quit", "exit": return false
      case "help", "?":
        if words.count > 1, let command = Self.commands[words[1]] {
          console.write(TerminalText(trusted: Induction.helpMessage(for: command) + "\n"))
        } else {
          console.line("Commands:")
          for name in Self.commands.keys.sorted() {
            console.line(
              "  \(name.padding(toLength: 12, withPad: " ", startingAt: 0))\(Self.commands[name]!.configuration.abstract)"
            )
          }
          console.line("Type help COMMAND for its options; quit to leave.")
        }
        return true
      default:
        guard Self.commands[first] != nil else {
          console.line("Unknown command \"\(first)\". Type help for the list.")
          return true
        }
      }
      var arguments = words
      if let dataDirectory = options.dataDirectory { arguments += ["--data-dir", dataDirectory] }
      if let scenarios = options.scenarios { arguments += ["--scenarios", scenarios] }
      do {
        var command = try Induction.parseAsRoot(arguments)
        try command.run()
      } catch let exit as ExitCode where exit == .failure || exit == .success {
        // Already reported on standard error.
      } catch {
        let message = Induction.fullMessage(for: error)
        if !message.isEmpty {
          console.write(
            TerminalText(trusted: Sanitiser.sanitise(message, allowNewlines: true) + "\n"))
        }
      }
      return true
    }
  }
}

/// Splits an admin line into words like a shell: spaces separate, quotes group, backslash escapes.
enum CommandLineSplitter {
  struct UnclosedQuote: Error {}

  static func split(_ line: String) throws -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" && quote != "'" {
        escaped = true
        inWord = true
      } else if let open = quote {
        if character == open { quote = nil } else { current.append(character) }
      } else if character == "\"" || character == "'" {
        quote = character
        inWord = true
      } else if character.isWhitespace {
        if inWord { words.append(current) }
        current = ""
        inWord = false
      } else {
        current.append(character)
        inWord = true
      }
    }
    if quote != nil || escaped { throw UnclosedQuote() }
    if inWord { words.append(current) }
    return words
  }
}
