package dev.graspsync.nostr.crypto;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import dev.graspsync.nostr.event.Nip34;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** NIP-42 authentication events (kind 22242): making one, and judging one a client sent. */
public final class AuthEvents {
  private AuthEvents() {}

  /** A signed kind-22242 event tagged {@code ["relay", relayUrl]} and {@code ["challenge", challenge]}. */
  public static Event create(String challenge, String relayUrl, Keys keys, long createdAt) {
    List<List<String>> tags = List.of(List.of("relay", relayUrl), List.of("challenge", challenge));
    return EventSigner.sign(new EventTemplate(createdAt, Nip34.CLIENT_AUTH, tags, ""), keys);
  }

  /**
   * Why {@code event} does not authenticate against this relay's {@code challenge}, or empty
   * when it does: kind 22242, the same challenge, a {@code relay} tag naming {@code relayUrl}
   * (scheme and host case-insensitive, default port and trailing slash ignored), {@code
   * created_at} within {@code maxSkewSeconds} of {@code nowSeconds}, and a valid id and
   * signature. The reason suits an {@code auth-required:} or {@code invalid:} reply.
   */
  public static Optional<String> problem(Event event, String challenge, String relayUrl, long nowSeconds, long maxSkewSeconds) {
    if (event.kind() != Nip34.CLIENT_AUTH) {
      return Optional.of("auth event must be kind " + Nip34.CLIENT_AUTH + ", got " + event.kind());
    }
    if (!event.firstTagValue("challenge").map(challenge::equals).orElse(false)) {
      return Optional.of("auth event challenge does not match");
    }
    if (!event.firstTagValue("relay").map(r -> sameRelay(r, relayUrl)).orElse(false)) {
      return Optional.of("auth event relay tag does not name this relay");
    }
    if (Math.abs(event.createdAt() - nowSeconds) > maxSkewSeconds) {
      return Optional.of("auth event created_at is too far from now");
    }
    Verification v = EventVerifier.verify(event);
    return v.isValid() ? Optional.empty() : Optional.of(v.reason());
  }

  /** Relay URL equality as clients spell it: ws://Host:80/ equals ws://host. */
  static boolean sameRelay(String a, String b) {
    return normalise(a).equals(normalise(b));
  }

  private static String normalise(String url) {
    String trimmed = url.trim();
    try {
      URI u = new URI(trimmed);
      if (u.getScheme() == null || u.getHost() == null) {
        return trimmed;
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort();
      if ((port == 80 && scheme.equals("ws")) || (port == 443 && scheme.equals("wss"))) {
        port = -1;
      }
      String path = u.getRawPath() == null ? "" : u.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
      return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port) + path + query;
    } catch (URISyntaxException e) {
      return trimmed;
    }
  }
}
