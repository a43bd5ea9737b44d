import InductionCore

/// Shows the guidance: in short screens during the induction, or all at once when asked for.
struct GuidanceScreen {
  let console: Console
  let guidance: Guidance

  /// The guidance split into screens: each paragraph, with a list kept beside the paragraph before it.
  var screens: [[Guidance.Block]] { guidance.pages }

  /// Writes one screen's blocks.
  func show(_ blocks: [Guidance.Block]) {
    for block in blocks {
      switch block {
      case .paragraph(let text):
        console.paragraph("\(text)")
        console.line()
      case .bullets(let items):
        for item in items {
          console.paragraph("• \(item)", indent: 2, hanging: 2)
        }
        console.line()
      }
    }
  }

  /// The whole guidance at once.
  func showAll() {
    console.line()
    console.heading("\(guidance.title)")
    console.line()
    for screen in screens { show(screen) }
  }
}
