package dev.graspsync.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.it.harness.ChildProcess;
import dev.graspsync.it.harness.NodeScripts;
import dev.graspsync.nostr.negentropy.harness.LineHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our negentropy against the reference JavaScript one (the class applesauce-relay ships), in
 * both roles, over seeded random sets, through the reference suite's line protocol: the
 * have/need ids must be exactly the sets' difference and no message may exceed the frame limit
 * (each harness refuses to send one that does).
 */
class NegentropyDifferentialTest {
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

  @ParameterizedTest(name = "{0}: shared {1}, only initiator {2}, only responder {3}, frame {5}")
  @CsvSource({
    "empty, 0, 0, 0, false, 0",
    "equal, 5000, 0, 0, false, 0",
    "disjoint, 0, 3000, 3000, false, 0",
    "disjoint, 0, 3000, 3000, false, 4096",
    "one we have, 5000, 1, 0, false, 0",
    "one we need, 5000, 0, 1, false, 4096",
    "ten percent, 9000, 500, 500, false, 0",
    "ten percent, 9000, 500, 500, false, 4096",
    "shared timestamps, 9000, 500, 500, true, 0",
    "shared timestamps, 9000, 500, 500, true, 4096",
    "100000 items, 90000, 5000, 5000, false, 0",
    "100000 items, 99000, 500, 500, false, 60000",
  })
  void javaInitiatorAgainstJsResponder(
      String name, int shared, int onlyInitiator, int onlyResponder, boolean ties, int frame) {
    Sets sets = Sets.generate(seed(name, frame), shared, onlyInitiator, onlyResponder, ties);
    try (NodeSide js = NodeSide.start(frame)) {
      LineHarness java = new LineHarness(frame);
      assertReconciled(sets, java::accept, js::accept, true);
    }
  }

  @ParameterizedTest(name = "{0}: shared {1}, only initiator {2}, only responder {3}, frame {5}")
  @CsvSource({
    "empty, 0, 0, 0, false, 0",
    "equal, 5000, 0, 0, false, 4096",
    "disjoint, 0, 3000, 3000, false, 4096",
    "one we have, 5000, 1, 0, false, 4096",
    "one we need, 5000, 0, 1, false, 0",
    "ten percent, 9000, 500, 500, false, 0",
    "ten percent, 9000, 500, 500, false, 4096",
    "shared timestamps, 9000, 500, 500, true, 4096",
    "100000 items, 90000, 5000, 5000, false, 0",
    "100000 items, 99000, 500, 500, false, 60000",
  })
  void jsInitiatorAgainstJavaResponder(
      String name, int shared, int onlyInitiator, int onlyResponder, boolean ties, int frame) {
    Sets sets = Sets.generate(seed(name, frame) + 1, shared, onlyInitiator, onlyResponder, ties);
    try (NodeSide js = NodeSide.start(frame)) {
      LineHarness java = new LineHarness(frame);
      // the reference initiator may report an id twice under a frame limit (its own suite
      // checks for duplicates only without one); ours never does
      assertReconciled(sets, js::accept, java::accept, frame == 0);
    }
  }

  private static void assertReconciled(
      Sets sets,
      Function<String, List<String>> initiator,
      Function<String, List<String>> responder,
      boolean eachIdOnce) {
    sets.initiator().forEach(initiator::apply);
    sets.responder().forEach(responder::apply);
    initiator.apply("seal");
    responder.apply("seal");
    List<String> have = new ArrayList<>();
    List<String> need = new ArrayList<>();
    List<String> lines = initiator.apply("initiate");
    for (int round = 0; !lines.get(lines.size() - 1).equals("done"); round++) {
      assertThat(round).as("rounds").isLessThan(1000);
      List<String> reply = responder.apply(lines.get(lines.size() - 1));
      lines = initiator.apply(reply.get(reply.size() - 1));
      for (String line : lines) {
        if (line.startsWith("have,")) {
          have.add(line.substring(5));
        } else if (line.startsWith("need,")) {
          need.add(line.substring(5));
        }
      }
    }
    assertThat(new HashSet<>(have)).as("have").isEqualTo(sets.onlyInitiator());
    assertThat(new HashSet<>(need)).as("need").isEqualTo(sets.onlyResponder());
    if (eachIdOnce) {
      assertThat(have).as("have").doesNotHaveDuplicates();
      assertThat(need).as("need").doesNotHaveDuplicates();
    }
  }

  private static long seed(String name, int frame) {
    return name.hashCode() * 31L + frame;
  }

  /** Item lines for both sides and the ids only either side holds. */
  record Sets(List<String> initiator, List<String> responder, Set<String> onlyInitiator, Set<String> onlyResponder) {
    static Sets generate(long seed, int shared, int onlyInitiator, int onlyResponder, boolean ties) {
      Random random = new Random(seed);
      List<String> both = items(random, shared, ties);
      List<String> mine = items(random, onlyInitiator, ties);
      List<String> theirs = items(random, onlyResponder, ties);
      List<String> initiator = new ArrayList<>(both);
      initiator.addAll(mine);
      List<String> responder = new ArrayList<>(both);
      responder.addAll(theirs);
      return new Sets(initiator, responder, ids(mine), ids(theirs));
    }

    private static List<String> items(Random random, int count, boolean ties) {
      List<String> out = new ArrayList<>(count);
      byte[] id = new byte[32];
      for (int i = 0; i < count; i++) {
        random.nextBytes(id);
        long at = ties ? 1_700_000_000L + random.nextInt(4) : 1_600_000_000L + random.nextInt(100_000_000);
        out.add("item," + at + "," + HexFormat.of().formatHex(id));
      }
      return out;
    }

    private static Set<String> ids(List<String> items) {
      Set<String> out = new HashSet<>();
      items.forEach(line -> out.add(line.substring(line.lastIndexOf(',') + 1)));
      return out;
    }
  }

  /** The JavaScript harness as a child process; items are batched, replies read up to msg/done. */
  static final class NodeSide implements AutoCloseable {
    private final ChildProcess child;
    private final StringBuilder pending = new StringBuilder();

    private NodeSide(ChildProcess child) {
      this.child = child;
    }

    static NodeSide start(int frame) {
      ChildProcess child =
          ChildProcess.command(
                  List.of(NodeScripts.nodeBinary().toString(), "clients/negentropy-harness.mjs", String.valueOf(frame)))
              .directory(NodeScripts.moduleDir())
              .keepLines(line -> true)
              .start("negentropy-js", NodeScripts.logDir().resolve("negentropy-js.log"));
      return new NodeSide(child);
    }

    List<String> accept(String line) {
      if (line.startsWith("item,") || line.equals("seal")) {
        pending.append(line).append('\n');
        return List.of();
      }
      pending.append(line);
      child.send(pending.toString());
      pending.setLength(0);
      List<String> reply = new ArrayList<>();
      while (true) {
        String next = child.awaitLine(REPLY_TIMEOUT);
        reply.add(next);
        if (next.startsWith("msg,") || next.equals("done")) {
          return reply;
        }
      }
    }

    @Override
    public void close() {
      child.stop(Duration.ofSeconds(5));
    }
  }
}
