package dev.graspsync.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.spi.hosting.HostConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
  @TempDir Path dir;

  @Test
  void readsThePropertiesFileAndLetsTheEnvironmentAndFlagsOverrideIt() throws Exception {
    Path file = dir.resolve("relay.properties");
    Files.writeString(file, "# comment\nrelay.port=1111\nrelay.max-limit=11\nrelay.max-filters=3\n");
    Properties sys = new Properties();
    sys.setProperty("relay.max-limit", "33");

    RelayConfig c = CommandLine.parse("--config", file.toString()).load(Map.of("RELAY_PORT", "2222"), sys);

    assertThat(c.port()).isEqualTo(2222);
    assertThat(c.maxLimit()).isEqualTo(33);
    assertThat(c.maxFilters()).isEqualTo(3);
  }

  @Test
  void aDistributionDefaultsItsPluginsDirectoryToItsOwn() {
    Properties sys = new Properties();
    sys.setProperty(CommandLine.HOME_PROPERTY, "/opt/grasp-relay");
    assertThat(CommandLine.parse().load(Map.of(), sys).pluginsDir()).isEqualTo(Path.of("/opt/grasp-relay/plugins"));
  }

  @Test
  void aMissingFileOrAnUnknownArgumentIsReported() {
    assertThatThrownBy(() -> CommandLine.parse("--config", dir.resolve("nope.properties").toString())
            .load(Map.of(), new Properties()))
        .isInstanceOf(HostConfigException.class).hasMessageContaining("nope.properties");
    assertThatThrownBy(() -> CommandLine.parse("--port", "1"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--port").hasMessageContaining("usage");
  }
}
