package dev.graspsync.nostr.negentropy.harness;

import dev.graspsync.nostr.event.Hex;
import dev.graspsync.nostr.negentropy.Negentropy;
import dev.graspsync.nostr.negentropy.PackedStorage;
import dev.graspsync.nostr.negentropy.PackedStorageBuilder;
import dev.graspsync.nostr.negentropy.Reconciliation;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One side of a reconciliation driven by text lines, as the reference test suite's harnesses
 * speak them. In: {@code item,<created_at>,<id hex>}, {@code seal}, {@code initiate} (this
 * side initiates), {@code msg,<hex>}. Out: {@code msg,<hex>}; an initiator also answers
 * {@code have,<id>} and {@code need,<id>} lines, then {@code done} once reconciled. A message
 * over the frame size limit is an error. A side that receives a message without having
 * initiated responds.
 *
 * <p>Run: {@code FRAMESIZELIMIT=<bytes> java -cp nostr-core.jar:<deps>
 * dev.graspsync.nostr.negentropy.harness.LineHarness}.
 */
public final class LineHarness {
  private final int frameSizeLimit;
  private Optional<PackedStorageBuilder> builder = Optional.of(PackedStorage.builder());
  private Optional<PackedStorage> storage = Optional.empty();
  private Optional<Negentropy> negentropy = Optional.empty();
  private boolean initiator;

  public LineHarness(int frameSizeLimit) {
    this.frameSizeLimit = frameSizeLimit;
  }

  /**
   * Handles one input line and returns the lines to print.
   *
   * @throws IllegalArgumentException for a line out of protocol or a message over the limit
   */
  public List<String> accept(String line) {
    String[] parts = line.strip().split(",", -1);
    switch (parts[0]) {
      case "item" -> {
        if (parts.length != 3) {
          throw new IllegalArgumentException("item needs created_at and id: " + line);
        }
        building().add(Long.parseLong(parts[1]), parts[2].strip());
        return List.of();
      }
      case "seal" -> {
        storage = Optional.of(building().seal());
        builder = Optional.empty();
        return List.of();
      }
      case "initiate" -> {
        initiator = true;
        byte[] message = side().initiate();
        return List.of("msg," + checked(message));
      }
      case "msg" -> {
        if (parts.length != 2) {
          throw new IllegalArgumentException("msg needs one hex payload: " + line);
        }
        return answer(Hex.decode(parts[1].strip()));
      }
      default -> throw new IllegalArgumentException("unknown command: " + parts[0]);
    }
  }

  private List<String> answer(byte[] message) {
    if (!initiator) {
      return List.of("msg," + checked(side().respond(message)));
    }
    Reconciliation round = side().reconcile(message);
    List<String> out = new ArrayList<>();
    round.have().forEach(id -> out.add("have," + id));
    round.need().forEach(id -> out.add("need," + id));
    out.add(round.next().map(next -> "msg," + checked(next)).orElse("done"));
    return out;
  }

  private Negentropy side() {
    if (negentropy.isEmpty()) {
      PackedStorage sealed = storage.orElseThrow(() -> new IllegalArgumentException("seal comes first"));
      negentropy =
          Optional.of(
              initiator
                  ? Negentropy.initiator(sealed, frameSizeLimit)
                  : Negentropy.responder(sealed, frameSizeLimit));
    }
    return negentropy.get();
  }

  private PackedStorageBuilder building() {
    return builder.orElseThrow(() -> new IllegalArgumentException("already sealed"));
  }

  private String checked(byte[] message) {
    if (frameSizeLimit != 0 && message.length > frameSizeLimit) {
      throw new IllegalArgumentException(
          "message of " + message.length + " bytes exceeds the frame size limit " + frameSizeLimit);
    }
    return Hex.encode(message);
  }

  /** Reads commands from stdin until it closes; the frame size limit comes from FRAMESIZELIMIT. */
  public static void main(String[] args) throws IOException {
    String limit = System.getenv().getOrDefault("FRAMESIZELIMIT", "0");
    LineHarness harness = new LineHarness(Integer.parseInt(limit.strip()));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      for (String reply : harness.accept(line)) {
        out.write(reply);
        out.newLine();
      }
      out.flush();
    }
  }
}
