import ArgumentParser
import Foundation

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
    } catch let error as LocalizedError {
      printError(error.errorDescription ?? "something went wrong")
      throw ExitCode.failure
    } catch {
      printError("something went wrong (\(type(of: error))); please try again or ask staff")
      throw ExitCode.failure
    }
  }

  /// `induction: message` on standard error, sanitised: messages quote paths, references and
  /// file contents.
  static func printError(_ message: String) {
    Output.note("induction: " + message)
  }
}
