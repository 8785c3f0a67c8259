package dev.graspsync.it.bench.infra;

import java.util.HashMap;
import java.util.Map;

/** One {@code @status} reply of the host under test, field by field. */
public record HostStatus(Map<String, String> fields) {
  static HostStatus parse(String line) {
    Map<String, String> f = new HashMap<>();
    for (String part : line.split(" ")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        f.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return new HostStatus(Map.copyOf(f));
  }

  public long get(String name) {
    String v = fields.get(name);
    return v == null || v.isEmpty() ? 0 : Long.parseLong(v);
  }

  public String text(String name) {
    return fields.getOrDefault(name, "");
  }

  public long accepted() {
    return get("accepted");
  }

  public long pendingBatches() {
    return get("pending");
  }

  @Override
  public String toString() {
    return "stored=" + get("accepted") + " pendingBatches=" + get("pending") + " relays=" + get("connected") + "/"
        + get("tracked") + " repos=" + get("repos") + " roots=" + get("roots") + " subs=" + get("subsNow")
        + " (max one relay " + get("subsMax") + ") saved/dup/rej=" + get("saved") + "/" + get("duplicate") + "/"
        + get("rejected") + " failedBatches=" + get("failedBatches");
  }
}
