package dev.graspsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.spi.IngestVerdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
  @TempDir Path dir;

  @Test
  void eventsIndexesReplacementsAndTombstonesSurviveARestart() {
    Keys alice = Keys.generate();
    Event note = Signed.by(alice).kind(1).tag("t", "kept").sign();
    Event profile = Signed.by(alice).kind(0).at(200).sign();
    Event olderProfile = Signed.by(alice).kind(0).at(100).sign();
    Event deleted = Signed.by(alice).kind(1).content("gone").sign();
    try (EngineFixture relay = EngineFixture.open(dir, AcceptancePolicyKind.OPEN)) {
      relay.ingest(note);
      relay.ingest(profile);
      relay.ingest(deleted);
      relay.ingest(Signed.by(alice).kind(5).tag("e", deleted.id()).sign());

      relay.reopen();

      assertThat(relay.queryIds(Filter.builder().tag('t', List.of("kept")).build())).containsExactly(note.id());
      assertThat(relay.ingest(note)).isEqualTo(IngestVerdict.DUPLICATE);
      assertThat(relay.ingest(olderProfile)).isEqualTo(IngestVerdict.DUPLICATE);
      assertThat(relay.ingest(deleted)).isEqualTo(IngestVerdict.DUPLICATE);
      assertThat(relay.queryIds(Filter.builder().kinds(0).build())).containsExactly(profile.id());
    }
  }

  @Test
  void closeIsIdempotentAndLaterIngestsAreRefusedWithError() {
    try (EngineFixture relay = EngineFixture.open(dir, AcceptancePolicyKind.OPEN)) {
      relay.engine.close();
      relay.engine.close();
      IngestVerdict verdict = relay.ingest(Signed.by(Keys.generate()).sign());
      assertThat(verdict).isInstanceOf(IngestVerdict.Rejected.class);
      assertThat(((IngestVerdict.Rejected) verdict).reason()).startsWith("error: ");
    }
  }
}
