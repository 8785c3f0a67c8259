package dev.graspsync.engine.store;

import dev.graspsync.nostr.event.Event;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The value stored per event: format byte, created_at (8), kind (4), pubkey (32), then the
 * event's json exactly as it arrived. The header lets queries reject candidates by time,
 * kind or author without parsing json.
 */
public final class StoredValue {
  private static final byte FORMAT = 1;
  private static final int CREATED_AT = 1;
  private static final int KIND = CREATED_AT + 8;
  private static final int PUBKEY = KIND + 4;
  private static final int JSON = PUBKEY + 32;

  private StoredValue() {}

  public static byte[] encode(Event event) {
    byte[] json = event.toJson().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(JSON + json.length)
        .put(FORMAT)
        .putLong(event.createdAt())
        .putInt(event.kind())
        .put(IndexKeys.hexToBytes(event.pubkey()))
        .put(json)
        .array();
  }

  public static long createdAt(byte[] value) {
    return ByteBuffer.wrap(value, CREATED_AT, 8).getLong();
  }

  public static int kind(byte[] value) {
    return ByteBuffer.wrap(value, KIND, 4).getInt();
  }

  public static String pubkeyHex(byte[] value) {
    return IndexKeys.bytesToHex(value, PUBKEY, 32);
  }

  public static String json(byte[] value) {
    return new String(value, JSON, value.length - JSON, StandardCharsets.UTF_8);
  }

  public static Event event(byte[] value) {
    return Event.fromJson(json(value));
  }
}
