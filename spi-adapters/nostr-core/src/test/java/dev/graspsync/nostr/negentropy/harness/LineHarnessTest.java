package dev.graspsync.nostr.negentropy.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Drives two harnesses the way the reference suite's fuzz script drives two implementations. */
class LineHarnessTest {

  @Test
  void twoHarnessesFindTheDifferenceOverTheLineProtocol() {
    Random random = new Random(11);
    LineHarness initiator = new LineHarness(4096);
    LineHarness responder = new LineHarness(4096);
    Set<String> onlyInitiator = new HashSet<>();
    Set<String> onlyResponder = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      String id = randomId(random);
      long at = 1_000 + random.nextInt(500);
      int where = random.nextInt(10);
      if (where != 1) {
        initiator.accept("item," + at + "," + id);
      }
      if (where != 0) {
        responder.accept("item," + at + "," + id);
      }
      if (where == 0) {
        onlyInitiator.add(id);
      } else if (where == 1) {
        onlyResponder.add(id);
      }
    }
    initiator.accept("seal");
    responder.accept("seal");

    Set<String> have = new HashSet<>();
    Set<String> need = new HashSet<>();
    List<String> lines = initiator.accept("initiate");
    int rounds = 0;
    while (!lines.contains("done")) {
      assertThat(rounds++).isLessThan(100);
      String message = lines.get(lines.size() - 1);
      assertThat(message).startsWith("msg,");
      List<String> reply = responder.accept(message);
      assertThat(reply).hasSize(1);
      lines = initiator.accept(reply.get(0));
      for (String line : lines) {
        if (line.startsWith("have,")) {
          have.add(line.substring(5));
        } else if (line.startsWith("need,")) {
          need.add(line.substring(5));
        }
      }
    }
    assertThat(have).isEqualTo(onlyInitiator);
    assertThat(need).isEqualTo(onlyResponder);
    assertThat(rounds).isGreaterThan(1);
  }

  @Test
  void mainSpeaksTheProtocolOnStandardStreams() throws Exception {
    String id = "ab".repeat(32);
    String input = "item,5," + id + "\nseal\ninitiate\nmsg,6100000200\n";
    InputStream stdin = System.in;
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      LineHarness.main(new String[0]);
    } finally {
      System.setIn(stdin);
      System.setOut(stdout);
    }
    // the peer's empty id list over the whole range: we have our one item, and are done
    assertThat(captured.toString(StandardCharsets.UTF_8).lines().toList())
        .containsExactly("msg,6100000201" + id, "have," + id, "done");
  }

  @Test
  void outOfProtocolLinesAreRefused() {
    LineHarness harness = new LineHarness(0);
    assertThatThrownBy(() -> harness.accept("initiate")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> harness.accept("bogus")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> harness.accept("item,1")).isInstanceOf(IllegalArgumentException.class);
  }

  private static String randomId(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      s.append(Character.forDigit(random.nextInt(16), 16));
    }
    return s.toString();
  }

}
