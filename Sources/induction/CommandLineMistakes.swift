import ArgumentParser
import Foundation
import InductionTerminal

/// What `induction` says when the command line names no command it knows. Left to ArgumentParser,
/// `induction exprot` and `induction --bogus` are read as arguments of `start` (the command run
/// when none is named), and answered with start's usage as if it were the program's.
extension Induction {
  /// The names a command line may start with.
  static var commandNames: [String] {
    configuration.subcommands.map { $0._commandName } + ["help"]
  }

  /// The sentence for a first word that is no command (with the nearest command when it looks
  /// mistyped); nil when the first word is a command or an option.
  static func unknownCommand(in arguments: [String]) -> String? {
    guard let word = arguments.first, !word.hasPrefix("-"), !commandNames.contains(word) else {
      return nil
    }
    let guess = NearestName.nearest(to: word, among: commandNames).map { " (did you mean \($0)?)" }
    return "unknown command \"\(word)\"\(guess ?? ""); `induction --help` lists the commands"
  }

  /// Whether the command line names no command, so that `start` runs.
  static func namesNoCommand(_ arguments: [String]) -> Bool {
    arguments.first.map { $0.hasPrefix("-") } ?? true
  }

  /// The sentence for `error`, an option or value that `start` refused when no command was named.
  static func noCommandMessage(for error: Error) -> String {
    let message = Self.message(for: error)
    return message.prefix(1).lowercased() + message.dropFirst()
      + "; with no command induction runs start: `induction start --help` lists its options, `induction --help` the commands"
  }
}
