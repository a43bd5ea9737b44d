import Foundation
import Hummingbird
import InductionCore
import Logging
import Mustache

/// The web front end's routes: the welcome (a new session), the page of a session, its forms, a
/// fresh start, and the style sheet. Every response carries the security headers; nothing personal
/// is ever in a URL, a header or a log line.
public enum WebApplication {
  /// The name of the session cookie.
  static let cookieName = "induction_session"
  /// The most a form may send.
  static let maximumBody = 16 * 1024

  /// The router over `frontEnd`. `secureCookies` is false only in tests driven without TLS.
  /// `trustsForwardedFor` (behind a reverse proxy) takes a client's address from the last entry of
  /// `X-Forwarded-For`, the one the proxy added; otherwise it is the connection's.
  public static func router(
    frontEnd: WebFrontEnd, secureCookies: Bool = true, trustsForwardedFor: Bool = false
  ) throws -> Router<WebRequestContext> {
    @Sendable func address(_ request: Request, _ context: WebRequestContext) -> String? {
      clientAddress(request, context, trustsForwardedFor: trustsForwardedFor)
    }
    let templates = try Templates()
    let router = Router(context: WebRequestContext.self)
    router.add(middleware: SecurityHeaders())

    router.get("/") { request, context -> Response in
      if let id = request.cookies[cookieName]?.value, try await frontEnd.page(id) != nil {
        return redirect("/induction")
      }
      guard frontEnd.isOpen else {
        return notice(.needLink, frontEnd: frontEnd, request: request, templates: templates)
      }
      guard await frontEnd.mayStart(from: address(request, context)) else {
        return notice(.tooMany, frontEnd: frontEnd, request: request, templates: templates)
      }
      return started(try await frontEnd.begin(), secure: secureCookies)
    }

    // A personal link: the token leaves the address bar at once (a redirect), and the page it
    // leads to names no one.
    router.get("/i/:token") { request, context -> Response in
      let token = context.parameters.get("token") ?? ""
      switch try await frontEnd.open(link: token, from: address(request, context)) {
      case .started(let id): return started(id, secure: secureCookies)
      case .refused(let status):
        return notice(.refused(status), frontEnd: frontEnd, request: request, templates: templates)
      case .tooMany:
        return notice(.tooMany, frontEnd: frontEnd, request: request, templates: templates)
      }
    }

    router.get("/induction") { request, _ -> Response in
      guard let id = request.cookies[cookieName]?.value, let page = try await frontEnd.page(id)
      else {
        return redirect("/")
      }
      return html(templates.render(page))
    }

    router.post("/induction") { request, _ -> Response in
      guard let id = request.cookies[cookieName]?.value else { return redirect("/") }
      guard let form = try await self.form(request) else {
        return Response(status: .badRequest)
      }
      switch try await frontEnd.submit(id, form: form) {
      case .shown: return redirect("/induction")
      case .noSession: return redirect("/")
      case .forbidden: return Response(status: .forbidden)
      }
    }

    router.post("/start") { request, context -> Response in
      // A fresh induction after one ended: the old session's token still guards the form.
      guard let id = request.cookies[cookieName]?.value, let form = try await self.form(request),
        try await frontEnd.submit(id, form: form) != .forbidden,
        await frontEnd.mayStart(from: address(request, context)),
        let fresh = try await frontEnd.beginAgain(after: id)
      else { return redirect("/") }
      return started(fresh, secure: secureCookies)
    }

    router.get("/assets/induction.css") { _, _ -> Response in
      var headers = HTTPFields()
      headers[.contentType] = "text/css; charset=utf-8"
      headers[.cacheControl] = "public, max-age=3600"
      return Response(
        status: .ok, headers: headers,
        body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.induction_css)))
    }
    return router
  }

  /// A logger that says only when the server starts and stops: no request, address or form is
  /// ever written.
  public static func quietLogger() -> Logger {
    var logger = Logger(label: "induction-serve")
    logger.logLevel = .warning
    return logger
  }

  private static func form(_ request: Request) async throws -> WebFrontEnd.Form? {
    guard let body = try? await request.body.collect(upTo: maximumBody) else { return nil }
    return try? URLEncodedFormDecoder().decode(
      WebFrontEnd.Form.self, from: String(decoding: body.readableBytesView, as: UTF8.self))
  }

  /// The client's address: the proxy's last `X-Forwarded-For` entry when it is trusted, else the
  /// connection's; nil when neither is known.
  static func clientAddress(
    _ request: Request, _ context: WebRequestContext, trustsForwardedFor: Bool
  ) -> String? {
    let forwarded = request.headers.last { $0.name.canonicalName == "x-forwarded-for" }?.value
    if trustsForwardedFor, let forwarded,
      let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
      !last.isEmpty
    {
      return last
    }
    return context.remoteAddress?.ipAddress
  }

  /// Sends a new session to its first page.
  private static func started(_ id: String, secure: Bool) -> Response {
    var response = redirect("/induction")
    response.setCookie(cookie(id, secure: secure))
    return response
  }

  private static func notice(
    _ notice: NoticePage, frontEnd: WebFrontEnd, request: Request, templates: Templates
  ) -> Response {
    let page = frontEnd.page(notice, acceptLanguage: request.headers[.acceptLanguage])
    var response = html(templates.render(page))
    response.status = .init(code: notice.status)
    return response
  }

  private static func cookie(_ id: String, secure: Bool) -> Cookie {
    Cookie(
      name: cookieName, value: id, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
  }

  private static func redirect(_ location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
  }

  private static func html(_ text: String) -> Response {
    Response(
      status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }
}

/// Headers on every response: no script, style or frame from anywhere but here (and none inline),
/// no sniffing, no referrer, nothing cached.
struct SecurityHeaders: RouterMiddleware {
  typealias Context = WebRequestContext

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    var response = try await next(request, context)
    response.headers[.contentSecurityPolicy] =
      "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers.append(.init(name: .init("Referrer-Policy")!, value: "no-referrer"))
    if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    return response
  }
}

/// The page layout, from the template built into the binary.
struct Templates: Sendable {
  let library: MustacheLibrary

  init() throws {
    var library = MustacheLibrary()
    try library.register(
      String(decoding: PackageResources.layout_mustache, as: UTF8.self), named: "layout")
    self.library = library
  }

  /// The whole page. The layout's values are escaped by the template; the body is `WebText`,
  /// escaped as it was made.
  func render(_ page: WebFrontEnd.Page) -> String {
    let values: [String: Any] = [
      "language": page.language, "title": page.title, "school": page.school,
      "body": page.body.html,
    ]
    return library.render(values, withTemplate: "layout") ?? ""
  }
}
