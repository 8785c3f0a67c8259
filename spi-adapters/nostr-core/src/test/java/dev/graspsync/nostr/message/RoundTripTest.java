package dev.graspsync.nostr.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.crypto.EventSigner;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import dev.graspsync.nostr.filter.Filter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** encode, then decode, gives back the message, for every variant in both directions. */
class RoundTripTest {
  static final Event EVENT = EventSigner.sign(
      new EventTemplate(1_700_000_000L, 1617, List.of(List.of("a", "30617:" + "b".repeat(64) + ":repo"), List.of("t", "root")),
          "patch \"body\"\n🎉"),
      Keys.generate());
  static final Filter FILTER = Filter.builder().kinds(1617, 1618).tag('a', List.of("30617:x:y")).since(5).limit(10).build();

  static Stream<ClientMessage> clientMessages() {
    return Stream.of(
        new ClientMessage.Publish(EVENT),
        new ClientMessage.Req("sub-1", List.of(FILTER)),
        new ClientMessage.Req("s", List.of(FILTER, Filter.builder().ids(List.of(EVENT.id())).build(), Filter.builder().build())),
        new ClientMessage.Close("sub-1"),
        new ClientMessage.Count("c\"1", List.of(FILTER)),
        new ClientMessage.Auth(EVENT),
        new ClientMessage.NegOpen("neg-1", FILTER, "6100000200"),
        new ClientMessage.NegMsg("neg-1", "61ab"),
        new ClientMessage.NegClose("neg-1"));
  }

  static Stream<RelayMessage> relayMessages() {
    return Stream.of(
        new RelayMessage.EventMessage("sub-1", EVENT),
        new RelayMessage.Ok(EVENT.id(), true, ""),
        new RelayMessage.Ok(EVENT.id(), false, "invalid: bad \"sig\""),
        new RelayMessage.Eose("sub-1"),
        new RelayMessage.Closed("sub-1", "auth-required: log in"),
        new RelayMessage.Notice("slow down\n日本"),
        new RelayMessage.AuthChallenge("challenge-123"),
        new RelayMessage.CountResult("c1", 42),
        new RelayMessage.NegMsg("neg-1", "61"),
        new RelayMessage.NegErr("neg-1", "blocked: too big"));
  }

  @ParameterizedTest
  @MethodSource("clientMessages")
  void clientMessagesRoundTrip(ClientMessage m) {
    assertThat(MessageCodec.decodeClient(MessageCodec.encode(m))).isEqualTo(new Decoded.Ok<>(m));
  }

  @ParameterizedTest
  @MethodSource("relayMessages")
  void relayMessagesRoundTrip(RelayMessage m) {
    assertThat(MessageCodec.decodeRelay(MessageCodec.encode(m))).isEqualTo(new Decoded.Ok<>(m));
  }

  @ParameterizedTest
  @MethodSource("relayMessages")
  void encodingIsCompactJson(RelayMessage m) {
    String s = MessageCodec.encode(m);
    assertThat(s).startsWith("[\"").endsWith("]").doesNotContain("\n").doesNotContain(", ");
  }
}
