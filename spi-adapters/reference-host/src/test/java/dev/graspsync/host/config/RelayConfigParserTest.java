package dev.graspsync.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.engine.AcceptancePolicyKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelayConfigParserTest {

  private static RelayConfig merged(Map<String, String> file, Map<String, String> env, Map<String, String> sys) {
    return RelayConfigParser.parse(ConfigSources.merge(file, env, sys));
  }

  @Test
  void defaultsMatchTheDocumentation() {
    RelayConfig c = RelayConfigParser.parse(Map.of());
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(7777);
    assertThat(c.url()).isEmpty();
    assertThat(c.publicUrl(7777)).isEqualTo("ws://127.0.0.1:7777");
    assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(c.policy()).isEqualTo(AcceptancePolicyKind.GRASP);
    assertThat(c.maxLimit()).isEqualTo(5000);
    assertThat(c.maxMessageBytes()).isEqualTo(524288);
    assertThat(c.maxSubscriptions()).isEqualTo(100);
    assertThat(c.maxFilters()).isEqualTo(100);
    assertThat(c.maxEventTags()).isEqualTo(2500);
    assertThat(c.eventsPerSecond()).isEqualTo(50);
    assertThat(c.eventsBurst()).isEqualTo(100);
    assertThat(c.pluginsDir()).isEqualTo(Path.of("./plugins"));
    assertThat(c.plugins()).isEmpty();
    assertThat(c.authSecretKey()).isEmpty();
    assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void environmentOverridesTheFileAndSystemPropertiesOverrideBoth() {
    Map<String, String> file = Map.of("relay.port", "1000", "relay.max-limit", "10", "relay.policy", "open");
    Map<String, String> env = Map.of("RELAY_PORT", "2000", "RELAY_MAX_LIMIT", "20");
    Map<String, String> sys = Map.of("relay.port", "3000", "java.home", "/irrelevant");

    RelayConfig c = merged(file, env, sys);

    assertThat(c.port()).isEqualTo(3000);
    assertThat(c.maxLimit()).isEqualTo(20);
    assertThat(c.policy()).isEqualTo(AcceptancePolicyKind.OPEN);
  }

  @Test
  void pluginKeysLoseTheirPrefixAndEnvironmentVariablesReachThem() {
    Map<String, String> file = Map.of(
        "relay.plugins", "grasp-sync",
        "plugins.grasp-sync.batch-window", "5",
        "plugins.grasp-sync.bootstrap-relays", "wss://a");
    Map<String, String> env = Map.of(
        "PLUGINS_GRASP_SYNC_BOOTSTRAP_RELAYS", "wss://b,wss://c",
        "PLUGINS_GRASP_SYNC_NEW_KEY", "x",
        "PLUGINS_UNKNOWN_THING", "ignored");

    RelayConfig c = merged(file, env, Map.of("plugins.grasp-sync.batch-window", "7"));

    assertThat(c.plugins()).containsExactly("grasp-sync");
    assertThat(c.pluginConfig("grasp-sync").asMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "batch-window", "7", "bootstrap-relays", "wss://b,wss://c", "new-key", "x"));
    assertThat(c.pluginConfig("grasp-sync").fullKey("batch-window")).isEqualTo("plugins.grasp-sync.batch-window");
    assertThat(c.pluginConfig("other").asMap()).isEmpty();
  }

  @Test
  void aBadValueNamesTheKeyTheValueItsSourceAndWhatIsAccepted() {
    assertThatThrownBy(() -> merged(Map.of(), Map.of("RELAY_PORT", "seventy"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("relay.port")
        .hasMessageContaining("seventy")
        .hasMessageContaining("RELAY_PORT")
        .hasMessageContaining("0 to 65535");
    assertThatThrownBy(() -> RelayConfigParser.parse(Map.of("relay.policy", "strict")))
        .hasMessageContaining("relay.policy").hasMessageContaining("grasp or open");
    assertThatThrownBy(() -> RelayConfigParser.parse(Map.of("relay.max-message-bytes", "10")))
        .hasMessageContaining("relay.max-message-bytes").hasMessageContaining("1024");
    assertThatThrownBy(() -> RelayConfigParser.parse(Map.of("relay.url", "http://x")))
        .hasMessageContaining("relay.url").hasMessageContaining("ws://");
    assertThatThrownBy(() -> RelayConfigParser.parse(Map.of("relay.plugins", "Grasp Sync")))
        .hasMessageContaining("relay.plugins");
  }

  @Test
  void theSecretKeyIsCheckedButNeverEchoed() {
    String bad = "zz".repeat(32);
    assertThatThrownBy(() -> RelayConfigParser.parse(Map.of("relay.auth-secret-key", bad)))
        .hasMessageContaining("relay.auth-secret-key")
        .hasMessageNotContaining(bad);
    String good = "0f".repeat(32);
    assertThat(RelayConfigParser.parse(Map.of("relay.auth-secret-key", good)).authSecretKey()).contains(good);
  }

  @Test
  void unknownKeysStopStartUpNamingThem() {
    assertThatThrownBy(() -> RelayConfigParser.parse(Map.of("relay.prot", "1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("relay.prot");
    assertThatThrownBy(() -> merged(Map.of(), Map.of("RELAY_MAX_LIMT", "1"), Map.of()))
        .hasMessageContaining("relay.max-limt").hasMessageContaining("RELAY_MAX_LIMT");
    assertThatThrownBy(() -> RelayConfigParser.parse(Map.of("port", "1")))
        .hasMessageContaining("port").hasMessageContaining("relay.");
    assertThatThrownBy(() -> RelayConfigParser.parse(Map.of("plugins.grasp-sync", "1")))
        .hasMessageContaining("plugins.grasp-sync");
  }

  @Test
  void theUrlDefaultsToTheBoundPortAndAliasesFollowIt() {
    RelayConfig c = RelayConfigParser.parse(Map.of("relay.port", "0", "relay.url-aliases", "wss://a.example, wss://b.example"));
    assertThat(c.ownUrls(43210)).containsExactly("ws://127.0.0.1:43210", "wss://a.example", "wss://b.example");
    RelayConfig explicit = RelayConfigParser.parse(Map.of("relay.url", "wss://relay.example.com"));
    assertThat(explicit.publicUrl(1)).isEqualTo("wss://relay.example.com");
    assertThat(explicit.url()).isEqualTo(Optional.of("wss://relay.example.com"));
  }

  @Test
  void theBurstFollowsTheRateUnlessSet() {
    assertThat(RelayConfigParser.parse(Map.of("relay.events-per-second", "7")).eventsBurst()).isEqualTo(14);
    assertThat(RelayConfigParser.parse(Map.of("relay.events-per-second", "7", "relay.events-burst", "3")).eventsBurst())
        .isEqualTo(3);
  }
}
