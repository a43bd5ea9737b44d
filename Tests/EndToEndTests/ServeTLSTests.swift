import Foundation
import TestSupport
import Testing

/// `induction serve --tls-cert --tls-key`: HTTPS from the server itself, so it may listen beyond
/// this computer without a proxy; plain HTTP still only on loopback.
@Suite("Serving over TLS", .serialized, .hangGuard)
struct ServeTLSTests {
  /// A self-signed certificate for 127.0.0.1 and its key, made with openssl.
  static func certificate(in sandbox: Sandbox) throws -> (certificate: String, key: String) {
    let certificate = sandbox.root.appendingPathComponent("cert.pem").path
    let key = sandbox.root.appendingPathComponent("key.pem").path
    let made = try PipedProgram.run(
      "/usr/bin/env",
      [
        "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=induction test",
        "-addext", "subjectAltName=IP:127.0.0.1",
      ], environment: ProcessInfo.processInfo.environment)
    #expect(made.status == 0, "\(made.error)")
    return (certificate, key)
  }

  func serve(_ sandbox: Sandbox, _ extra: [String]) throws -> PipedProgram {
    var arguments = [
      "serve", "--data-dir", sandbox.dataDirectory.path, "--scenarios",
      BuiltBinary.scenariosDirectory.path,
    ]
    if let url = sandbox.databaseURL { arguments += ["--database", url] }
    return try PipedProgram(
      executable: sandbox.executable.path, arguments: arguments + extra,
      environment: sandbox.environment)
  }

  @Test func aCertificateLetsTheServerListenBeyondThisComputerOverHTTPSOnly() throws {
    // Given a certificate, and the server on every address with it
    let sandbox = try Sandbox()
    let (certificate, key) = try Self.certificate(in: sandbox)
    let port = try BrowserTools.freePort()
    let server = try serve(
      sandbox, ["--listen", "0.0.0.0:\(port)", "--tls-cert", certificate, "--tls-key", key])
    defer { if !server.hasExited { server.kill(SIGKILL) } }
    _ = try server.waitFor("Serving the induction on https://0.0.0.0:\(port)/", timeout: 60)

    // When a browser that trusts the certificate asks for the front page, and one asks in clear
    let script = """
      import ssl, sys, urllib.request
      context = ssl.create_default_context(cafile=sys.argv[1])
      page = urllib.request.urlopen("https://127.0.0.1:%s/" % sys.argv[2], context=context)
      print(page.status, page.headers["Content-Security-Policy"])
      print("Open your personal link" in page.read().decode())
      try:
          urllib.request.urlopen("http://127.0.0.1:%s/" % sys.argv[2], timeout=5)
          print("plain HTTP answered")
      except Exception:
          print("no plain HTTP")
      """
    let run = try PipedProgram.run(
      "/usr/bin/env", ["python3", "-c", script, certificate, String(port)],
      environment: ProcessInfo.processInfo.environment, timeout: 60)

    // Then the page came over TLS with its headers, and nothing answered in clear
    #expect(run.status == 0, "\(run.error)")
    #expect(
      run.output
        == "200 default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'\n"
        + "True\nno plain HTTP\n")
    server.kill(SIGTERM)
    #expect(try server.waitForExit(timeout: 30) == 0)
  }

  @Test func withoutACertificateOrProxyOnlyLoopbackIsServedAndABadFileIsNamed() throws {
    let sandbox = try Sandbox()
    let port = try BrowserTools.freePort()
    // Every address, in clear: refused before listening
    let open = try serve(sandbox, ["--listen", "0.0.0.0:\(port)"])
    #expect(try open.waitForExit(timeout: 30) == 64)
    #expect(open.errorOutput.contains("give --tls-cert and --tls-key to serve HTTPS"))
    // A certificate without its key
    let half = try serve(sandbox, ["--tls-cert", "/nonexistent.pem"])
    #expect(try half.waitForExit(timeout: 30) == 64)
    #expect(half.errorOutput.contains("--tls-cert and --tls-key go together"))
    // A file that holds no certificate
    let notPEM = sandbox.root.appendingPathComponent("not.pem")
    try Data("hello\n".utf8).write(to: notPEM)
    let bad = try serve(
      sandbox,
      ["--listen", "127.0.0.1:\(port)", "--tls-cert", notPEM.path, "--tls-key", notPEM.path])
    #expect(try bad.waitForExit(timeout: 30) == 1)
    #expect(
      bad.errorOutput
        == "induction: cannot read a certificate from \(notPEM.path); give --tls-cert the PEM file your certificate authority issued (the certificate, then any intermediates)\n"
    )
  }
}
