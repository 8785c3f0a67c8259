package dev.graspsync.nostr.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.crypto.EventVerifier;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.crypto.Verification;
import dev.graspsync.nostr.crypto.Bip340;
import dev.graspsync.nostr.event.CanonicalJson;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An event passes through decode and encode without a byte of it changing. */
class ForwardingTest {
  @Test
  void unusualSpellingSurvivesDecodeAndReEncodeAndStillVerifies() {
    Keys keys = Keys.fromSecretHex("b7e151628aed2a6abf7158809cf4f3c762e7160f38b4da56a784d9045190cfef");
    String content = "café \"q\" / e\u0301";
    List<List<String>> tags = List.of(List.of("t", "é"));
    byte[] id = CanonicalJson.hash(keys.publicKeyHex(), 1_700_000_000L, 1, tags, content);
    String sig = Hex.encode(Bip340.sign(id, keys));
    // reversed key order, spaces and newlines, escapes a canonical writer would never use
    String eventText = "{ \"sig\": \"" + sig + "\",\n  \"content\": \"caf\\u00e9 \\\"q\\\" \\/ e\\u0301\","
        + " \"tags\" : [ [ \"t\" , \"\\u00E9\" ] ], \"kind\": 1, \"created_at\": 1700000000,"
        + " \"unknown\": {\"k\": [1, 2.5e3]}, \"pubkey\": \"" + keys.publicKeyHex() + "\", \"id\": \"" + Hex.encode(id) + "\" }";
    String frame = "[ \"EVENT\" ,  " + eventText + "  ]";

    Decoded<ClientMessage> decoded = MessageCodec.decodeClient(frame);
    assertThat(decoded).isInstanceOf(Decoded.Ok.class);
    Event event = ((ClientMessage.Publish) ((Decoded.Ok<ClientMessage>) decoded).message()).event();
    assertThat(event.json()).isEqualTo(eventText);
    assertThat(EventVerifier.verify(event)).isEqualTo(Verification.VALID);

    String forwarded = MessageCodec.encode(new RelayMessage.EventMessage("sub", event));
    assertThat(forwarded).isEqualTo("[\"EVENT\",\"sub\"," + eventText + "]");
    Event again = ((RelayMessage.EventMessage) ((Decoded.Ok<RelayMessage>) MessageCodec.decodeRelay(forwarded)).message()).event();
    assertThat(again.json()).isEqualTo(eventText);
    assertThat(again).isEqualTo(event);
  }

  @Test
  void anEventInsideALargeFrameIsSlicedAtTheRightOffsets() {
    // above Jackson's in-memory buffer size, so offsets cross buffer refills
    String pad = "x".repeat(70_000);
    Keys keys = Keys.generate();
    Event e = dev.graspsync.nostr.crypto.EventSigner.sign(
        new dev.graspsync.nostr.event.EventTemplate(1, 1, List.of(List.of("t", pad)), pad + "🎉"), keys);
    String frame = "[\"EVENT\",\"" + "s".repeat(64) + "\",   " + e.json() + "   ]";
    Event got = ((RelayMessage.EventMessage) ((Decoded.Ok<RelayMessage>) MessageCodec.decodeRelay(frame)).message()).event();
    assertThat(got.json()).isEqualTo(e.json());
    assertThat(EventVerifier.verify(got)).isEqualTo(Verification.VALID);
  }
}
