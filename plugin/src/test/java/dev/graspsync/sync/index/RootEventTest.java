package dev.graspsync.sync.index;

import static dev.graspsync.sync.fixtures.TestEvents.event;
import static dev.graspsync.sync.fixtures.TestEvents.freshId;
import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static dev.graspsync.sync.fixtures.TestEvents.rootEvent;
import static dev.graspsync.sync.fixtures.TestEvents.tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.event.Nip34;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootEventTest {
  private final String upstream = "30617:" + pubkey(1) + ":repo";
  private final String fork = "30617:" + pubkey(2) + ":repo";

  @Test
  void joinsEveryRepositoryItsATagsName() {
    RootEvent root = RootEvent.from(rootEvent(Nip34.PATCH, upstream, fork)).orElseThrow();
    assertThat(root.repos()).containsExactlyInAnyOrder(
        RepoRef.parse(upstream).orElseThrow(), RepoRef.parse(fork).orElseThrow());
    assertThat(root.kind()).isEqualTo(Nip34.PATCH);
  }

  @Test
  void onlyPatchesPullRequestsAndIssuesAreRoots() {
    assertThat(RootEvent.from(rootEvent(Nip34.ISSUE, upstream))).isPresent();
    assertThat(RootEvent.from(rootEvent(Nip34.PULL_REQUEST, upstream))).isPresent();
    assertThat(RootEvent.from(rootEvent(Nip34.COMMENT, upstream))).isEmpty();
    assertThat(RootEvent.from(rootEvent(Nip34.STATUS_OPEN, upstream))).isEmpty();
  }

  @Test
  void ignoresATagsThatAreNotRepositories() {
    var e = event(freshId(), pubkey(3), 1, Nip34.ISSUE,
        List.of(tag("a", "30023:" + pubkey(1) + ":article"), tag("a", upstream), tag("A", fork)));
    assertThat(RootEvent.from(e).orElseThrow().repos()).containsExactly(RepoRef.parse(upstream).orElseThrow());
    var none = event(freshId(), pubkey(3), 1, Nip34.ISSUE, List.of(tag("a", "garbage")));
    assertThat(RootEvent.from(none)).isEmpty();
  }
}
