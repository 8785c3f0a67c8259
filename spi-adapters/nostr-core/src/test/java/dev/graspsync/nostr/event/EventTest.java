package dev.graspsync.nostr.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventTest {
  static Event event(int kind, List<List<String>> tags) {
    return new Event("1".repeat(64), "2".repeat(64), 1, kind, tags, "", "3".repeat(128), "{}");
  }

  @Test
  void kindClassesFollowNip01() {
    assertThat(KindClass.of(1)).isEqualTo(KindClass.REGULAR);
    assertThat(KindClass.of(0)).isEqualTo(KindClass.REPLACEABLE);
    assertThat(KindClass.of(3)).isEqualTo(KindClass.REPLACEABLE);
    assertThat(KindClass.of(10317)).isEqualTo(KindClass.REPLACEABLE);
    assertThat(KindClass.of(19999)).isEqualTo(KindClass.REPLACEABLE);
    assertThat(KindClass.of(22242)).isEqualTo(KindClass.EPHEMERAL);
    assertThat(KindClass.of(30617)).isEqualTo(KindClass.ADDRESSABLE);
    assertThat(KindClass.of(40000)).isEqualTo(KindClass.REGULAR);
  }

  @Test
  void addressesOfAddressableAndReplaceableEvents() {
    String pk = "2".repeat(64);
    assertThat(event(30617, List.of(List.of("d", "repo"))).address()).contains("30617:" + pk + ":repo");
    assertThat(event(30617, List.of()).address()).contains("30617:" + pk + ":");
    assertThat(event(10317, List.of()).address()).contains("10317:" + pk + ":");
    assertThat(event(1617, List.of(List.of("d", "x"))).address()).isEqualTo(Optional.empty());
    assertThat(Nip34.repoRef(pk, "repo")).isEqualTo("30617:" + pk + ":repo");
  }

  @Test
  void tagAccessors() {
    Event e = event(30617, List.of(List.of("relays", "wss://a", "wss://b"), List.of("relays", "wss://c"), List.of("d")));
    assertThat(e.tagValues("relays")).containsExactly("wss://a", "wss://c");
    assertThat(e.tagValuesAll("relays")).containsExactly("wss://a", "wss://b", "wss://c");
    assertThat(e.dTag()).isEmpty();
  }

  @Test
  void tagsAreImmutableCopies() {
    List<String> tag = new java.util.ArrayList<>(List.of("t", "x"));
    Event e = event(1, List.of(tag));
    tag.set(1, "changed");
    assertThat(e.tags()).containsExactly(List.of("t", "x"));
  }
}
