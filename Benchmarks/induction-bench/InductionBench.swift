import ArgumentParser

/// `induction-bench`: measures Induction side by side with what a school would otherwise reach for.
struct InductionBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "induction-bench",
    abstract:
      "Benchmark Induction against sqlite3 and against the cost of the cryptography itself.",
    discussion: """
      Builds a synthetic database through the real store and ledger API, then measures the \
      acknowledgements export, start-up, durable appends and verify, and prints a markdown table. \
      Build the release binaries first: swift build -c release && swift run -c release induction-bench
      """,
    subcommands: [
      RunCommand.self, WebCommand.self, WriterCommand.self,
    ],
    defaultSubcommand: RunCommand.self)
}
