package dev.graspsync.sync.relay;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.function.IntPredicate;

/** The rules behind {@link RelayUrl#parse(String)}; see there. */
final class RelayUrlParser {
  private static final int MAX_HOST_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;
  private static final int SAFE_INPUT_LENGTH = 120;

  private RelayUrlParser() {}

  static RelayUrl.Result parse(String raw) {
    String text = raw.strip();
    if (text.isEmpty()) {
      return refused(raw, UrlRefusal.EMPTY);
    }
    if (text.length() > RelayUrl.MAX_LENGTH) {
      return refused(raw, UrlRefusal.TOO_LONG);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
        return refused(raw, UrlRefusal.BAD_CHARACTER);
      }
    }
    int sep = text.indexOf("://");
    if (sep <= 0) {
      return refused(raw, UrlRefusal.MISSING_SCHEME);
    }
    String scheme = text.substring(0, sep).toLowerCase(Locale.ROOT);
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      return refused(raw, UrlRefusal.NOT_WEBSOCKET);
    }
    String rest = text.substring(sep + 3);
    if (rest.indexOf('#') >= 0) {
      return refused(raw, UrlRefusal.FRAGMENT);
    }
    int end = firstOf(rest, '/', '?');
    String authority = rest.substring(0, end);
    String tail = rest.substring(end);
    if (authority.indexOf('@') >= 0) {
      return refused(raw, UrlRefusal.USERINFO);
    }
    if (authority.isEmpty()) {
      return refused(raw, UrlRefusal.EMPTY_HOST);
    }

    String hostPart;
    String portPart;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return refused(raw, UrlRefusal.BAD_HOST);
      }
      hostPart = authority.substring(1, close);
      String after = authority.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        return refused(raw, UrlRefusal.BAD_HOST);
      }
      portPart = after.isEmpty() ? "" : after.substring(1);
    } else {
      int colon = authority.lastIndexOf(':');
      hostPart = colon < 0 ? authority : authority.substring(0, colon);
      portPart = colon < 0 ? "" : authority.substring(colon + 1);
      if (hostPart.indexOf(':') >= 0) {
        return refused(raw, UrlRefusal.BAD_HOST); // IPv6 without brackets
      }
    }
    if (hostPart.isEmpty()) {
      return refused(raw, UrlRefusal.EMPTY_HOST);
    }
    String host = authority.startsWith("[") ? ipv6Host(hostPart) : dnsOrIpv4Host(hostPart);
    if (host == null) {
      return refused(raw, UrlRefusal.BAD_HOST);
    }

    int defaultPort = scheme.equals("wss") ? 443 : 80;
    int port = defaultPort;
    if (!portPart.isEmpty()) {
      if (portPart.length() > 5 || !allDigits(portPart)) {
        return refused(raw, UrlRefusal.BAD_PORT);
      }
      port = Integer.parseInt(portPart);
      if (port < 1 || port > 65535) {
        return refused(raw, UrlRefusal.BAD_PORT);
      }
    }

    if (!validPathAndQuery(tail)) {
      return refused(raw, UrlRefusal.BAD_CHARACTER);
    }
    RelayUrl url = new RelayUrl(scheme, host, port, normalisePath(tail));
    if (url.toString().length() > RelayUrl.MAX_LENGTH) {
      return refused(raw, UrlRefusal.TOO_LONG); // an IDN host can grow in punycode
    }
    return new RelayUrl.Result.Valid(url);
  }

  /**
   * RFC 3986 path and query characters only (a URL that java.net.URI refuses could never be
   * dialled): printable ASCII without {@code < > " { } | \\ ^ `}, and {@code %} only as a
   * two-hex-digit escape.
   */
  private static boolean validPathAndQuery(String tail) {
    for (int i = 0; i < tail.length(); i++) {
      char c = tail.charAt(i);
      if (c > 0x7e || "<>\"{}|\\^`".indexOf(c) >= 0) {
        return false;
      }
      if (c == '%' && (i + 2 >= tail.length() || !isHex(tail.charAt(i + 1)) || !isHex(tail.charAt(i + 2)))) {
        return false;
      }
    }
    return true;
  }

  /** Path without trailing slashes, query kept unless empty. */
  private static String normalisePath(String tail) {
    int q = tail.indexOf('?');
    String path = q < 0 ? tail : tail.substring(0, q);
    String query = q < 0 ? "" : tail.substring(q + 1);
    int len = path.length();
    while (len > 0 && path.charAt(len - 1) == '/') {
      len--;
    }
    path = path.substring(0, len);
    return query.isEmpty() ? path : path + "?" + query;
  }

  private static String ipv6Host(String literal) {
    if (literal.indexOf('%') >= 0 || !allMatch(literal, 0, c -> isHex(c) || c == ':' || c == '.')) {
      return null; // zone ids and anything that is not IPv6 text
    }
    try {
      // a bracketed literal is parsed as IPv6 text and never looked up
      InetAddress address = InetAddress.getByName("[" + literal + "]");
      if (address instanceof Inet4Address) {
        return "::ffff:" + address.getHostAddress(); // an IPv4-mapped literal
      }
      return ipv6Text(address.getAddress());
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static String dnsOrIpv4Host(String hostPart) {
    String host = hostPart.endsWith(".") ? hostPart.substring(0, hostPart.length() - 1) : hostPart;
    if (host.isEmpty()) {
      return null;
    }
    if (!allMatch(host, 0, c -> c < 0x80)) {
      try {
        host = IDN.toASCII(host, 0);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.length() > MAX_HOST_LENGTH) {
      return null;
    }
    String[] labels = host.split("\\.", -1);
    for (String label : labels) {
      if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
        return null;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
          return null;
        }
      }
    }
    // A name whose last label is numeric (or hex 0x..) is an IPv4 address to resolvers,
    // in decimal, octal or shortened forms: accept only the canonical dotted quad.
    if (looksNumeric(labels[labels.length - 1]) && !isDottedQuad(host)) {
      return null;
    }
    return host;
  }

  private static boolean looksNumeric(String label) {
    if (label.startsWith("0x")) {
      return allMatch(label, 2, RelayUrlParser::isHex);
    }
    return allDigits(label);
  }

  /**
   * Whether every character of {@code s} from {@code from} on passes {@code test}. A loop, not
   * {@code chars().allMatch}: every announcement's URLs are parsed on the coordinator's loop,
   * and the streams were a fifth of its garbage while B4's 10,000 announcements arrived.
   */
  private static boolean allMatch(String s, int from, IntPredicate test) {
    for (int i = from; i < s.length(); i++) {
      if (!test.test(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allDigits(String s) {
    return allMatch(s, 0, c -> c >= '0' && c <= '9');
  }

  /** Four decimal labels 0..255 without leading zeros. */
  static boolean isDottedQuad(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !allDigits(p)) {
        return false;
      }
      if (p.length() > 1 && p.charAt(0) == '0') {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  static byte[] dottedQuadBytes(String host) {
    String[] parts = host.split("\\.");
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      out[i] = (byte) Integer.parseInt(parts[i]);
    }
    return out;
  }

  /** RFC 5952 text: lower-case hex, no leading zeros, the longest run of zero groups as "::". */
  static String ipv6Text(byte[] a) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    if (bestLen < 2) {
      bestStart = -1;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static int firstOf(String s, char a, char b) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == a || c == b) {
        return i;
      }
    }
    return s.length();
  }

  private static RelayUrl.Result refused(String raw, UrlRefusal reason) {
    return new RelayUrl.Result.Refused(safeForLogs(raw), reason);
  }

  /** Untrusted text as it may appear in a log line: no control characters, bounded. */
  static String safeForLogs(String raw) {
    StringBuilder sb = new StringBuilder(Math.min(raw.length(), SAFE_INPUT_LENGTH + 3));
    for (int i = 0; i < raw.length() && i < SAFE_INPUT_LENGTH; i++) {
      char c = raw.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    if (raw.length() > SAFE_INPUT_LENGTH) {
      sb.append("...");
    }
    return sb.toString();
  }
}
