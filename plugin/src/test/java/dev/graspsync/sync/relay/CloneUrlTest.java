package dev.graspsync.sync.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloneUrlTest {

  @ParameterizedTest
  @CsvSource({
    "https://git.example.com/npub1abc/repo.git, wss://git.example.com",
    "https://git.example.com:8443/npub1abc/repo.git, wss://git.example.com:8443",
    "http://git.example.com/npub1abc/repo.git, ws://git.example.com",
    "http://git.example.com:8080/x, ws://git.example.com:8080",
    "HTTPS://Git.Example.com:443/x, wss://git.example.com",
    "https://user@git.example.com/x.git, wss://git.example.com",
    "https://git.example.com?x=1, wss://git.example.com",
    "https://git.example.com#frag, wss://git.example.com",
  })
  void derivesHostAndPortOnly(String clone, String relay) {
    assertThat(CloneUrl.relayFor(clone).orElseThrow().url().orElseThrow()).hasToString(relay);
  }

  @Test
  void otherSchemesImplyNoRelay() {
    assertThat(CloneUrl.relayFor("git@github.com:owner/repo.git")).isEmpty();
    assertThat(CloneUrl.relayFor("ssh://git@example.com/repo.git")).isEmpty();
    assertThat(CloneUrl.relayFor("git://example.com/repo.git")).isEmpty();
    assertThat(CloneUrl.relayFor("")).isEmpty();
  }

  @Test
  void derivedUrlsFollowTheUsualRules() {
    RelayUrl.Result r = CloneUrl.relayFor("https://:443/x").orElseThrow();
    assertThat(r).isInstanceOf(RelayUrl.Result.Refused.class);
    assertThat(((RelayUrl.Result.Refused) r).reason()).isEqualTo(UrlRefusal.EMPTY_HOST);
  }
}
