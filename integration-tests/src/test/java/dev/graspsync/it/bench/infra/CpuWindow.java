package dev.graspsync.it.bench.infra;

import java.util.List;
import java.util.Locale;

/**
 * Where the machine's CPU went between {@link #open} and {@link #close}: the host under test
 * (measured by the host itself), the external relays, this driver (mostly the counting
 * proxies) and everything else on the machine (other people's builds on a shared machine).
 */
public final class CpuWindow {
  private final List<Long> relayPids;
  private final long machineStart;
  private final long driverStart;
  private final long relaysStart;
  private final long wallStart;

  private CpuWindow(List<Long> relayPids) {
    this.relayPids = List.copyOf(relayPids);
    this.machineStart = CpuTime.machineBusyNanos();
    this.driverStart = CpuTime.ownNanos();
    this.relaysStart = relays();
    this.wallStart = System.nanoTime();
  }

  public static CpuWindow open(List<Long> relayPids) {
    return new CpuWindow(relayPids);
  }

  private long relays() {
    return relayPids.stream().mapToLong(CpuTime::ofProcess).sum();
  }

  /** Core-seconds used since {@link #open}, the host's given by the caller; may be called repeatedly. */
  public Usage close(long hostCpuNanos) {
    double wall = (System.nanoTime() - wallStart) / 1e9;
    double machine = (CpuTime.machineBusyNanos() - machineStart) / 1e9;
    double driver = (CpuTime.ownNanos() - driverStart) / 1e9;
    double relays = (relays() - relaysStart) / 1e9;
    double host = hostCpuNanos / 1e9;
    return new Usage(wall, machine, host, relays, driver, Math.max(0, machine - host - relays - driver));
  }

  /** Core-seconds (CPU seconds) by who used them, over {@code wall} seconds. */
  public record Usage(double wall, double machine, double host, double relays, double driver, double others) {
    public String describe(int cores) {
      return String.format(Locale.ROOT,
          "host %.1f, external relays %.1f, proxies (driver) %.1f, other processes %.1f; machine busy %.1f of %.1f",
          host, relays, driver, others, machine, wall * cores);
    }
  }
}
