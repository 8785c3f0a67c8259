package dev.graspsync.sync.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.health.Health;
import org.junit.jupiter.api.Test;

/** Workers post, the endpoint reads a consistent snapshot. */
class StatusBoardTest {
  private final StatusBoard board = new StatusBoard();

  @Test
  void aSnapshotListsTheLatestPostOfEveryRelayInUrlOrder() {
    board.post(StatusFixtures.syncing("wss://b.example"));
    board.post(StatusFixtures.live("wss://a.example"));
    board.post(StatusFixtures.live("wss://b.example"));
    board.index(3, 5);

    SyncStatus status = board.snapshot(StatusFixtures.NOW);

    assertThat(status.relays()).extracting(RelayStatus::relay).containsExactly("wss://a.example", "wss://b.example");
    assertThat(status.syncing()).isZero();
    assertThat(status.connected()).isEqualTo(2);
    assertThat(status.repositories()).isEqualTo(3);
    assertThat(status.rootEvents()).isEqualTo(5);
    assertThat(status.at()).isEqualTo(StatusFixtures.NOW);
  }

  @Test
  void aForgottenRelayLeavesTheBoardAndEarlierSnapshotsStayAsTheyWere() {
    board.post(StatusFixtures.live("wss://a.example"));
    board.post(StatusFixtures.failing("wss://b.example", Health.DEAD, "connect failed"));
    SyncStatus before = board.snapshot(StatusFixtures.NOW);

    board.remove("wss://b.example");

    assertThat(board.snapshot(StatusFixtures.NOW).relays()).extracting(RelayStatus::relay).containsExactly("wss://a.example");
    assertThat(before.tracked()).isEqualTo(2);
    assertThat(before.dead()).isEqualTo(1);
  }
}
