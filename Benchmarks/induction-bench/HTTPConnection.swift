import NIOCore
import NIOHTTP1
import NIOPosix

/// One keep-alive HTTP/1.1 connection to the server on loopback, as a browser holds one to a
/// site: one request at a time, each answered in full before the next is sent. Redirects are not
/// followed and cookies are not kept: the simulated parent does both, as the web tests do.
struct HTTPConnection {
  /// A response, read to its end.
  struct Response {
    /// The status code.
    var status: Int
    /// The headers.
    var headers: HTTPHeaders
    /// The body, as UTF-8.
    var body: String
  }

  /// The server's `host:port`, for the `Host` header.
  let authority: String
  private var inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
  private let outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>

  /// Connects to `host`:`port` on `group`, runs `body` with the connection, then closes it.
  static func with<Result: Sendable>(
    group: MultiThreadedEventLoopGroup, host: String, port: Int,
    _ body: (inout HTTPConnection) async throws -> Result
  ) async throws -> Result {
    let channel = try await ClientBootstrap(group: group)
      .channelOption(.socketOption(.tcp_nodelay), value: 1)
      .connect(host: host, port: port) { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHTTPClientHandlers()
          return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
            wrappingChannelSynchronously: channel)
        }
      }
    return try await channel.executeThenClose { inbound, outbound in
      var connection = HTTPConnection(
        authority: "\(host):\(port)", inbound: inbound.makeAsyncIterator(), outbound: outbound)
      return try await body(&connection)
    }
  }

  /// Sends one request and reads its whole response.
  mutating func send(
    _ method: HTTPMethod, _ path: String, headers extra: [(String, String)] = [],
    body: String? = nil
  ) async throws -> Response {
    var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
    head.headers.add(name: "Host", value: authority)
    for (name, value) in extra { head.headers.add(name: name, value: value) }
    var parts: [HTTPClientRequestPart] = []
    if let body {
      let buffer = ByteBuffer(string: body)
      head.headers.add(name: "Content-Length", value: String(buffer.readableBytes))
      parts = [.head(head), .body(.byteBuffer(buffer)), .end(nil)]
    } else {
      parts = [.head(head), .end(nil)]
    }
    try await outbound.write(contentsOf: parts)

    var responseHead: HTTPResponseHead?
    var collected = ByteBuffer()
    while let part = try await inbound.next() {
      switch part {
      case .head(let received):
        responseHead = received
      case .body(var chunk):
        collected.writeBuffer(&chunk)
      case .end:
        guard let responseHead else {
          throw BenchError("the server ended a response to \(method) \(path) without a head")
        }
        return Response(
          status: Int(responseHead.status.code), headers: responseHead.headers,
          body: String(buffer: collected))
      }
    }
    throw BenchError("the server closed the connection during \(method) \(path)")
  }
}
