package dev.graspsync.sync.index;

import static dev.graspsync.sync.fixtures.TestEvents.pubkey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RepoRefTest {
  private final String owner = pubkey(1);

  @Test
  void parsesAndFormats() {
    RepoRef ref = RepoRef.parse("30617:" + owner + ":my-repo").orElseThrow();
    assertThat(ref.owner()).isEqualTo(owner);
    assertThat(ref.identifier()).isEqualTo("my-repo");
    assertThat(ref.format()).isEqualTo("30617:" + owner + ":my-repo");
    assertThat(ref).hasToString(ref.format());
  }

  @Test
  void identifierKeepsColonsAndMayBeEmpty() {
    assertThat(RepoRef.parse("30617:" + owner + ":a:b").orElseThrow().identifier()).isEqualTo("a:b");
    assertThat(RepoRef.parse("30617:" + owner + ":").orElseThrow().identifier()).isEmpty();
  }

  @Test
  void refusesOtherShapes() {
    assertThat(RepoRef.parse("30618:" + owner + ":x")).isEmpty();
    assertThat(RepoRef.parse("30617:" + owner.toUpperCase() + ":x")).isEmpty();
    assertThat(RepoRef.parse("30617:" + owner.substring(1) + ":x")).isEmpty();
    assertThat(RepoRef.parse("30617:" + owner)).isEmpty();
    assertThat(RepoRef.parse("30617:" + owner + "x")).isEmpty();
    assertThat(RepoRef.parse("")).isEmpty();
    assertThat(RepoRef.of("nothex", "x")).isEmpty();
    assertThatThrownBy(() -> new RepoRef("nothex", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ordersByOwnerThenIdentifier() {
    RepoRef a = new RepoRef(pubkey(1), "b");
    RepoRef b = new RepoRef(pubkey(2), "a");
    RepoRef c = new RepoRef(pubkey(1), "c");
    assertThat(a).isLessThan(b).isLessThan(c);
  }
}
