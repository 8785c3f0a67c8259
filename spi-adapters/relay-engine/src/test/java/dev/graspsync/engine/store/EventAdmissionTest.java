package dev.graspsync.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.engine.Signed;
import dev.graspsync.engine.policy.GraspPolicy;
import dev.graspsync.engine.policy.OpenPolicy;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events applied within one uncommitted batch see each other. */
class EventAdmissionTest {
  @TempDir Path dir;
  private EventDatabase database;
  private final Keys alice = Keys.generate();

  @BeforeEach
  void open() {
    database = EventDatabase.open(dir);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void sameIdTwiceInOneBatchIsADuplicate() throws Exception {
    Event note = Signed.by(alice).sign();
    EventAdmission admission = new EventAdmission(new OpenPolicy());
    try (BatchView view = new BatchView(database)) {
      assertThat(admission.admit(note, view)).isEqualTo(Admission.STORED);
      assertThat(admission.admit(note, view)).isInstanceOf(Admission.Duplicate.class);
    }
  }

  @Test
  void replacementAndPolicyLookupsSeeEarlierEventsOfTheBatch() throws Exception {
    EventAdmission admission = new EventAdmission(new GraspPolicy(List.of("wss://relay.test")));
    Event repo = Signed.by(alice).kind(30617).at(10).tag("d", "r").tag("relays", "wss://relay.test").sign();
    Event newer = Signed.by(alice).kind(30617).at(20).tag("d", "r").tag("relays", "wss://relay.test").sign();
    Event issue = Signed.by(alice).kind(1621).tag("a", "30617:" + alice.publicKeyHex() + ":r").sign();
    try (BatchView view = new BatchView(database)) {
      assertThat(admission.admit(repo, view)).isEqualTo(Admission.STORED);
      assertThat(admission.admit(issue, view)).isEqualTo(Admission.STORED);
      assertThat(admission.admit(newer, view)).isEqualTo(Admission.STORED);
      assertThat(admission.admit(repo, view)).isInstanceOf(Admission.Duplicate.class);
      assertThat(view.get(Column.EVENTS, IndexKeys.hexToBytes(repo.id()))).isNull();
    }
  }
}
