package dev.graspsync.sync.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code GET /sync} page: one self-contained HTML file (status-page.html next to this
 * class) whose script reads {@code sync/status} every few seconds and renders it, putting
 * everything that comes from relays into the page as text. Its Content-Security-Policy allows
 * exactly its own inline script and style (by hash) and requests to its own origin, so even a
 * rendering bug could not run a relay's markup or load anything from elsewhere.
 */
public final class StatusPage {
  static final String RESOURCE = "status-page.html";

  private final String html;
  private final String contentSecurityPolicy;

  private StatusPage(String html) {
    this.html = html;
    this.contentSecurityPolicy = "default-src 'none'; script-src '" + sha256(between(html, "<script>", "</script>"))
        + "'; style-src '" + sha256(between(html, "<style>", "</style>"))
        + "'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  }

  public static StatusPage load() {
    try (InputStream in = StatusPage.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the plugin jar");
      }
      return new StatusPage(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  public String html() {
    return html;
  }

  /** The header value that goes with {@link #html()}. */
  public String contentSecurityPolicy() {
    return contentSecurityPolicy;
  }

  /** The text between the first {@code open} tag and the following {@code close} tag. */
  static String between(String text, String open, String close) {
    int start = text.indexOf(open);
    int end = start < 0 ? -1 : text.indexOf(close, start);
    if (end < 0) {
      throw new IllegalStateException(RESOURCE + " has no " + open + " element");
    }
    return text.substring(start + open.length(), end);
  }

  /** A CSP source expression for an inline element's exact text. */
  static String sha256(String content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
