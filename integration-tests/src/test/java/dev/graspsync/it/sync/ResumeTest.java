package dev.graspsync.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.fixtures.BulkEvents;
import dev.graspsync.it.fixtures.BulkHistory;
import dev.graspsync.it.harness.Meters;
import dev.graspsync.it.harness.TcpFaultProxy;
import dev.graspsync.it.host.EmbeddedHost;
import dev.graspsync.it.host.ReferenceRelay;
import dev.graspsync.it.host.SyncSettings;
import dev.graspsync.it.host.SyncTestBase;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A restart resumes from the sync state kept in RocksDB: the host catches up on what it
 * missed while down without downloading the history again. Measured on the wire: the EVENT
 * messages the external relay sends after the restart are at most twice the new events (each
 * may come once through the catch-up and once through the live subscription).
 */
class ResumeTest extends SyncTestBase {
  private static final Logger log = LoggerFactory.getLogger(ResumeTest.class);

  @Test
  void aRestartFetchesOnlyWhatIsNewNotTheHistory() {
    ReferenceRelay relay = referenceRelay();
    TcpFaultProxy wire = proxy(relay.url());
    BulkHistory.Signed old = BulkHistory.repo("resume", wire.url(), OWN_URL).withState().issues(300).comments(100)
        .sign();
    List<Event> history = old.events();
    List<Event> issues = old.issues();
    relay.publish(vertx, history);
    SyncSettings settings = SyncSettings.forTests(wire.url());

    EmbeddedHost first = startHost(settings);
    awaitStored(first, history);
    awaitSettled(first, wire.url());
    first.close();
    long sentBefore = wire.messagesToClient("EVENT");

    // while the host is down: new issues, comments on old and on new issues, made five minutes
    // ago (a relay that got them late): older than the live subscriptions' look-back, so only
    // the catch-up can find those that tag what the host already tracks
    long fiveMinutesAgo = BulkEvents.now() - 300;
    List<Event> newIssues = new ArrayList<>();
    List<Event> missed = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      newIssues.add(BulkEvents.issue(BulkEvents.repoRef("resume"), "bob", "new issue " + i, fiveMinutesAgo));
    }
    missed.addAll(newIssues);
    for (int i = 0; i < 10; i++) {
      missed.add(BulkEvents.comment(issues.get(i), "carol", "missed comment " + i, fiveMinutesAgo));
      missed.add(BulkEvents.comment(newIssues.get(i), "carol", "comment on a new issue " + i, fiveMinutesAgo));
    }
    relay.publish(vertx, missed);

    EmbeddedHost second = startHost(settings);
    awaitStored(second, missed);
    awaitCaughtUp(second, wire.url());
    long sentAfterRestart = wire.messagesToClient("EVENT") - sentBefore;

    log.info("resume: {} new events, relay sent {} EVENT messages after the restart (history {})",
        missed.size(), sentAfterRestart, history.size());
    assertThat(sentAfterRestart).isLessThanOrEqualTo(2L * missed.size());
    // the new issues and the comments on old issues came through the catch-up: gap events;
    // comments on the new issues came with the new root events' own first sync
    assertThat(Meters.counter(second.meters(), "grasp.sync.gap.events", "relay", wire.url()))
        .as("events the catch-up found that live sync had missed").isEqualTo(20);
    assertThat(second.count(Filter.builder().build()))
        .isEqualTo(history.size() + missed.size());
  }
}
