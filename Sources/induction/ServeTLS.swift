import Foundation
import HummingbirdTLS
import NIOSSL

/// The certificate and key `serve` presents with `--tls-cert` and `--tls-key`, read once at start.
enum ServeTLS {
  /// The server's TLS settings from PEM files: the certificate (with any intermediates after it)
  /// and its private key, TLS 1.2 or later.
  static func configuration(certificate: String, key: String) throws -> TLSConfiguration {
    let chain: [NIOSSLCertificate]
    do {
      chain = try NIOSSLCertificate.fromPEMFile(certificate)
    } catch {
      throw ServeTLSError.certificate(certificate)
    }
    guard !chain.isEmpty else { throw ServeTLSError.certificate(certificate) }
    let privateKey: NIOSSLPrivateKey
    do {
      privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
    } catch {
      throw ServeTLSError.key(key)
    }
    var configuration = TLSConfiguration.makeServerConfiguration(
      certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
    configuration.minimumTLSVersion = .tlsv12
    return configuration
  }
}

/// A certificate or key `serve` cannot use.
enum ServeTLSError: LocalizedError, Equatable {
  case certificate(String)
  case key(String)

  var errorDescription: String? {
    switch self {
    case .certificate(let path):
      "cannot read a certificate from \(path); give --tls-cert the PEM file your certificate authority issued (the certificate, then any intermediates)"
    case .key(let path):
      "cannot read a private key from \(path); give --tls-key the PEM file of the certificate's key, unencrypted and readable by this user"
    }
  }
}
