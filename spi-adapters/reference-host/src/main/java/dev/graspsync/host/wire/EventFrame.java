package dev.graspsync.host.wire;

import dev.graspsync.nostr.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The part of an EVENT message every subscriber shares, {@code {...event...}]}: its UTF-8
 * bytes, made once per event, and their permessage-deflate form, made at most once per event
 * loop on first need. Safe to share between event loops: the compressed form is computed
 * from immutable bytes, so two loops racing to fill it store equal results.
 */
public final class EventFrame {
  private final Event event;
  private final byte[] tail;
  private volatile Optional<byte[]> deflatedTail;

  private EventFrame(Event event, byte[] tail) {
    this.event = event;
    this.tail = tail;
  }

  public static EventFrame of(Event event) {
    return new EventFrame(event, (event.json() + "]").getBytes(StandardCharsets.UTF_8));
  }

  public Event event() {
    return event;
  }

  /** The shared bytes; not to be modified. */
  public byte[] tail() {
    return tail;
  }

  /** The shared bytes compressed on their own; empty when compression would not make them smaller. */
  public Optional<byte[]> deflatedTail(MessageDeflater deflater) {
    Optional<byte[]> known = deflatedTail;
    if (known == null) {
      known = deflater.deflate(tail);
      deflatedTail = known;
    }
    return known;
  }
}
