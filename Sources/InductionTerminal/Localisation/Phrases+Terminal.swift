import InductionCore

extension Phrases {
  /// The text for `key`, with `values` filled in, made safe for the terminal.
  public func text(_ key: PhraseKey, _ values: [String: String] = [:]) -> TerminalText {
    TerminalText(untrusted: string(key, values))
  }

  /// The text for a plural `key`, in the form `count` takes, made safe for the terminal.
  public func text(_ key: PhraseKey, count: Int, _ values: [String: String] = [:]) -> TerminalText {
    TerminalText(untrusted: string(key, count: count, values))
  }

  /// A prompt: program text only (from the word list, sanitised), with numbers filled in.
  public func prompt(_ key: PhraseKey, _ values: [String: String] = [:]) -> String {
    Sanitiser.sanitise(string(key, values))
  }
}
