package dev.graspsync.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.spi.hosting.HostConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SidecarConfigParserTest {
  @TempDir Path dir;

  @Test
  void theFileIsOverriddenByTheEnvironmentAndTheEnvironmentByFlags() throws Exception {
    Path file = dir.resolve("sidecar.properties");
    Files.writeString(file, "sidecar.relay-url=ws://127.0.0.1:7777\nsidecar.http-port=1111\nsidecar.page-size=11\n"
        + "plugins.grasp-sync.max-relays=5\n");
    Properties flags = new Properties();
    flags.setProperty("sidecar.page-size", "33");

    SidecarConfig c = CommandLine.parse("--config", file.toString())
        .load(Map.of("SIDECAR_HTTP_PORT", "2222", "PLUGINS_GRASP_SYNC_MAX_RELAYS", "6"), flags);

    assertThat(c.httpPort()).isEqualTo(2222);
    assertThat(c.pageSize()).isEqualTo(33);
    assertThat(c.pluginConfig("grasp-sync").get("max-relays")).contains("6");
  }

  @Test
  void defaultsNeedOnlyTheRelayUrlWhichIsThenAlsoThePublicOne() {
    SidecarConfig c = SidecarConfigParser.parse(Map.of("sidecar.relay-url", "ws://127.0.0.1:7777"));
    assertThat(c.publicUrls()).containsExactly("ws://127.0.0.1:7777");
    assertThat(c.liveKinds()).containsExactly(30617, 1617, 1618, 1621);
    assertThat(c.liveOverlap()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.plugins()).isEmpty();
  }

  @Test
  void publicUrlsAreTheIdentityWhenGiven() {
    SidecarConfig c = SidecarConfigParser.parse(Map.of("sidecar.relay-url", "ws://127.0.0.1:7777",
        "sidecar.relay-public-urls", "wss://relay.example.com, wss://git.example.com"));
    assertThat(c.publicUrls()).containsExactly("wss://relay.example.com", "wss://git.example.com");
  }

  @Test
  void unknownOrBadKeysStopStartUpNamingTheKeyAndWhereItCameFrom() {
    assertThatThrownBy(() -> CommandLine.parse().load(Map.of("SIDECAR_RELAY_URL", "ws://h", "SIDECAR_PAGESIZE", "1"),
            new Properties()))
        .isInstanceOf(HostConfigException.class)
        .hasMessageContaining("sidecar.pagesize").hasMessageContaining("SIDECAR_PAGESIZE");
    assertThatThrownBy(() -> SidecarConfigParser.parse(Map.of("sidecar.relay-url", "http://relay.example.com")))
        .hasMessageContaining("sidecar.relay-url").hasMessageContaining("ws://");
    assertThatThrownBy(() -> SidecarConfigParser.parse(Map.of()))
        .hasMessageContaining("sidecar.relay-url is required");
    assertThatThrownBy(() -> SidecarConfigParser.parse(Map.of("sidecar.relay-url", "ws://h", "relay.port", "1")))
        .hasMessageContaining("relay.port");
    assertThatThrownBy(() -> SidecarConfigParser.parse(Map.of("sidecar.relay-url", "ws://h", "sidecar.live-kinds", "x")))
        .hasMessageContaining("sidecar.live-kinds");
    assertThatThrownBy(() -> SidecarConfigParser.parse(Map.of("sidecar.relay-url", "ws://h",
            "sidecar.auth-secret-key", "secret-not-hex")))
        .hasMessageContaining("sidecar.auth-secret-key").hasMessageNotContaining("secret-not-hex");
  }

  @Test
  void aDistributionDefaultsItsPluginsDirectoryToItsOwn() {
    Properties sys = new Properties();
    sys.setProperty(CommandLine.HOME_PROPERTY, "/opt/grasp-sync-sidecar");
    sys.setProperty("sidecar.relay-url", "ws://127.0.0.1:7777");
    assertThat(CommandLine.parse().load(Map.of(), sys).pluginsDir())
        .isEqualTo(Path.of("/opt/grasp-sync-sidecar/plugins"));
  }
}
