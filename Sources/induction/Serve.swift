import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import InductionCore
import InductionTerminal
import InductionWeb

extension Induction {
  /// `induction serve`: the same induction as a web page, for parents at home.
  struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "serve",
      abstract: "Serve the parent induction as a web page, for parents at home.",
      discussion: """
        Parents open their personal link (from `induction invite`) in a browser and complete \
        the same induction as at the kiosk; each signing is a ledger entry with mode web and \
        this server's station name, and uses the link up. With --open anyone may start from the \
        front page, as a school with one link on its website wants. Plain HTTP is served on this \
        computer only (127.0.0.1); to reach parents elsewhere give --tls-cert and --tls-key to \
        serve HTTPS, or put a reverse proxy that adds TLS in front and pass --behind-proxy (see \
        the README).
        """)

    @OptionGroup var options: GlobalOptions

    @Option(help: "The address and port to listen on.")
    var listen: String = "127.0.0.1:8080"

    @Option(help: "The station name recorded with every web signing.")
    var station: String = "Website"

    @Option(help: "Seconds without a page after which a session ends unsigned.")
    var idleTimeout: Int = 1200

    @Flag(help: "Listen beyond this computer, behind a reverse proxy that adds TLS.")
    var behindProxy = false

    @Option(
      name: .customLong("tls-cert"),
      help: ArgumentHelp("Serve HTTPS with this certificate (PEM).", valueName: "file"))
    var tlsCertificate: String?

    @Option(
      name: .customLong("tls-key"),
      help: ArgumentHelp("The certificate's private key (PEM).", valueName: "file"))
    var tlsKey: String?

    @Flag(
      name: .customLong("open"),
      help: "Let anyone start from the front page, not only parents with a personal link.")
    var isOpen = false

    func validate() throws {
      try StationName.validate(station)
      guard let address = ListenAddress(listen) else {
        throw ValidationError("--listen needs a host and port, such as 127.0.0.1:8080")
      }
      guard (tlsCertificate == nil) == (tlsKey == nil) else {
        throw ValidationError("--tls-cert and --tls-key go together; give both, or neither")
      }
      if !address.isLoopback && !behindProxy && tlsCertificate == nil {
        throw ValidationError(
          "--listen \(listen) is not this computer only; plain HTTP is served only on 127.0.0.1 (give --tls-cert and --tls-key to serve HTTPS, or put a reverse proxy with TLS in front and pass --behind-proxy)"
        )
      }
      guard (60...86_400).contains(idleTimeout) else {
        throw ValidationError("--idle-timeout needs a number of seconds from 60 to 86400")
      }
    }

    func run() throws {
      try Failure.report {
        let services = try CompositionRoot.webServices(
          options, station: NameNormalisation.tidy(station))
        let address = ListenAddress(listen)!
        // On PostgreSQL several serve processes may stand behind one address: they share the
        // sessions through the database. On SQLite the one PC is the server.
        let database = services.store as? AppDatabase
        let storage: WebSessionStorage =
          database.map { $0.dialect == .postgres ? .database($0) : .memory } ?? .memory
        let frontEnd = WebFrontEnd(
          services: services, invitations: services.store as? any InvitationStore, isOpen: isOpen,
          idleTimeout: TimeInterval(idleTimeout), storage: storage)
        let router = try WebApplication.router(
          frontEnd: frontEnd, trustsForwardedFor: behindProxy)
        var server = HTTPServerBuilder.http1()
        if let tlsCertificate, let tlsKey {
          server = try .tls(
            tlsConfiguration: ServeTLS.configuration(certificate: tlsCertificate, key: tlsKey))
        }
        let app = Application(
          router: router, server: server,
          configuration: .init(
            address: .hostname(address.host, port: address.port), serverName: nil),
          logger: WebApplication.quietLogger())
        let scheme = tlsCertificate == nil ? "http" : "https"
        FileHandle.standardOutput.write(
          Data("Serving the induction on \(scheme)://\(listen)/ (Ctrl-C to stop).\n".utf8))
        let finished = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
          do { try await app.runService() } catch { failure.error = error }
          finished.signal()
        }
        finished.wait()
        if let error = failure.error { throw error }
      }
    }
  }
}

/// Where `serve` listens.
struct ListenAddress {
  var host: String
  var port: Int

  init?(_ text: String) {
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
      (1...65_535).contains(port)
    else { return nil }
    var host = String(text[..<colon])
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    guard !host.isEmpty else { return nil }
    self.host = host
    self.port = port
  }

  /// Whether only this computer can reach it.
  var isLoopback: Bool {
    host == "localhost" || host == "::1" || host.hasPrefix("127.")
  }
}

/// Carries the server's error out of its task.
private final class FailureBox: @unchecked Sendable {
  var error: (any Error)?
}
