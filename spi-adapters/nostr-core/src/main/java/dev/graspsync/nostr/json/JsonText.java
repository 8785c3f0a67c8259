package dev.graspsync.nostr.json;

/**
 * Writing JSON strings for the wire. The seven NIP-01 escapes are written short; other control
 * characters and lone surrogates as &#92;uXXXX, so the text is valid JSON that any parser
 * reads back to the same string (and therefore to the same canonical id). Everything else is
 * written as it is.
 */
public final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  /** Appends {@code "s"} with JSON escaping. */
  public static StringBuilder appendQuoted(StringBuilder out, String s) {
    out.append('"');
    int n = s.length();
    int run = 0;
    for (int i = nextEscaped(s, 0); i < n; i = nextEscaped(s, run)) {
      out.append(s, run, i);
      run = i + 1;
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> appendUnicodeEscape(out, c);
      }
    }
    out.append(s, run, n);
    return out.append('"');
  }

  /** The length of what {@link #appendQuoted} appends for {@code s}, counted without writing it. */
  public static int quotedLength(String s) {
    int n = s.length();
    int length = n + 2;
    for (int i = nextEscaped(s, 0); i < n; i = nextEscaped(s, i + 1)) {
      length += switch (s.charAt(i)) {
        case '"', '\\', '\n', '\r', '\t', '\b', '\f' -> 1;
        default -> 5;
      };
    }
    return length;
  }

  /** The first character at or after {@code from} that is written escaped, or the length. */
  private static int nextEscaped(String s, int from) {
    int n = s.length();
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
        continue;
      }
      return i;
    }
    return n;
  }

  /** {@code "s"} as a JSON string literal. */
  public static String quote(String s) {
    return appendQuoted(new StringBuilder(s.length() + 2), s).toString();
  }

  private static void appendUnicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }
}
