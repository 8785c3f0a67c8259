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

class ReplaceableEventsTest {
  @TempDir Path dir;
  private EngineFixture relay;
  private final Keys alice = Keys.generate();
  private final Keys bob = Keys.generate();

  @BeforeEach
  void open() {
    relay = EngineFixture.open(dir, AcceptancePolicyKind.OPEN);
  }

  @AfterEach
  void close() {
    relay.close();
  }

  private List<String> stored(int kind) {
    return relay.queryIds(Filter.builder().kinds(kind).build());
  }

  @Test
  void newerReplaceableVersionReplacesTheOlderOneAndItsIndexEntries() {
    Event v1 = Signed.by(alice).kind(0).at(100).content("{\"name\":\"a\"}").tag("t", "old").sign();
    Event v2 = Signed.by(alice).kind(0).at(200).content("{\"name\":\"b\"}").sign();
    assertThat(relay.ingest(v1)).isEqualTo(IngestVerdict.ACCEPTED);
    assertThat(relay.ingest(v2)).isEqualTo(IngestVerdict.ACCEPTED);
    assertThat(stored(0)).containsExactly(v2.id());
    assertThat(relay.query(Filter.builder().tag('t', List.of("old")).build())).isEmpty();
    assertThat(relay.query(Filter.builder().ids(List.of(v1.id())).build())).isEmpty();
    assertThat(relay.query(Filter.builder().authors(List.of(alice.publicKeyHex())).build()))
        .extracting(Event::id)
        .containsExactly(v2.id());
  }

  @Test
  void olderVersionArrivingLaterIsADuplicateAndLeavesTheNewerStored() {
    Event v1 = Signed.by(alice).kind(10002).at(100).sign();
    Event v2 = Signed.by(alice).kind(10002).at(200).sign();
    relay.ingest(v2);
    assertThat(relay.ingest(v1)).isEqualTo(IngestVerdict.DUPLICATE);
    assertThat(stored(10002)).containsExactly(v2.id());
  }

  @Test
  void sameCreatedAtKeepsTheLowestId() {
    Event x = Signed.by(alice).kind(3).at(100).content("x").sign();
    Event y = Signed.by(alice).kind(3).at(100).content("y").sign();
    Event low = x.id().compareTo(y.id()) < 0 ? x : y;
    Event high = low == x ? y : x;

    relay.ingest(high);
    assertThat(relay.ingest(low)).isEqualTo(IngestVerdict.ACCEPTED);
    assertThat(stored(3)).containsExactly(low.id());
    assertThat(relay.ingest(high)).isEqualTo(IngestVerdict.DUPLICATE);
    assertThat(stored(3)).containsExactly(low.id());
  }

  @Test
  void tieWhereTheLowestIdArrivesFirstKeepsIt() {
    Event x = Signed.by(alice).kind(3).at(100).content("x").sign();
    Event y = Signed.by(alice).kind(3).at(100).content("y").sign();
    Event low = x.id().compareTo(y.id()) < 0 ? x : y;
    Event high = low == x ? y : x;
    relay.ingest(low);
    assertThat(relay.ingest(high)).isEqualTo(IngestVerdict.DUPLICATE);
    assertThat(stored(3)).containsExactly(low.id());
  }

  @Test
  void replaceableIsPerAuthorAndKind() {
    Event a = Signed.by(alice).kind(0).at(100).sign();
    Event b = Signed.by(bob).kind(0).at(200).sign();
    Event a3 = Signed.by(alice).kind(3).at(300).sign();
    relay.ingest(a);
    relay.ingest(b);
    relay.ingest(a3);
    assertThat(stored(0)).containsExactlyInAnyOrder(a.id(), b.id());
  }

  @Test
  void addressableIsReplacedPerDTag() {
    Event repoV1 = Signed.by(alice).kind(30617).at(100).tag("d", "one").sign();
    Event other = Signed.by(alice).kind(30617).at(150).tag("d", "two").sign();
    Event repoV2 = Signed.by(alice).kind(30617).at(200).tag("d", "one").sign();
    Event olderV0 = Signed.by(alice).kind(30617).at(50).tag("d", "one").sign();
    relay.ingest(repoV1);
    relay.ingest(other);
    assertThat(relay.ingest(repoV2)).isEqualTo(IngestVerdict.ACCEPTED);
    assertThat(relay.ingest(olderV0)).isEqualTo(IngestVerdict.DUPLICATE);
    assertThat(stored(30617)).containsExactly(repoV2.id(), other.id());
    assertThat(relay.queryIds(Filter.builder().tag('d', List.of("one")).build())).containsExactly(repoV2.id());
  }

  @Test
  void addressableWithoutDTagUsesTheEmptyIdentifier() {
    Event v1 = Signed.by(alice).kind(30000).at(100).sign();
    Event v2 = Signed.by(alice).kind(30000).at(200).tag("d", "").sign();
    relay.ingest(v1);
    relay.ingest(v2);
    assertThat(stored(30000)).containsExactly(v2.id());
  }

  @Test
  void regularEventsAreNeverReplaced() {
    Event n1 = Signed.by(alice).kind(1).at(100).content("1").sign();
    Event n2 = Signed.by(alice).kind(1).at(200).content("2").sign();
    relay.ingest(n1);
    relay.ingest(n2);
    assertThat(stored(1)).containsExactly(n2.id(), n1.id());
  }
}
