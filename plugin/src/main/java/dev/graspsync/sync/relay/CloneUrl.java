package dev.graspsync.sync.relay;

import java.util.Locale;
import java.util.Optional;

/**
 * The relay a git {@code clone} URL implies. A GRASP server serves git over http(s) and its
 * relay on the same host and port, so {@code https://host:port/<npub>/<repo>.git} gives
 * {@code wss://host:port} and {@code http://...} gives {@code ws://...}.
 *
 * <p>Only host and port are kept, as the reference does: the clone path names a
 * repository, not the relay, and a relay served under a path cannot be guessed from it.
 * User information ({@code https://user@host/...}) is dropped rather than carried into a
 * relay URL. Other clone schemes (ssh, git, file) imply no relay.
 */
public final class CloneUrl {
  private CloneUrl() {}

  /**
   * Empty when the clone URL is not http(s); otherwise the outcome of parsing the derived
   * ws(s) URL, which the usual rules may still refuse.
   */
  public static Optional<RelayUrl.Result> relayFor(String cloneUrl) {
    String text = cloneUrl.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    String wsScheme;
    int start;
    if (lower.startsWith("https://")) {
      wsScheme = "wss";
      start = "https://".length();
    } else if (lower.startsWith("http://")) {
      wsScheme = "ws";
      start = "http://".length();
    } else {
      return Optional.empty();
    }
    int end = text.length();
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    String authority = text.substring(start, end);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    // the default ports of http/https are those of ws/wss, so normalisation drops them alike
    return Optional.of(RelayUrl.parse(wsScheme + "://" + authority));
  }
}
