import Foundation

/// What the web front end asks of the store about personal links. ``AppDatabase`` is the store of
/// both engines; tests may give their own.
public protocol InvitationStore: Sendable {
  /// Whether the link holding `token` can start an induction now.
  func invitationStatus(_ token: InvitationToken, at now: Date) throws -> InvitationStatus
  /// Whether invitation `id` (a link opened earlier) can still start an induction now.
  func invitationStatus(id: Int64, at now: Date) throws -> InvitationStatus
  /// Records that `session` began from invitation `id`, so its signing uses the link up.
  func claimInvitation(_ id: Int64, session: Int64) throws
}

extension AppDatabase: InvitationStore {}
