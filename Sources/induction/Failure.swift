import ArgumentParser
import Foundation
import InductionCore
import InductionTerminal

/// Turns any error into one plain sentence on standard error and a non-zero exit: no stack traces.
enum Failure {
  static func report(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let exit as ExitCode {
      throw exit
    } catch let error as ValidationError {
      printError(error.message)
      throw ExitCode.validationFailure
    } catch let error as ScenarioLoadError {
      for line in error.lines { printError(line) }
      throw ExitCode.failure
    } catch {
      printError(AdminCommands.message(for: error))
      throw ExitCode.failure
    }
  }

  /// `induction: message` on standard error, sanitised: messages quote paths, references and
  /// file contents.
  static func printError(_ message: String) {
    FileHandle.standardError.write(Data(("induction: " + Sanitiser.sanitise(message) + "\n").utf8))
  }

  /// Exits as ArgumentParser would for `error`, but with any message on standard error made safe
  /// first: ArgumentParser quotes arguments as typed (`Unknown option '--…'`), and an argument may
  /// hold escape sequences or text-direction marks. Help and the version, the program's own text,
  /// go to standard output as they are.
  static func exit(for error: Error) -> Never {
    let code = Induction.exitCode(for: error)
    guard code != .success else { Induction.exit(withError: error) }
    let message = Induction.fullMessage(for: error)
    if !message.isEmpty {
      FileHandle.standardError.write(
        Data((Sanitiser.sanitise(message, allowNewlines: true) + "\n").utf8))
    }
    Induction.exit(withError: code)
  }
}
