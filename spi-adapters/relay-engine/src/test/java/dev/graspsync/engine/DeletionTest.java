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

/** NIP-09 deletion requests. */
class DeletionTest {
  @TempDir Path dir;
  private EngineFixture relay;
  private final Keys alice = Keys.generate();
  private final Keys mallory = Keys.generate();

  @BeforeEach
  void open() {
    relay = EngineFixture.open(dir, AcceptancePolicyKind.OPEN);
  }

  @AfterEach
  void close() {
    relay.close();
  }

  private boolean stored(Event event) {
    return !relay.query(Filter.builder().ids(List.of(event.id())).build()).isEmpty();
  }

  @Test
  void authorDeletesHerEventAndTheDeletionIsStored() {
    Event note = Signed.by(alice).kind(1).tag("t", "x").sign();
    relay.ingest(note);
    Event deletion = Signed.by(alice).kind(5).at(1_700_000_100L).tag("e", note.id()).sign();
    assertThat(relay.ingest(deletion)).isEqualTo(IngestVerdict.ACCEPTED);
    assertThat(stored(note)).isFalse();
    assertThat(stored(deletion)).isTrue();
    assertThat(relay.query(Filter.builder().tag('t', List.of("x")).build())).isEmpty();
    assertThat(relay.queryIds(Filter.builder().kinds(5).build())).containsExactly(deletion.id());
  }

  @Test
  void deletedEventCannotBePublishedAgain() {
    Event note = Signed.by(alice).kind(1).sign();
    relay.ingest(note);
    relay.ingest(Signed.by(alice).kind(5).tag("e", note.id()).sign());
    assertThat(relay.ingest(note)).isEqualTo(IngestVerdict.DUPLICATE);
    assertThat(stored(note)).isFalse();
  }

  @Test
  void deletionArrivingBeforeItsTargetKeepsTheTargetOut() {
    Event note = Signed.by(alice).kind(1).sign();
    relay.ingest(Signed.by(alice).kind(5).tag("e", note.id()).sign());
    assertThat(relay.ingest(note)).isEqualTo(IngestVerdict.DUPLICATE);
    assertThat(stored(note)).isFalse();
  }

  @Test
  void deletionByAnotherAuthorDeletesNothing() {
    Event note = Signed.by(alice).kind(1).sign();
    relay.ingest(note);
    Event forgedDeletion = Signed.by(mallory).kind(5).tag("e", note.id()).sign();
    assertThat(relay.ingest(forgedDeletion)).isEqualTo(IngestVerdict.ACCEPTED);
    assertThat(stored(note)).isTrue();
    Event future = Signed.by(alice).kind(1).content("later").sign();
    relay.ingest(Signed.by(mallory).kind(5).tag("e", future.id()).sign());
    assertThat(relay.ingest(future)).isEqualTo(IngestVerdict.ACCEPTED);
  }

  @Test
  void addressDeletionRemovesVersionsUpToItsCreatedAt() {
    Event repo = Signed.by(alice).kind(30617).at(100).tag("d", "repo").sign();
    relay.ingest(repo);
    String address = "30617:" + alice.publicKeyHex() + ":repo";
    relay.ingest(Signed.by(alice).kind(5).at(150).tag("a", address).sign());
    assertThat(stored(repo)).isFalse();

    Event stillOld = Signed.by(alice).kind(30617).at(140).tag("d", "repo").sign();
    assertThat(relay.ingest(stillOld)).isEqualTo(IngestVerdict.DUPLICATE);
    Event newer = Signed.by(alice).kind(30617).at(160).tag("d", "repo").sign();
    assertThat(relay.ingest(newer)).isEqualTo(IngestVerdict.ACCEPTED);
    assertThat(relay.queryIds(Filter.builder().kinds(30617).build())).containsExactly(newer.id());
  }

  @Test
  void addressDeletionOfAnotherAuthorsAddressIsIgnored() {
    Event repo = Signed.by(alice).kind(30617).at(100).tag("d", "repo").sign();
    relay.ingest(repo);
    relay.ingest(Signed.by(mallory).kind(5).at(150).tag("a", "30617:" + alice.publicKeyHex() + ":repo").sign());
    assertThat(stored(repo)).isTrue();
  }

  @Test
  void deletionRequestsAreNotDeletedByDeletionRequests() {
    Event note = Signed.by(alice).kind(1).sign();
    relay.ingest(note);
    Event deletion = Signed.by(alice).kind(5).tag("e", note.id()).sign();
    relay.ingest(deletion);
    relay.ingest(Signed.by(alice).kind(5).content("undo").tag("e", deletion.id()).sign());
    assertThat(stored(deletion)).isTrue();
  }

  @Test
  void deletionOfTheCurrentAddressableVersionByIdFreesTheAddress() {
    Event v1 = Signed.by(alice).kind(30023).at(100).tag("d", "post").sign();
    relay.ingest(v1);
    relay.ingest(Signed.by(alice).kind(5).at(200).tag("e", v1.id()).sign());
    Event v0 = Signed.by(alice).kind(30023).at(50).tag("d", "post").sign();
    assertThat(relay.ingest(v0)).isEqualTo(IngestVerdict.ACCEPTED);
  }
}
