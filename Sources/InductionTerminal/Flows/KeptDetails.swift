import InductionCore

/// What a parent has typed about themselves and their children so far. It outlives a change of
/// language (the questions start again, the details are not asked again) and nothing else: starting
/// over, or the next parent, begins with an empty one.
final class KeptDetails {
  var parentName: String?
  var relationship: String?
  var children: [PersonalDetails.Child] = []
  /// A child's name typed before their class was given.
  var pendingChildName: String?
  /// Whether the parent said that was every child.
  var childrenComplete = false

  /// Forgets everything (the parent wants to type it again).
  func clear() {
    parentName = nil
    relationship = nil
    children = []
    pendingChildName = nil
    childrenComplete = false
  }
}
