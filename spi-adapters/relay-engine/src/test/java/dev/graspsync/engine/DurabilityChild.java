package dev.graspsync.engine;

import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.spi.IngestSource;
import dev.graspsync.spi.IngestVerdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Child process for {@link KillDurabilityTest}: ingests events without end, keeping a window
 * in flight, and prints {@code ACK <id>} for each one only after its verdict arrived. The
 * test kills it with SIGKILL at some point and checks that every acknowledged id is stored.
 * Its stdout is the protocol with the test.
 */
public final class DurabilityChild {
  private static final int IN_FLIGHT = 64;

  private DurabilityChild() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    PrintStream out = System.out;
    Vertx vertx = Vertx.vertx();
    RelayEngine engine =
        RelayEngine.open(
            vertx,
            EngineSettings.defaults(dataDir, AcceptancePolicyKind.OPEN, List.of("ws://localhost")),
            new SimpleMeterRegistry());
    Keys keys = Keys.generate();
    Semaphore window = new Semaphore(IN_FLIGHT);
    out.println("READY");
    out.flush();
    for (long i = 0; ; i++) {
      Event event = Signed.by(keys).kind(1).at(1_700_000_000L + i).content("durable " + i).sign();
      window.acquire();
      engine
          .ingest(event, IngestSource.client("child"))
          .onComplete(
              verdict -> {
                if (verdict.succeeded() && verdict.result().equals(IngestVerdict.ACCEPTED)) {
                  synchronized (out) {
                    out.println("ACK " + event.id());
                    out.flush();
                  }
                }
                window.release();
              });
    }
  }
}
