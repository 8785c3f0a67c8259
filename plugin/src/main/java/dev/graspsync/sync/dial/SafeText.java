package dev.graspsync.sync.dial;

/**
 * Text from relays, DNS and TLS stacks on its way to logs and the status page: control
 * characters (line breaks that would forge log lines, terminal escapes) become {@code ?}, and
 * it is cut to {@value #MAX_CHARS} characters.
 */
public final class SafeText {
  static final int MAX_CHARS = 200;

  private SafeText() {}

  public static String of(String text) {
    String safe = text.replaceAll("\\p{Cntrl}", "?");
    return safe.length() > MAX_CHARS ? safe.substring(0, MAX_CHARS) + "…" : safe;
  }
}
