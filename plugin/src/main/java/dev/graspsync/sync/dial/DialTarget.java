package dev.graspsync.sync.dial;

import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where one connection attempt goes: the checked {@code address}, while TLS (SNI, hostname
 * verification) and the HTTP {@code Host} header keep the relay's {@code host} name.
 */
public record DialTarget(String host, InetAddress address) {

  /** The server to connect to, for Vert.x's {@code setServer}: no second lookup of the name. */
  public SocketAddress server(int port) {
    return SocketAddress.inetSocketAddress(new InetSocketAddress(address, port));
  }
}
