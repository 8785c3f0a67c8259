package dev.graspsync.spi.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
  private record Key(String key, String defaultValue) implements ConfigKey {
    static final Key PORT = new Key("demo.port", "80");
    static final Key FLAG = new Key("demo.flag", "on");
    static final Key DIR = new Key("demo.dir", "./data");
    static final Key URLS = new Key("demo.urls", "");
    static final Key IDS = new Key("demo.ids", "");
    static final Key SECRET = new Key("demo.secret", "");
    static final Key HOST = new Key("demo.host", "127.0.0.1");
  }

  /** A host's own refinement, to see that the reader fails with it. */
  private static final class DemoException extends HostConfigException {
    private static final long serialVersionUID = 1L;

    DemoException(String message) {
      super(message);
    }
  }

  private static final HostKeys DEMO = new HostKeys("demo.",
      List.of("demo.port", "demo.flag", "demo.dir", "demo.urls", "demo.ids", "demo.secret", "demo.host"), "demo.ids");

  private static ConfigReader reader(Map<String, String> values) {
    return new ConfigReader(new RawConfig(values, Map.of("demo.port", "environment variable DEMO_PORT")),
        DemoException::new);
  }

  @Test
  void aBlankOrMissingValueIsTheDefaultAndValuesAreTrimmed() {
    ConfigReader read = reader(Map.of("demo.port", "  ", "demo.dir", " /var/demo "));
    assertThat(read.integer(Key.PORT, 1, 65535)).isEqualTo(80);
    assertThat(read.path(Key.DIR)).isEqualTo(Path.of("/var/demo"));
    assertThat(read.onOff(Key.FLAG)).isTrue();
  }

  @Test
  void anIntegerOutOfRangeOrNotANumberNamesTheKeyTheValueItsOriginAndTheRange() {
    for (String bad : List.of("0", "65536", "eighty", "99999999999999999999")) {
      assertThatThrownBy(() -> reader(Map.of("demo.port", bad)).integer(Key.PORT, 1, 65535))
          .isInstanceOf(DemoException.class)
          .hasMessage("bad value '" + bad + "' for demo.port (from environment variable DEMO_PORT): "
              + "expected an integer from 1 to 65535");
    }
  }

  @Test
  void secondsAreAWholeNumberInRange() {
    assertThat(reader(Map.of("demo.port", "90")).seconds(Key.PORT, 0, 3600)).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> reader(Map.of("demo.port", "-1")).seconds(Key.PORT, 0, 3600))
        .hasMessageContaining("expected an integer from 0 to 3600");
  }

  @Test
  void onOffIgnoresCaseAndRefusesAnythingElse() {
    assertThat(reader(Map.of("demo.flag", "OFF")).onOff(Key.FLAG)).isFalse();
    assertThatThrownBy(() -> reader(Map.of("demo.flag", "yes")).onOff(Key.FLAG))
        .hasMessage("bad value 'yes' for demo.flag (from configuration): expected on or off");
  }

  @Test
  void aListDropsBlankItems() {
    assertThat(reader(Map.of("demo.urls", " a, ,b ,")).list(Key.URLS)).containsExactly("a", "b");
    assertThat(reader(Map.of()).list(Key.URLS)).isEmpty();
  }

  @Test
  void aWebSocketUrlNeedsWsOrWssAndAHostAndTheMessageShowsTheOneItem() {
    ConfigReader read = reader(Map.of());
    assertThat(read.wsUrl(Key.URLS, "WSS://relay.example.com")).isEqualTo("WSS://relay.example.com");
    for (String bad : List.of("https://relay.example.com", "ws:///nohost", "ws://bad host")) {
      assertThatThrownBy(() -> read.wsUrl(Key.URLS, bad))
          .hasMessage("bad value '" + bad + "' for demo.urls (from configuration): expected ws:// or wss:// URLs "
              + "with a host, for example wss://relay.example.com");
    }
  }

  @Test
  void aListenHostHasNoPathOrSpace() {
    assertThat(reader(Map.of()).listenHost(Key.HOST, "0.0.0.0")).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> reader(Map.of("demo.host", "ws://x/")).listenHost(Key.HOST, "0.0.0.0"))
        .hasMessage("bad value 'ws://x/' for demo.host (from configuration): expected a host name or IP address "
            + "to listen on, for example 0.0.0.0");
  }

  @Test
  void pluginIdsAreDistinctAndAMalformedOneShowsWhatTheHostChooses() {
    assertThat(reader(Map.of("demo.ids", "a-1, b, a-1")).pluginIds(Key.IDS, id -> id)).containsExactly("a-1", "b");
    assertThatThrownBy(() -> reader(Map.of("demo.ids", "a, B")).pluginIds(Key.IDS, id -> "<" + id + ">"))
        .hasMessage("bad value '<B>' for demo.ids (from configuration): expected comma-separated plugin ids "
            + "(lower-case letters, digits and '-')");
  }

  @Test
  void aSecretKeyIsLowerCasedAndAMalformedOneIsNeverEchoed() {
    String hex = "AB".repeat(32);
    ConfigReader read = reader(Map.of("demo.secret", hex));
    assertThat(read.secretKey(Key.SECRET, read::badUnshown)).contains(hex.toLowerCase(Locale.ROOT));
    assertThat(reader(Map.of()).secretKey(Key.SECRET, read::badUnshown)).isEmpty();
    ConfigReader bad = reader(Map.of("demo.secret", "not-hex"));
    assertThatThrownBy(() -> bad.secretKey(Key.SECRET, bad::badUnshown))
        .hasMessage("bad value for demo.secret (from configuration): expected a secret key as 64 hex characters");
  }

  @Test
  void anUnknownKeyOrAMalformedPluginKeyStopsStartUp() {
    reader(Map.of("demo.port", "1", "plugins.grasp-sync.bootstrap", "x")).rejectUnknownKeys(DEMO);
    assertThatThrownBy(() -> reader(Map.of("demo.prot", "1")).rejectUnknownKeys(DEMO))
        .isInstanceOf(DemoException.class)
        .hasMessageStartingWith("unknown key demo.prot (from configuration); known demo keys: demo.port, demo.flag");
    assertThatThrownBy(() -> reader(Map.of("other.port", "1")).rejectUnknownKeys(DEMO))
        .hasMessage("unknown key other.port (from configuration): keys start with demo. or plugins.<plugin id>.");
    for (String bad : List.of("plugins.x", "plugins.x.", "plugins.X.key")) {
      assertThatThrownBy(() -> reader(Map.of(bad, "1")).rejectUnknownKeys(DEMO))
          .hasMessage("bad key " + bad + " (from configuration): plugin keys are written plugins.<plugin id>.<key>");
    }
  }

  @Test
  void pluginPropertiesAreGroupedByPluginWithoutTheirPrefix() {
    assertThat(reader(Map.of("plugins.a.x", "1", "plugins.a.y.z", "2", "plugins.b.x", "3", "demo.port", "1"))
        .pluginProperties())
        .isEqualTo(Map.of("a", Map.of("x", "1", "y.z", "2"), "b", Map.of("x", "3")));
  }
}
