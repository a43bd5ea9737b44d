import InductionCore

/// Asks questions on behalf of a flow: handles `help` and `guidance` at every prompt, turns Ctrl-C into
/// "Start over?", and Ctrl-D, signals and idle timeouts into ``FlowExit``.
struct Prompter {
  let reader: LineReader
  let console: Console
  let guidance: Guidance

  /// Reads one line, answering `help` and `guidance` itself. Returns the line with outer spaces trimmed.
  func ask(_ prompt: String, kind: PromptKind = .answer(completions: []), help: TerminalText) throws
    -> String
  {
    while true {
      switch reader.readLine(prompt: prompt, kind: Self.withCommands(kind)) {
      case .line(let raw):
        let line = raw.trimmingCharacters(in: .whitespaces)
        switch line.lowercased() {
        case "help", "?":
          console.line()
          console.paragraph(help)
          console.paragraph(
            "Type \"guidance\" to read the guidance again. Press Ctrl-C to start again from the beginning."
          )
          console.line()
        case "guidance":
          GuidanceScreen(console: console, guidance: guidance).showAll()
        default:
          if line.unicodeScalars.count > maximumLineLength {
            console.line("That is too long. Please keep it under \(maximumLineLength) characters.")
            continue
          }
          return line
        }
      case .interrupt:
        try confirmStartOver()
      case .endOfInput: throw FlowExit.cancelled
      case .terminate: throw FlowExit.terminated
      case .idleTimeout: throw FlowExit.timedOut
      }
    }
  }

  /// Asks yes or no; anything else asks again.
  func askYesNo(_ prompt: String, help: TerminalText) throws -> Bool {
    while true {
      let answer = try ask(prompt, kind: .answer(completions: ["yes", "no"]), help: help)
      if let value = Self.yesNo(answer) { return value }
      console.line("Please type yes or no.")
    }
  }

  private func confirmStartOver() throws {
    console.line()
    while true {
      switch reader.readLine(
        prompt: "Start over from the beginning? Nothing will be saved. (yes/no): ",
        kind: .answer(completions: ["yes", "no"]))
      {
      case .line(let answer):
        switch Self.yesNo(answer) {
        case true?: throw FlowExit.startOver
        case false?:
          console.line("Carrying on.")
          return
        case nil: console.line("Please type yes or no.")
        }
      case .interrupt:
        console.line("Carrying on.")
        return
      case .endOfInput: throw FlowExit.cancelled
      case .terminate: throw FlowExit.terminated
      case .idleTimeout: throw FlowExit.timedOut
      }
    }
  }

  static func yesNo(_ text: String) -> Bool? {
    switch text.trimmingCharacters(in: .whitespaces).lowercased() {
    case "y", "yes": true
    case "n", "no": false
    default: nil
    }
  }

  private static func withCommands(_ kind: PromptKind) -> PromptKind {
    switch kind {
    case .answer(let words): .answer(completions: words + ["help", "guidance"])
    case .personal: .personal
    }
  }
}
