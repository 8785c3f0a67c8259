package dev.graspsync.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.host.RelayRuntime;
import dev.graspsync.host.StartupException;
import dev.graspsync.host.config.ConfigException;
import dev.graspsync.host.testing.Poll;
import dev.graspsync.host.testing.TestClient;
import dev.graspsync.host.testing.TestEvents;
import dev.graspsync.host.testing.TestRelay;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins loaded from a directory of jars, through the SPI, with their hooks. */
class PluginHostingTest {
  @TempDir static Path jars;
  static Path pluginsDir;
  @TempDir Path dataDir;
  RelayRuntime relay;
  Vertx vertx;
  TestClient client;

  @BeforeAll
  static void buildPlugins() {
    pluginsDir = jars.resolve("plugins");
    TestPluginJar.build(pluginsDir, "recorder", jars);
    TestPluginJar.build(pluginsDir, "thrower", jars);
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (vertx != null) {
      TestClient.await(vertx.close());
    }
    if (relay != null) {
      relay.stop();
    }
  }

  RelayRuntime start(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(overrides);
    values.put("relay.plugins-dir", pluginsDir.toString());
    return TestRelay.start(dataDir, values);
  }

  Path pluginData(String id) {
    return dataDir.resolve("plugins").resolve(id);
  }

  boolean accepted(String id, String eventId, String source) {
    return TestPluginJar.lines(pluginData(id).resolve("accepted.log")).contains(eventId + " " + source);
  }

  JsonArray publish(Event e) {
    client.send(TestEvents.publish(e));
    return client.nextMatching(m -> "OK".equals(m.getString(0)) && e.id().equals(m.getString(1)));
  }

  @Test
  void aPluginStartsAfterTheRelayListensAndSeesEveryStoredEventFromClientsAndPlugins() throws Exception {
    Event fromPlugin = TestEvents.note(Keys.generate(), "synced", 1_700_000_000);
    relay = start(Map.of("relay.plugins", "recorder", "plugins.recorder.ingest-on-startup", fromPlugin.json()));
    vertx = Vertx.vertx();
    client = TestClient.connect(vertx, relay.port());

    assertThat(Files.readString(pluginData("recorder").resolve("started"))).isEqualTo(relay.url());
    assertThat(relay.url()).endsWith(":" + relay.port());
    assertThat(Files.readString(pluginData("recorder").resolve("ingested"))).contains("Accepted");
    assertThat(Poll.until(() -> accepted("recorder", fromPlugin.id(), "PLUGIN"), Duration.ofSeconds(5))).isTrue();

    Event fromClient = TestEvents.note(Keys.generate(), "published", 1_700_000_001);
    assertThat(publish(fromClient).getBoolean(2)).isTrue();
    assertThat(Poll.until(() -> accepted("recorder", fromClient.id(), "CLIENT"), Duration.ofSeconds(5))).isTrue();

    // a duplicate is not stored again, so not announced again
    assertThat(publish(fromClient).getString(3)).startsWith("duplicate:");
    Event marker = TestEvents.note(Keys.generate(), "marker", 1_700_000_002);
    publish(marker);
    assertThat(Poll.until(() -> accepted("recorder", marker.id(), "CLIENT"), Duration.ofSeconds(5))).isTrue();
    assertThat(TestPluginJar.lines(pluginData("recorder").resolve("accepted.log")))
        .filteredOn(l -> l.startsWith(fromClient.id())).hasSize(1);

    String metrics = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relay.port() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("testplugin_registered_total{plugin=\"recorder\"}");

    relay.stop();
    assertThat(pluginData("recorder").resolve("stopped")).exists();
  }

  @Test
  void aPluginThatThrowsIsCountedAndTheRelayAndOtherPluginsKeepServing() throws Exception {
    relay = start(Map.of("relay.plugins", "thrower,recorder", "plugins.thrower.throw-on-event", "true"));
    vertx = Vertx.vertx();
    client = TestClient.connect(vertx, relay.port());

    Event e = TestEvents.note(Keys.generate(), "hello", 1_700_000_000);
    assertThat(publish(e).getBoolean(2)).isTrue();
    assertThat(Poll.until(() -> accepted("recorder", e.id(), "CLIENT"), Duration.ofSeconds(5))).isTrue();

    HttpClient http = HttpClient.newHttpClient();
    HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relay.port() + "/metrics")).build();
    assertThat(Poll.until(() -> {
      try {
        return http.send(scrape, HttpResponse.BodyHandlers.ofString()).body()
            .contains("relay_plugin_errors_total{plugin=\"thrower\"} 1.0");
      } catch (Exception ex) {
        return false;
      }
    }, Duration.ofSeconds(5))).isTrue();

    Event next = TestEvents.note(Keys.generate(), "again", 1_700_000_001);
    assertThat(publish(next).getBoolean(2)).isTrue();
  }

  @Test
  void anEnabledIdThatNoJarProvidesStopsStartUpNamingIt() {
    assertThatThrownBy(() -> start(Map.of("relay.plugins", "recorder,ghost")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'ghost'")
        .hasMessageContaining("recorder");
  }

  @Test
  void aPluginRefusingItsConfigurationStopsStartUpNamingTheKey() {
    assertThatThrownBy(() -> start(Map.of("relay.plugins", "recorder", "plugins.recorder.answer", "999")))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("plugins.recorder.answer")
        .hasMessageContaining("999");
  }

  @Test
  void aPluginServesItsPathOnTheRelaysPort() throws Exception {
    relay = start(Map.of("relay.plugins", "recorder", "plugins.recorder.serve-http", "/recorder/status"));
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + relay.port() + "/recorder/status")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(Files.readString(pluginData("recorder").resolve("serving"))).isEqualTo("true");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("served by recorder");
  }

  @Test
  void twoPluginsAskingForOnePathStopStartUpNamingBoth() {
    assertThatThrownBy(() -> start(Map.of("relay.plugins", "recorder,thrower",
        "plugins.recorder.serve-http", "/status", "plugins.thrower.serve-http", "/status")))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("plugin 'thrower' cannot start")
        .hasMessageContaining("plugin 'recorder' already serves it");
  }

  @Test
  void pluginsThatAreNotEnabledAreNotRegistered() {
    relay = start(Map.of("relay.plugins", "recorder"));
    assertThat(pluginData("thrower")).doesNotExist();
    assertThat(pluginData("recorder").resolve("started")).exists();
  }
}
