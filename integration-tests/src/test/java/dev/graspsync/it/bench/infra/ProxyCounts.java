package dev.graspsync.it.bench.infra;

/**
 * What passed one proxy in a counting window.
 *
 * @param bytesFromRelay bytes the relay sent (what it served), WebSocket framing included
 * @param bytesToRelay bytes the client sent
 * @param events EVENT messages the relay sent
 * @param reqs REQ messages the client sent
 * @param openSubscriptions subscriptions open now (REQ minus CLOSE minus CLOSED, per connection)
 * @param maxOpenSubscriptions the most open at any moment in the window
 * @param connections connections accepted in the window
 */
public record ProxyCounts(
    long bytesFromRelay,
    long bytesToRelay,
    long events,
    long reqs,
    long closes,
    long closedByRelay,
    int openSubscriptions,
    int maxOpenSubscriptions,
    long connections) {

  public static final ProxyCounts ZERO = new ProxyCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

  public ProxyCounts plus(ProxyCounts o) {
    return new ProxyCounts(bytesFromRelay + o.bytesFromRelay, bytesToRelay + o.bytesToRelay, events + o.events,
        reqs + o.reqs, closes + o.closes, closedByRelay + o.closedByRelay, openSubscriptions + o.openSubscriptions,
        Math.max(maxOpenSubscriptions, o.maxOpenSubscriptions), connections + o.connections);
  }
}
