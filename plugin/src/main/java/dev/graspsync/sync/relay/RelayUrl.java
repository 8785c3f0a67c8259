package dev.graspsync.sync.relay;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * A normalised relay WebSocket URL: one external relay per distinct value.
 *
 * <p>Normalisation: scheme and host lower-case, IDN hosts in their ASCII (punycode) form, one
 * trailing dot of the host dropped, the default port (80 for ws, 443 for wss) dropped,
 * trailing {@code /} of the path dropped, an empty query dropped; path and query otherwise
 * kept as written. IPv6 literals are rewritten in their RFC 5952 form.
 *
 * <p>Refused (see {@link UrlRefusal}): other schemes, a missing scheme, user information,
 * fragments, an empty or invalid host, an invalid port, whitespace or control characters,
 * and texts over {@value #MAX_LENGTH} characters. Hosts made only of numeric labels must be
 * a canonical dotted quad: {@code ws://127.1} or {@code ws://2130706433} (which resolvers
 * read as 127.0.0.1) are refused rather than left to sneak past the address policy.
 *
 * <p>Only {@link #parse(String)} builds one from untrusted text; it never throws.
 *
 * @param scheme {@code ws} or {@code wss}
 * @param host lower-case DNS name, dotted-quad IPv4 or IPv6 (without brackets)
 * @param port the effective port (the default one when the URL names none)
 * @param path path and query, {@code ""} or starting with {@code /} or {@code ?}
 */
public record RelayUrl(String scheme, String host, int port, String path) implements Comparable<RelayUrl> {
  /** Longest accepted text. Real relay URLs are a few dozen characters. */
  public static final int MAX_LENGTH = 512;

  public RelayUrl {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new IllegalArgumentException("scheme must be ws or wss: " + scheme);
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("bad host or port: " + host + ":" + port);
    }
  }

  /** Parses and normalises untrusted text. */
  public static Result parse(String text) {
    return RelayUrlParser.parse(Objects.requireNonNull(text, "text"));
  }

  /** {@code wss}: TLS. */
  public boolean secure() {
    return scheme.equals("wss");
  }

  public int defaultPort() {
    return secure() ? 443 : 80;
  }

  /** Host as written in a URL: IPv6 literals in brackets. */
  public String hostForUrl() {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  /** The same location over http(s), where NIP-11 documents are fetched. */
  public String httpUrl() {
    return (secure() ? "https" : "http") + toString().substring(scheme.length());
  }

  /**
   * The host's address when the host is an IP literal; empty for DNS names (resolving them
   * is I/O and belongs to the caller).
   */
  public Optional<InetAddress> literalAddress() {
    try {
      if (host.indexOf(':') >= 0) {
        // bracketed literal: parsed as IPv6 text, never looked up
        return Optional.of(InetAddress.getByName("[" + host + "]"));
      }
      if (RelayUrlParser.isDottedQuad(host)) {
        return Optional.of(InetAddress.getByAddress(RelayUrlParser.dottedQuadBytes(host)));
      }
      return Optional.empty();
    } catch (UnknownHostException e) {
      // cannot happen for a host that parse() accepted
      return Optional.empty();
    }
  }

  @Override
  public int compareTo(RelayUrl other) {
    return toString().compareTo(other.toString());
  }

  /** The normalised URL text. */
  @Override
  public String toString() {
    String portPart = port == defaultPort() ? "" : ":" + port;
    return scheme + "://" + hostForUrl() + portPart + path;
  }

  /** Outcome of {@link #parse(String)}. */
  public sealed interface Result {
    /** The URL when valid. */
    Optional<RelayUrl> url();

    /** A valid, normalised URL. */
    record Valid(RelayUrl relay) implements Result {
      @Override
      public Optional<RelayUrl> url() {
        return Optional.of(relay);
      }
    }

    /**
     * A refused text. {@code input} is the text made safe for logs (control characters
     * replaced, cut at 120 characters), since it comes from events anyone can publish.
     */
    record Refused(String input, UrlRefusal reason) implements Result {
      @Override
      public Optional<RelayUrl> url() {
        return Optional.empty();
      }

      /** {@code "<input>: <reason>"}, for logs. */
      public String describe() {
        return "'" + input + "': " + reason.description();
      }
    }
  }
}
