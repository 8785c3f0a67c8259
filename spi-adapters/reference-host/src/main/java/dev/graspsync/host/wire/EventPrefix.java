package dev.graspsync.host.wire;

import dev.graspsync.nostr.json.JsonText;
import java.nio.charset.StandardCharsets;

/**
 * The part of an EVENT message that differs per subscription, {@code ["EVENT","<sub id>",},
 * as plain bytes and as a stored deflate block, made once per subscription.
 */
public record EventPrefix(byte[] plain, byte[] storedBlock) {
  public static EventPrefix of(String subscriptionId) {
    StringBuilder text = new StringBuilder(subscriptionId.length() + 16).append("[\"EVENT\",");
    byte[] plain = JsonText.appendQuoted(text, subscriptionId).append(',').toString().getBytes(StandardCharsets.UTF_8);
    return new EventPrefix(plain, MessageDeflater.storedBlock(plain));
  }
}
