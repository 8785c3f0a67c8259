package dev.graspsync.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.host.testing.TestClient;
import dev.graspsync.host.testing.TestEvents;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay as operators run it: a JVM of its own, started by Main, killed or stopped by signals. */
class ChildProcessTest {
  private static final Pattern LISTENING = Pattern.compile("listening on ws://127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path dir;
  final Vertx vertx = Vertx.vertx();
  final List<Process> processes = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    processes.forEach(Process::destroyForcibly);
    TestClient.await(vertx.close());
  }

  record Child(Process process, int port, Path stderr) {}

  Path config(String extra) throws IOException {
    Path file = dir.resolve("relay.properties");
    Files.writeString(file, "relay.port=0\nrelay.policy=open\nrelay.events-per-second=100000\n"
        + "relay.data-dir=" + dir.resolve("data") + "\nrelay.plugins-dir=" + dir.resolve("plugins") + "\n" + extra);
    return file;
  }

  Process launch(Path config, Path stderr) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--config", config.toString());
    pb.redirectError(stderr.toFile());
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  Child start(Path config, String name) throws Exception {
    Path stderr = dir.resolve(name + ".stderr");
    Process p = launch(config, stderr);
    BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = CompletableFuture.supplyAsync(() -> {
      try {
        return stdout.readLine();
      } catch (IOException e) {
        return null;
      }
    }).get(60, TimeUnit.SECONDS);
    assertThat(line).as("first stdout line; stderr: %s", Files.readString(stderr)).isNotNull();
    Matcher m = LISTENING.matcher(line);
    assertThat(m.matches()).as("'%s' is the listening line", line).isTrue();
    return new Child(p, Integer.parseInt(m.group(1)), stderr);
  }

  Set<String> storedIds(int port, Keys author) {
    try (TestClient c = TestClient.connect(vertx, port)) {
      c.send("[\"REQ\",\"all\",{\"authors\":[\"" + author.publicKeyHex() + "\"]}]");
      Set<String> ids = new HashSet<>();
      for (JsonArray m : c.untilEose("all")) {
        if ("EVENT".equals(m.getString(0))) {
          ids.add(m.getJsonObject(2).getString("id"));
        }
      }
      return ids;
    }
  }

  Set<String> publishAll(int port, Keys author, int n) {
    Set<String> acknowledged = new HashSet<>();
    try (TestClient c = TestClient.connect(vertx, port)) {
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        events.add(TestEvents.note(author, "event " + i, 1_700_000_000 + i));
      }
      events.forEach(e -> c.sendAsync(TestEvents.publish(e)));
      for (int i = 0; i < n; i++) {
        JsonArray ok = c.next();
        assertThat(ok.getString(0)).isEqualTo("OK");
        if (ok.getBoolean(2)) {
          acknowledged.add(ok.getString(1));
        }
      }
    }
    return acknowledged;
  }

  @Test
  void everyAcknowledgedEventSurvivesKillDashNine() throws Exception {
    Path config = config("");
    Keys author = Keys.generate();
    Child first = start(config, "first");
    Set<String> acknowledged = publishAll(first.port(), author, 300);
    assertThat(acknowledged).hasSize(300);

    first.process().destroyForcibly();
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

    Child second = start(config, "second");
    assertThat(storedIds(second.port(), author)).containsAll(acknowledged);
  }

  @Test
  void sigtermStopsGracefullyAndTheDataIsThereNextTime() throws Exception {
    Path config = config("");
    Keys author = Keys.generate();
    Child first = start(config, "first");
    Set<String> acknowledged = publishAll(first.port(), author, 20);

    first.process().destroy(); // SIGTERM
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(first.stderr())).contains("relay stopped");

    Child second = start(config, "second");
    assertThat(storedIds(second.port(), author)).containsExactlyInAnyOrderElementsOf(acknowledged);
  }

  @Test
  void aBadValueStopsStartUpWithExitCode2NamingTheKey() throws Exception {
    Path config = config("relay.max-limit=lots\n");
    Path stderr = dir.resolve("bad.stderr");
    Process p = launch(config, stderr);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    assertThat(Files.readString(stderr)).contains("relay.max-limit").contains("lots");
  }
}
