package dev.graspsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RelayUrlsTest {
  @Test
  void caseDefaultPortsAndTrailingSlashesDoNotMatter() {
    assertThat(RelayUrls.normalise("WSS://Relay.Example:443/")).isEqualTo("wss://relay.example");
    assertThat(RelayUrls.normalise("ws://relay.example:80")).isEqualTo("ws://relay.example");
    assertThat(RelayUrls.normalise(" wss://relay.example/nostr/ ")).isEqualTo("wss://relay.example/nostr");
  }

  @Test
  void otherPortsPathsAndSchemesStayDistinct() {
    assertThat(RelayUrls.same("wss://relay.example:8443", "wss://relay.example")).isFalse();
    assertThat(RelayUrls.same("ws://relay.example:443", "ws://relay.example")).isFalse();
    assertThat(RelayUrls.same("ws://relay.example", "wss://relay.example")).isFalse();
    assertThat(RelayUrls.same("wss://relay.example/a", "wss://relay.example/b")).isFalse();
  }

  @Test
  void pathCaseIsKept() {
    assertThat(RelayUrls.normalise("wss://R.example/Path")).isEqualTo("wss://r.example/Path");
  }

  @Test
  void textThatIsNotAUrlIsComparedTrimmedAndLowerCased() {
    assertThat(RelayUrls.normalise(" Relay.Example/ ")).isEqualTo("relay.example");
    assertThat(RelayUrls.normalise("wss://bad host")).isEqualTo("wss://bad host");
  }
}
