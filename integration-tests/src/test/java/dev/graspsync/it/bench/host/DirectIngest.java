package dev.graspsync.it.bench.host;

import dev.graspsync.engine.AcceptancePolicyKind;
import dev.graspsync.engine.EngineSettings;
import dev.graspsync.engine.RelayEngine;
import dev.graspsync.it.bench.infra.CpuTime;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.spi.IngestSource;
import dev.graspsync.spi.IngestVerdict;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The direct-ingest limit: the host's engine alone (GRASP-01 policy, default settings), fed
 * the benchmark's events from one event loop with {@code window} ingests in flight, as a
 * plugin feeds it. Parsing the file is not timed; id, signature, policy and durable storage are.
 */
final class DirectIngest {
  private final RelayEngine engine;
  private final List<Event> events;
  private final int window;
  private final Promise<Void> done = Promise.promise();
  private int next;
  private int inFlight;
  private int finished;
  private long accepted;
  private long duplicates;
  private long rejected;
  private Optional<String> firstRejection = Optional.empty();

  private DirectIngest(RelayEngine engine, List<Event> events, int window) {
    this.engine = engine;
    this.events = events;
    this.window = window;
  }

  static void run(Path dataDir, String ownUrl, Path file, int window, PrintStream out) throws IOException {
    List<Event> events;
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      events = lines.map(Event::fromJson).toList();
    }
    Vertx vertx = Vertx.vertx();
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RelayEngine engine = RelayEngine.open(vertx,
        EngineSettings.defaults(dataDir, AcceptancePolicyKind.GRASP, List.of(ownUrl)), meters);
    DirectIngest run = new DirectIngest(engine, events, window);
    Context context = vertx.getOrCreateContext();
    long cpuBefore = CpuTime.ownNanos();
    long start = System.nanoTime();
    context.runOnContext(v -> run.pump());
    run.done.future().await();
    long nanos = System.nanoTime() - start;
    long cpu = CpuTime.ownNanos() - cpuBefore;
    engine.close();
    vertx.close().await();
    out.println("@ingested total=" + events.size() + " accepted=" + run.accepted + " duplicate=" + run.duplicates
        + " rejected=" + run.rejected + " nanos=" + nanos + " cpu=" + cpu
        + " firstRejection=" + run.firstRejection.orElse("-").replace(' ', '_'));
  }

  private void pump() {
    while (next < events.size() && inFlight < window) {
      inFlight++;
      engine.ingest(events.get(next++), IngestSource.client("bench")).onComplete(ar -> {
        inFlight--;
        finished++;
        if (ar.succeeded() && ar.result() instanceof IngestVerdict.Accepted) {
          accepted++;
        } else if (ar.succeeded() && ar.result() instanceof IngestVerdict.Duplicate) {
          duplicates++;
        } else {
          rejected++;
          if (firstRejection.isEmpty()) {
            firstRejection = Optional.of(ar.succeeded() ? ar.result().toString() : ar.cause().toString());
          }
        }
        if (finished == events.size()) {
          done.complete();
        } else {
          pump();
        }
      });
    }
  }
}
