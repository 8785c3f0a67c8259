package dev.graspsync.spi.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDataDirTest {
  @TempDir Path home;

  @Test
  void aPluginsDirectoryIsMadeUnderTheHostsDataDirectoryAndKeptOnTheNextStart() throws IOException {
    Path dir = PluginDataDir.create(home.resolve("data"), "grasp-sync");
    assertThat(dir).isEqualTo(home.resolve("data/plugins/grasp-sync")).isDirectory();
    Files.writeString(dir.resolve("state"), "kept");
    assertThat(PluginDataDir.create(home.resolve("data"), "grasp-sync").resolve("state")).hasContent("kept");
  }

  @Test
  void aDirectoryThatCannotBeMadeFailsNamingItAndThePlugin() throws IOException {
    Files.writeString(home.resolve("data"), "a file where the directory should be");
    assertThatThrownBy(() -> PluginDataDir.create(home.resolve("data"), "grasp-sync"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("cannot create data directory " + home.resolve("data/plugins/grasp-sync")
            + " for plugin 'grasp-sync': ");
  }
}
