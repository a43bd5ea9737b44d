import Foundation
import InductionCore

/// A page that is not part of an induction: why a personal link cannot be used, or that one is
/// needed. It names no one; it is in the first language the browser asks for that the school offers.
public enum NoticePage: Sendable, Equatable {
  /// Starting needs a personal link (the server is not `--open`).
  case needLink
  /// The link cannot be used.
  case refused(InvitationStatus)
  /// The link was opened too often lately.
  case tooMany

  /// The HTTP status the page is sent with.
  public var status: Int {
    switch self {
    case .needLink: 200
    case .refused(.unknown): 404
    case .refused: 410
    case .tooMany: 429
    }
  }

  var heading: PhraseKey {
    self == .needLink ? .webNeedLinkHeading : .webLinkHeading
  }

  var text: PhraseKey {
    switch self {
    case .needLink: .webNeedLink
    case .tooMany: .webTooMany
    case .refused(.used): .webLinkUsed
    case .refused(.expired): .webLinkExpired
    case .refused(.withdrawn): .webLinkWithdrawn
    case .refused: .webLinkUnknown
    }
  }
}

extension WebFrontEnd {
  /// The page for `notice`, in the first language of `acceptLanguage` (the browser's
  /// `Accept-Language`) that the school offers, else its default.
  public func page(_ notice: NoticePage, acceptLanguage: String?) -> Page {
    let content = services.content
    let shown =
      Self.preferred(acceptLanguage).lazy.compactMap(content.content(for:)).first
      ?? content.content(for: content.defaultLanguage) ?? content.english
    let phrases = Phrases.for(shown)
    let heading = phrases.string(notice.heading)
    return Page(
      language: shown.language.tag, title: "\(heading) – \(shown.catalog.school.name)",
      school: shown.catalog.school.name,
      body: """
        <h1 class="heading-l">\(heading)</h1><p class="body">\(phrases.string(notice.text))</p>
        """)
  }

  /// The primary language subtags of an `Accept-Language` header, most wanted first.
  static func preferred(_ header: String?) -> [String] {
    guard let header else { return [] }
    let ranked = header.split(separator: ",").enumerated().compactMap {
      (position, item) -> (tag: String, weight: Double, position: Int)? in
      let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      guard let tag = parts.first?.split(separator: "-").first?.lowercased(), !tag.isEmpty else {
        return nil
      }
      let weight =
        parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap {
          Double($0.dropFirst(2))
        } ?? 1
      return weight > 0 ? (tag, weight, position) : nil
    }
    return ranked.sorted { ($0.weight, -$0.position) > ($1.weight, -$1.position) }.map(\.tag)
  }
}
