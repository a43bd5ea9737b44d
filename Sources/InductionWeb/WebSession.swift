import Foundation
import InductionCore

/// One parent's induction on the web: the induction's state, what the page shows, and what guards
/// the forms (the CSRF token, and the number of the page each form was drawn on, so a form sent
/// twice or from an old page changes nothing).
struct WebSession: Sendable, Codable {
  /// The induction's state.
  var state: InductionState
  /// The page on show.
  var view = PageView()
  /// Every form carries it; a form without it is refused.
  let csrfToken: String
  /// Counts the pages drawn: a form from an earlier page is not applied.
  var page = 0
  /// When the parent last did anything.
  var lastSeen: Date
  /// Said once on the next page (a form from an old page, an expired session).
  var message: PhraseKey?
  /// The personal link the induction was started from, if any: a signing uses it up.
  var invitation: Int64?
  /// The session record the invitation was last tied to (a fresh start makes a new one).
  var claimedSession: Int64?
}
