package dev.graspsync.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FetchClaimsTest {

  @Test
  void anIdIsFetchedByOneRelayAtATimeAndFreeAgainWhenItsReqEnds() {
    FetchClaims claims = new FetchClaims();
    Object relayA = new Object();
    Object relayB = new Object();

    assertThat(claims.claim(List.of("x", "y"), relayA)).containsExactly("x", "y");
    assertThat(claims.claim(List.of("y", "z"), relayB)).as("y is being fetched from A").containsExactly("z");
    assertThat(claims.claim(List.of("y"), relayA)).as("its own claim").containsExactly("y");

    claims.release(List.of("x", "y"), relayA);
    claims.release(List.of("z"), relayA); // not A's: B keeps it
    assertThat(claims.claim(List.of("y", "z"), relayB)).containsExactly("y", "z");
    assertThat(claims.claim(List.of("z"), relayA)).isEmpty();
  }
}
