package dev.graspsync.sync.session;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a ws:// or wss:// relay URL points. Normalisation and the private-address policy
 * belong to the caller; this only refuses what cannot be dialled.
 */
record RelayAddress(String url, String host, int port, boolean ssl, String requestUri) {

  static RelayAddress parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a relay URL: " + url, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean ssl;
    if (scheme.equals("wss")) {
      ssl = true;
    } else if (scheme.equals("ws")) {
      ssl = false;
    } else {
      throw new IllegalArgumentException("relay URL must be ws:// or wss://: " + url);
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("relay URL has no host: " + url);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : (ssl ? 443 : 80);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String request = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    return new RelayAddress(url, host, port, ssl, request);
  }

  /**
   * The {@code Host} header for this URL: the name, and the port when it is not the scheme's
   * default; what Vert.x sends when it dials the name itself.
   */
  String hostHeader() {
    String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == (ssl ? 443 : 80) ? name : name + ":" + port;
  }
}
