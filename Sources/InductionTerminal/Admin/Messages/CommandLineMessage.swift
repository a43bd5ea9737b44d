/// An error of InductionCore as the command line says it: one plain sentence naming the file or
/// record and what to do, in the options a person types here (`--out`, `--force`…). Core knows the
/// error as a value; only the front end that has options names them.
public protocol CommandLineMessage: Error {
  /// The sentence shown.
  var commandLineMessage: String { get }
}
