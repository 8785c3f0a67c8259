package dev.graspsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.spi.IngestVerdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shape, id and signature checks, and duplicates. */
class ValidationTest {
  @TempDir Path dir;
  private EngineFixture relay;
  private final Keys alice = Keys.generate();

  @BeforeEach
  void open() {
    relay =
        EngineFixture.open(
            EngineSettings.defaults(dir, AcceptancePolicyKind.OPEN, List.of(EngineFixture.OWN_URL))
                .withMaxEventTags(3)
                .withVerifyThreads(2));
  }

  @AfterEach
  void close() {
    relay.close();
  }

  private static Event withContent(Event e, String content) {
    return new Event(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), content, e.sig(), e.json());
  }

  @Test
  void tooManyTagsIsInvalid() {
    Event crowded = Signed.by(alice).tag("t", "1").tag("t", "2").tag("t", "3").tag("t", "4").sign();
    assertThat(relay.ingest(crowded))
        .isEqualTo(new IngestVerdict.Rejected("invalid: too many tags (4 > 3)"));
  }

  @Test
  void idThatDoesNotMatchTheContentIsInvalid() {
    Event tampered = withContent(Signed.by(alice).content("original").sign(), "changed");
    assertThat(relay.ingest(tampered))
        .isEqualTo(new IngestVerdict.Rejected("invalid: event id does not match its content"));
    assertThat(relay.query(Filter.builder().build())).isEmpty();
  }

  @Test
  void signatureByAnotherKeyIsInvalid() {
    Event signed = Signed.by(alice).content("x").sign();
    Event other = Signed.by(Keys.generate()).content("x").sign();
    Event swapped =
        new Event(signed.id(), signed.pubkey(), signed.createdAt(), signed.kind(), signed.tags(), signed.content(), other.sig(), signed.json());
    assertThat(relay.ingest(swapped))
        .isEqualTo(new IngestVerdict.Rejected("invalid: signature does not verify against the pubkey"));
  }

  @Test
  void malformedFieldsAreInvalidWithoutHashing() {
    Event e = Signed.by(alice).sign();
    Event badId = new Event("XYZ", e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), e.sig(), e.json());
    assertThat(((IngestVerdict.Rejected) relay.ingest(badId)).reason()).startsWith("invalid: id ");
  }

  @Test
  void knownIdIsADuplicate() {
    Event note = Signed.by(alice).sign();
    assertThat(relay.ingest(note)).isEqualTo(IngestVerdict.ACCEPTED);
    assertThat(relay.ingest(note)).isEqualTo(IngestVerdict.DUPLICATE);
    assertThat(relay.query(Filter.builder().build())).hasSize(1);
    assertThat(relay.meters.get("relay.events.ingested").tag("verdict", "duplicate").counter().count()).isEqualTo(1);
    assertThat(relay.meters.get("relay.events.ingested").tag("verdict", "accepted").counter().count()).isEqualTo(1);
  }

  @Test
  void theSameEventSentTwiceAtOnceIsStoredOnce() {
    Event note = Signed.by(alice).content("twice").sign();
    var first = relay.engine.ingest(note, EngineFixture.CLIENT);
    var second = relay.engine.ingest(note, EngineFixture.CLIENT);
    assertThat(List.of(EngineFixture.await(first), EngineFixture.await(second)))
        .containsExactlyInAnyOrder(IngestVerdict.ACCEPTED, IngestVerdict.DUPLICATE);
    assertThat(relay.query(Filter.builder().build())).hasSize(1);
  }
}
