package dev.graspsync.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Relay URL comparison: announcements write the same relay in many spellings
 * ({@code wss://Relay.example:443/}, {@code wss://relay.example}).
 */
public final class RelayUrls {
  private RelayUrls() {}

  /**
   * Lower-cases scheme and host, drops the default port (80 for ws/http, 443 for wss/https)
   * and trailing slashes; keeps the path otherwise, query included. Text that is not a URL
   * comes back trimmed and lower-cased, so that comparison still works on equal spellings.
   */
  public static String normalise(String url) {
    String trimmed = url.trim();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      return stripTrailingSlashes(trimmed.toLowerCase(Locale.ROOT));
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      return stripTrailingSlashes(trimmed.toLowerCase(Locale.ROOT));
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || (port == 80 && (scheme.equals("ws") || scheme.equals("http")))
            || (port == 443 && (scheme.equals("wss") || scheme.equals("https")));
    StringBuilder out = new StringBuilder(trimmed.length());
    out.append(scheme).append("://");
    if (uri.getRawUserInfo() != null) {
      out.append(uri.getRawUserInfo()).append('@');
    }
    out.append(host);
    if (!defaultPort) {
      out.append(':').append(port);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    out.append(stripTrailingSlashes(path));
    if (uri.getRawQuery() != null) {
      out.append('?').append(uri.getRawQuery());
    }
    return out.toString();
  }

  /** Whether two spellings name the same relay. */
  public static boolean same(String a, String b) {
    return normalise(a).equals(normalise(b));
  }

  private static String stripTrailingSlashes(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(0, end);
  }
}
