package dev.graspsync.sync.state;

import dev.graspsync.sync.refused.RefusedEvent;
import dev.graspsync.sync.refused.RefusedRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A refusal as column family {@code refused} holds it (the event id is the key). Version 1:
 * {@code 0x01}, expiry, created_at (8 bytes each), kind (4), pubkey (64 hex characters), then
 * the identifier. The first layout (expiry, then the identifier) starts with a zero byte, since
 * an expiry in unix seconds is far below 2^56: it is still read, as a refusal known by id alone.
 */
final class RefusedValue {
  private static final byte V1 = 1;
  private static final int PUBKEY = 64;
  private static final int V1_HEAD = 1 + 8 + 8 + 4 + PUBKEY;

  private RefusedValue() {}

  static byte[] encode(RefusedRecord r) {
    byte[] d = r.identifier().getBytes(StandardCharsets.UTF_8);
    if (r.event().isEmpty() || r.event().get().pubkey().length() != PUBKEY) {
      return ByteBuffer.allocate(8 + d.length).putLong(r.expiresAt()).put(d).array();
    }
    RefusedEvent e = r.event().get();
    return ByteBuffer.allocate(V1_HEAD + d.length).put(V1).putLong(r.expiresAt()).putLong(e.createdAt())
        .putInt(e.kind()).put(e.pubkey().getBytes(StandardCharsets.US_ASCII)).put(d).array();
  }

  static RefusedRecord decode(String id, byte[] v) {
    ByteBuffer in = ByteBuffer.wrap(v);
    if (v.length >= V1_HEAD && v[0] == V1) {
      in.get();
      long expiresAt = in.getLong();
      long createdAt = in.getLong();
      int kind = in.getInt();
      String pubkey = new String(v, 1 + 8 + 8 + 4, PUBKEY, StandardCharsets.US_ASCII);
      String d = new String(v, V1_HEAD, v.length - V1_HEAD, StandardCharsets.UTF_8);
      return new RefusedRecord(id, d, expiresAt, Optional.of(new RefusedEvent(kind, pubkey, createdAt)));
    }
    return new RefusedRecord(id, new String(v, 8, v.length - 8, StandardCharsets.UTF_8), in.getLong());
  }
}
