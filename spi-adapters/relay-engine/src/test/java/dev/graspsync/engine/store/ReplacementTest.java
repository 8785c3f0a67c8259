package dev.graspsync.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplacementTest {
  @Test
  void newerWins() {
    assertThat(Replacement.supersedes(11, "ff", 10, "00")).isTrue();
    assertThat(Replacement.supersedes(10, "00", 11, "ff")).isFalse();
  }

  @Test
  void tieGoesToLowestId() {
    assertThat(Replacement.supersedes(10, "0a", 10, "0b")).isTrue();
    assertThat(Replacement.supersedes(10, "0b", 10, "0a")).isFalse();
  }
}
