import Foundation
import InductionCore

/// What a parent's browser shows now: the screens of the page, what was said under them by the
/// last step (an answer that cannot be used, help), and the question asked. Built from the
/// induction's output and kept with the session, so the same page can be drawn again on reload.
struct PageView: Sendable, Equatable, Codable {
  var screens: [InductionScreen] = []
  var notices: [InductionNotice] = []
  var prompt: InductionPrompt?
  var ending: Ending?

  /// How the induction ended, when it has.
  enum Ending: Sendable, Equatable, Codable {
    case signed, cancelled, closed, timedOut, staffRequested
  }

  /// Takes in one step's output.
  mutating func apply(_ outputs: [InductionOutput]) {
    notices = []
    for output in outputs {
      switch output {
      case .show(let screen):
        // "Let's look again" introduces the question after it, on the same page.
        let introduced: Bool
        if case .question = screen, case .retriesIntro? = screens.last {
          introduced = true
        } else {
          introduced = false
        }
        if screen.startsPage && !introduced {
          screens = [screen]
          notices = []
        } else {
          screens.append(screen)
        }
      case .notice(let notice): notices.append(notice)
      case .ask(let prompt): self.prompt = prompt
      case .forgetTyping:
        screens = []
        notices = []
      case .end(let end):
        prompt = nil
        switch end {
        case .signed: ending = .signed
        case .cancelled: ending = .cancelled
        case .terminated: ending = .closed
        case .timedOut: ending = .timedOut
        case .staffRequested: ending = .staffRequested
        }
      }
    }
  }
}
