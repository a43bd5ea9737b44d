import Foundation

/// The secret in a personal link: 256 random bits, URL-safe. The database keeps only its SHA-256,
/// so a copy of the database cannot open anyone's link.
public struct InvitationToken: Sendable, Equatable {
  /// The token as it appears in the link.
  public let text: String

  /// A new token from the system's random source.
  public static func random() -> InvitationToken {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    return InvitationToken(
      text: Data(bytes).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: ""))
  }

  /// A token read from a link; nil unless it has the shape of one (43 URL-safe characters), so a
  /// stray path is refused before the database is asked.
  public init?(link text: String) {
    guard text.utf8.count == 43,
      text.utf8.allSatisfy({
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
          || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
          || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
      })
    else { return nil }
    self.text = text
  }

  private init(text: String) { self.text = text }

  /// What the database stores and looks up.
  public var hash: String { Digest.sha256Hex("invitation\u{0}" + text) }

  /// The link under `base` (the address parents reach `induction serve` at).
  public func link(base: InvitationBase) -> String { base.text + "/i/" + text }
}

/// The address parents reach `induction serve` at, as links are made from it: `https://` (or
/// `http://` for this computer only), with no query, fragment or trailing slash.
public struct InvitationBase: Sendable, Equatable {
  /// The address, without a trailing slash.
  public let text: String

  /// Checks `typed`; nil when it could not make a link a parent can open safely.
  public init?(_ typed: String) {
    var text = typed
    while text.hasSuffix("/") { text.removeLast() }
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
      let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil,
      url.user == nil, url.password == nil
    else { return nil }
    let loopback = host == "localhost" || host == "127.0.0.1" || host == "::1"
    guard scheme == "https" || (scheme == "http" && loopback) else { return nil }
    self.text = text
  }
}

/// Whether a personal link can start an induction, and why not.
public enum InvitationStatus: Sendable, Equatable {
  /// It can: the invitation's id.
  case open(Int64)
  /// No invitation has this token.
  case unknown
  /// It was used to sign already.
  case used
  /// It expired (links last 30 days unless the school chose otherwise).
  case expired
  /// The school withdrew it, or issued a newer link for the same family.
  case withdrawn
}

/// How personal links are issued with an outstanding list.
public struct InvitationIssue: Sendable {
  /// Where links point.
  public var base: InvitationBase
  /// How long a link lasts.
  public var days: Int
  /// One family only: what staff typed (an email address, or the parent's or a child's name).
  public var only: String?
  /// When the links are issued: they last ``days`` from then.
  public var issuedAt: Date

  /// Creates the settings.
  public init(base: InvitationBase, days: Int = 30, only: String? = nil, at issuedAt: Date) {
    self.base = base
    self.days = days
    self.only = only
    self.issuedAt = issuedAt
  }

  /// Whether a row of the outstanding list is the family staff asked for (every row when they
  /// asked for none). Names match as roster names do, whatever the case or spacing.
  func includes(parent: String, child: String, email: String) -> Bool {
    guard let only else { return true }
    let typed = only.trimmingCharacters(in: .whitespaces)
    if typed.contains("@") {
      return typed.lowercased() == email.trimmingCharacters(in: .whitespaces).lowercased()
    }
    let key = NameNormalisation.matchKey(typed)
    return !key.isEmpty
      && (key == NameNormalisation.matchKey(parent) || key == NameNormalisation.matchKey(child))
  }

  /// The columns added to the outstanding list.
  public static let header = ["Link", "Link expires"]
}

/// Why no personal link was issued.
public enum InvitationError: LocalizedError, Equatable {
  /// Staff asked for one family, and no outstanding family matches what they typed.
  case noSuchFamily

  /// The sentence shown (it repeats nothing typed: that may be a name).
  public var errorDescription: String? {
    "no outstanding family matches what you typed; check the spelling, or see who is outstanding "
      + "with `induction export outstanding`"
  }
}
