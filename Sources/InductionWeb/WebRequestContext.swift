import Hummingbird
import NIOCore

/// What a route knows of a request besides the request itself: Hummingbird's core context and the
/// address of the client's connection (for the per-address limits; never logged).
public struct WebRequestContext: RequestContext, RemoteAddressRequestContext {
  /// Hummingbird's own storage.
  public var coreContext: CoreRequestContextStorage
  /// The connection's peer: the client, or the reverse proxy in front of the server.
  public let remoteAddress: SocketAddress?

  /// The context of a request arriving on `source`'s channel.
  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    remoteAddress = source.channel.remoteAddress
  }
}
