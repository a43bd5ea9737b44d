import Foundation

/// What a parent tells us about themselves and their children. Personal data: kept in its own
/// erasable table; the ledger holds only a salted commitment to it.
public struct PersonalDetails: Sendable, Equatable {
  /// One child and their class.
  public struct Child: Sendable, Equatable, Codable {
    /// The child's full name, tidied (NFC, single spaces).
    public var name: String
    /// The class, tidied.
    public var className: String

    /// Creates a child entry, tidying both names.
    public init(name: String, className: String) {
      self.name = NameNormalisation.tidy(name)
      self.className = NameNormalisation.tidy(className)
    }

    /// A child exactly as stored, untidied.
    init(stored name: String, className: String) {
      self.name = name
      self.className = className
    }
  }

  /// The parent's full name, tidied.
  public var parentName: String
  /// Parent, carer, guardian or what they typed.
  public var relationship: String
  /// The name exactly as typed to sign (tidied).
  public var signature: String
  /// The children, in the order given.
  public var children: [Child]

  /// Creates details, tidying every name.
  public init(parentName: String, relationship: String, signature: String, children: [Child]) {
    self.parentName = NameNormalisation.tidy(parentName)
    self.relationship = NameNormalisation.tidy(relationship)
    self.signature = NameNormalisation.tidy(signature)
    self.children = children
  }

  /// Details exactly as stored, untidied, so verification sees any edit at all.
  init(stored parentName: String, relationship: String, signature: String, children: [Child]) {
    self.parentName = parentName
    self.relationship = relationship
    self.signature = signature
    self.children = children
  }

  /// SHA-256(salt ‖ canonical details), lower-case hex: what the ledger row commits to.
  public func commitment(salt: [UInt8]) -> String {
    var encoder = CanonicalEncoder(domain: "induction-pii-v1")
    encoder.append(bytes: salt)
    encoder.append(parentName)
    encoder.append(relationship)
    encoder.append(signature)
    encoder.append(children.count)
    for child in children {
      encoder.append(child.name)
      encoder.append(child.className)
    }
    return Digest.sha256(encoder.bytes).hexString
  }
}
