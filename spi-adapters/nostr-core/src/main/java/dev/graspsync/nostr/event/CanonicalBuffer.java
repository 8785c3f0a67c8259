package dev.graspsync.nostr.event;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Per-thread scratch space for the canonical serialisation: a growable UTF-8 byte buffer and a
 * SHA-256 digest. Writing straight to bytes avoids building a String and encoding it again,
 * which is most of the cost of an id check.
 *
 * <p>The string rule is NIP-01's: only {@code \n \" \\ \r \t \b \f} are escaped, everything else
 * is raw UTF-8, including the other control characters. JavaScript's {@code JSON.stringify}
 * (which nostr-tools hashes) escapes those other control characters as &#92;u00XX, so for
 * content holding, say, U+0001 the two disagree on the id; we follow the NIP, and {@link
 * #sawOtherControl()} tells the verifier when the {@code JSON.stringify} spelling ({@link
 * #writeJsStyle}) is worth a second try. Lone surrogates have no UTF-8 form; they are written as
 * &#92;uXXXX exactly as {@code JSON.stringify} does.
 */
final class CanonicalBuffer {
  private static final int INITIAL = 8 * 1024;
  /** Buffers grown past this for one huge event are dropped afterwards, not kept per thread. */
  private static final int RETAIN_MAX = 1024 * 1024;

  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final ThreadLocal<CanonicalBuffer> LOCAL = ThreadLocal.withInitial(CanonicalBuffer::new);

  private final MessageDigest sha256;
  private final byte[] digest = new byte[32];
  private byte[] buf = new byte[INITIAL];
  private int len;
  private boolean otherControl;
  private boolean jsStyle;

  private CanonicalBuffer() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory on every JVM", e);
    }
  }

  static CanonicalBuffer local() {
    return LOCAL.get();
  }

  /** Serialises into this buffer (NIP-01 rule), replacing what was there. */
  CanonicalBuffer write(String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
    jsStyle = false;
    return serialise(pubkey, createdAt, kind, tags, content);
  }

  /**
   * Serialises as {@code JSON.stringify} (nostr-tools) and serde_json (rust-nostr) do: control
   * characters other than the seven become &#92;u00XX. Only for checking ids of events
   * that such implementations signed.
   */
  CanonicalBuffer writeJsStyle(String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
    jsStyle = true;
    return serialise(pubkey, createdAt, kind, tags, content);
  }

  /** True when the last serialisation met a control character outside the seven escapes. */
  boolean sawOtherControl() {
    return otherControl;
  }

  private CanonicalBuffer serialise(String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
    len = 0;
    otherControl = false;
    ensure(64);
    put((byte) '[');
    put((byte) '0');
    put((byte) ',');
    writeString(pubkey);
    put((byte) ',');
    writeLong(createdAt);
    put((byte) ',');
    writeLong(kind);
    put((byte) ',');
    put((byte) '[');
    for (int t = 0, nt = tags.size(); t < nt; t++) {
      if (t > 0) {
        ensure(1);
        put((byte) ',');
      }
      List<String> tag = tags.get(t);
      ensure(1);
      put((byte) '[');
      for (int e = 0, ne = tag.size(); e < ne; e++) {
        if (e > 0) {
          ensure(1);
          put((byte) ',');
        }
        writeString(tag.get(e));
      }
      ensure(1);
      put((byte) ']');
    }
    ensure(2);
    put((byte) ']');
    put((byte) ',');
    writeString(content);
    ensure(1);
    put((byte) ']');
    return this;
  }

  byte[] copy() {
    byte[] out = java.util.Arrays.copyOf(buf, len);
    release();
    return out;
  }

  /** SHA-256 of the buffer; the returned array is this thread's scratch, valid until next use. */
  byte[] sha256() {
    sha256.update(buf, 0, len);
    try {
      sha256.digest(digest, 0, 32);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
    release();
    return digest;
  }

  private void release() {
    if (buf.length > RETAIN_MAX) {
      buf = new byte[INITIAL];
    }
    len = 0;
  }

  private void put(byte b) {
    buf[len++] = b;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      long want = Math.max((long) buf.length * 2, (long) len + extra);
      if (want > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("event too large to serialise");
      }
      buf = java.util.Arrays.copyOf(buf, (int) want);
    }
  }

  private void writeLong(long v) {
    ensure(20);
    if (v < 0) {
      // created_at and kind are validated non-negative on parse; templates may still carry junk
      put((byte) '-');
      if (v == Long.MIN_VALUE) {
        byte[] s = "9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (byte b : s) {
          put(b);
        }
        return;
      }
      v = -v;
    }
    int start = len;
    do {
      buf[len++] = (byte) ('0' + (v % 10));
      v /= 10;
    } while (v != 0);
    for (int i = start, j = len - 1; i < j; i++, j--) {
      byte tmp = buf[i];
      buf[i] = buf[j];
      buf[j] = tmp;
    }
  }

  private void writeString(String s) {
    int n = s.length();
    // worst case per char: a six-byte backslash-u escape; quotes on both sides
    ensure(n * 6 + 2);
    byte[] b = buf;
    int p = len;
    b[p++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      // the common case first: printable ASCII that needs no escape
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        b[p++] = (byte) c;
      } else if (c < 0x80) {
        switch (c) {
          case '"' -> { b[p++] = '\\'; b[p++] = '"'; }
          case '\\' -> { b[p++] = '\\'; b[p++] = '\\'; }
          case '\n' -> { b[p++] = '\\'; b[p++] = 'n'; }
          case '\r' -> { b[p++] = '\\'; b[p++] = 'r'; }
          case '\t' -> { b[p++] = '\\'; b[p++] = 't'; }
          case '\b' -> { b[p++] = '\\'; b[p++] = 'b'; }
          case '\f' -> { b[p++] = '\\'; b[p++] = 'f'; }
          default -> {
            if (c < 0x20) {
              otherControl = true;
              if (jsStyle) {
                b[p++] = '\\';
                b[p++] = 'u';
                b[p++] = '0';
                b[p++] = '0';
                b[p++] = HEX[c >> 4];
                b[p++] = HEX[c & 0xf];
                continue;
              }
            }
            b[p++] = (byte) c;
          }
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xc0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      } else if (!Character.isSurrogate(c)) {
        b[p++] = (byte) (0xe0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[p++] = (byte) (0xf0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (cp & 0x3f));
      } else {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[(c >> 12) & 0xf];
        b[p++] = HEX[(c >> 8) & 0xf];
        b[p++] = HEX[(c >> 4) & 0xf];
        b[p++] = HEX[c & 0xf];
      }
    }
    b[p++] = '"';
    len = p;
  }
}
