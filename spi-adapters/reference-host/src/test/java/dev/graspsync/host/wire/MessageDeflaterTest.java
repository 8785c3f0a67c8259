package dev.graspsync.host.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.message.MessageCodec;
import dev.graspsync.nostr.message.RelayMessage;
import dev.graspsync.host.testing.TestEvents;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Payloads are checked the way a permessage-deflate client reads them: append 00 00 ff ff, inflate. */
class MessageDeflaterTest {
  private final MessageDeflater deflater = new MessageDeflater(6);

  @AfterEach
  void close() {
    deflater.close();
  }

  static String inflate(byte[]... payloadParts) throws DataFormatException {
    Inflater inflater = new Inflater(true);
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    for (byte[] part : payloadParts) {
      in.writeBytes(part);
    }
    in.writeBytes(new byte[] {0, 0, (byte) 0xff, (byte) 0xff});
    inflater.setInput(in.toByteArray());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1024];
    int n;
    while ((n = inflater.inflate(buf)) > 0) {
      out.write(buf, 0, n);
    }
    inflater.end();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMessageInflatesBackToItselfAndIsSmaller() throws Exception {
    byte[] text = "[\"NOTICE\",\"the same words again and again and again and again\"]".getBytes(StandardCharsets.UTF_8);

    byte[] payload = deflater.deflate(text).orElseThrow();

    assertThat(payload.length).isLessThan(text.length);
    assertThat(inflate(payload)).isEqualTo(new String(text, StandardCharsets.UTF_8));
  }

  @Test
  void eachSubscriptionsPrefixJoinsTheEventsSharedCompressionIntoItsOwnEventMessage() throws Exception {
    Event event = TestEvents.note("shared by every subscriber, é ✓ \"quoted\" ".repeat(20));
    EventFrame frame = EventFrame.of(event);
    byte[] shared = frame.deflatedTail(deflater).orElseThrow();

    for (String subId : new String[] {"a", "sub:with \"quotes\"", "ünïcode"}) {
      EventPrefix prefix = EventPrefix.of(subId);

      assertThat(inflate(prefix.storedBlock(), shared))
          .isEqualTo(MessageCodec.encode(new RelayMessage.EventMessage(subId, event)));
      assertThat(new String(prefix.plain(), StandardCharsets.UTF_8) + new String(frame.tail(), StandardCharsets.UTF_8))
          .isEqualTo(MessageCodec.encode(new RelayMessage.EventMessage(subId, event)));
    }
    try (MessageDeflater another = new MessageDeflater(1)) {
      assertThat(frame.deflatedTail(another)).as("made once per event").containsSame(shared);
    }
  }

  @Test
  void bytesThatDoNotShrinkAreLeftUncompressed() {
    byte[] noise = new byte[600];
    new Random(7).nextBytes(noise);

    assertThat(deflater.deflate(noise)).isEmpty();
  }

  @Test
  void theDeflaterIsReusedForMessagesOfAnySize() throws Exception {
    byte[] random = new byte[50_000];
    new Random(7).nextBytes(random);
    String big = java.util.HexFormat.of().formatHex(random);
    String small = "[\"EOSE\",\"sub\"]".repeat(4);

    assertThat(inflate(deflater.deflate(big.getBytes(StandardCharsets.UTF_8)).orElseThrow())).isEqualTo(big);
    assertThat(inflate(deflater.deflate(small.getBytes(StandardCharsets.UTF_8)).orElseThrow())).isEqualTo(small);
  }
}
