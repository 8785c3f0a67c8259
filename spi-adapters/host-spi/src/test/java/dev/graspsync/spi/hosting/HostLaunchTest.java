package dev.graspsync.spi.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.spi.PluginConfigException;
import dev.graspsync.spi.loader.PluginLoadException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HostLaunchTest {
  private final List<Integer> exits = new ArrayList<>();

  private Optional<String> start(Supplier<String> start) {
    return HostLaunch.start(LoggerFactory.getLogger(HostLaunchTest.class), start, HostLaunch::isConfiguration,
        exits::add);
  }

  @Test
  void aStartedHostIsHandedBackAndTheProcessGoesOn() {
    assertThat(start(() -> "host")).contains("host");
    assertThat(exits).isEmpty();
  }

  @Test
  void configurationTheOperatorMustFixExitsWithTwo() {
    for (RuntimeException bad : List.of(new HostConfigException("bad value 'x' for relay.port"),
        new PluginConfigException("bad bootstrap relay"), new PluginLoadException("no jar provides 'x'"))) {
      assertThat(start(() -> {
        throw bad;
      })).isEmpty();
    }
    assertThat(exits).containsExactly(2, 2, 2);
  }

  @Test
  void anyOtherFailureExitsWithOne() {
    assertThat(start(() -> {
      throw new IllegalStateException("cannot listen on 127.0.0.1:7777: address in use");
    })).isEmpty();
    assertThat(exits).containsExactly(1);
  }
}
