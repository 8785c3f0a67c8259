package dev.graspsync.it.bench.infra;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The message type and first string argument (subscription id) of a NIP-01 message, read from
 * the first bytes of its frame: {@code ["REQ","gs1-4",{...}]} gives REQ and gs1-4. Relays and
 * clients written here emit compact JSON, so no whitespace handling beyond skipping blanks.
 */
record NostrFramePrefix(String type, Optional<String> firstArgument) {
  static Optional<NostrFramePrefix> parse(byte[] bytes, int length) {
    int[] pos = {0};
    if (!skipTo(bytes, length, pos, '[')) {
      return Optional.empty();
    }
    Optional<String> type = string(bytes, length, pos);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    if (!skipTo(bytes, length, pos, ',')) {
      return Optional.of(new NostrFramePrefix(type.get(), Optional.empty()));
    }
    return Optional.of(new NostrFramePrefix(type.get(), string(bytes, length, pos)));
  }

  private static boolean skipTo(byte[] b, int length, int[] pos, char c) {
    while (pos[0] < length && (b[pos[0]] == ' ' || b[pos[0]] == '\n' || b[pos[0]] == '\t' || b[pos[0]] == '\r')) {
      pos[0]++;
    }
    if (pos[0] < length && b[pos[0]] == c) {
      pos[0]++;
      return true;
    }
    return false;
  }

  private static Optional<String> string(byte[] b, int length, int[] pos) {
    if (!skipTo(b, length, pos, '"')) {
      return Optional.empty();
    }
    int start = pos[0];
    while (pos[0] < length && b[pos[0]] != '"') {
      if (b[pos[0]] == '\\') {
        return Optional.empty(); // ids with escapes are not ours
      }
      pos[0]++;
    }
    if (pos[0] >= length) {
      return Optional.empty();
    }
    String s = new String(b, start, pos[0] - start, StandardCharsets.UTF_8);
    pos[0]++;
    return Optional.of(s);
  }
}
