package dev.graspsync.sync.dial;

import dev.graspsync.sync.relay.AddressPolicy;
import dev.graspsync.sync.relay.AddressVerdict;
import dev.graspsync.sync.relay.RelayUrl;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Resolve, check, dial the checked address: run before every connection attempt (WebSocket and
 * NIP-11 alike), since a name's answer may change between attempts (DNS rebinding: a public
 * address when the relay was admitted, a loopback one at the next reconnect). Every address of
 * the answer must pass the {@link AddressPolicy}; the attempt then dials the first one, and
 * never the name again. Trusted relays (bootstrap relays, from the operator's configuration)
 * are resolved the same way but not checked.
 */
public final class DialGate {
  private final Resolver resolver;
  private final AddressPolicy policy;

  public DialGate(Resolver resolver, AddressPolicy policy) {
    this.resolver = resolver;
    this.policy = policy;
  }

  /** Where to dial {@code relay} now; never a failed future. */
  public Future<DialOutcome> prepare(RelayUrl relay, boolean trusted) {
    if (!trusted) {
      Optional<AddressVerdict> known = policy.checkWithoutLookup(relay);
      if (known.isPresent() && known.get() instanceof AddressVerdict.Refused no) {
        return Future.succeededFuture(refused(relay.host(), no));
      }
    }
    Optional<InetAddress> literal = relay.literalAddress();
    if (literal.isPresent()) {
      return Future.succeededFuture(decide(policy, relay.host(), List.of(literal.get()), trusted));
    }
    return resolver.resolve(relay.host())
        .map(answer -> decide(policy, relay.host(), answer, trusted))
        .otherwise(e -> new DialOutcome.Failed(ConnectFailure.DNS,
            SafeText.of("cannot resolve " + relay.host() + ": " + describe(e))));
  }

  /** The decision on one answer: pure. */
  static DialOutcome decide(AddressPolicy policy, String host, List<InetAddress> answer, boolean trusted) {
    if (answer.isEmpty()) {
      return new DialOutcome.Failed(ConnectFailure.DNS, SafeText.of(host + " resolved to no address"));
    }
    if (!trusted) {
      AddressVerdict verdict = policy.check(answer);
      if (verdict instanceof AddressVerdict.Refused no) {
        return refused(host, no);
      }
    }
    return new DialOutcome.Ready(new DialTarget(host, answer.get(0)));
  }

  private static DialOutcome refused(String host, AddressVerdict.Refused no) {
    String where = no.address().isEmpty() || no.address().equalsIgnoreCase(host)
        ? host : host + " resolved to " + no.address();
    return new DialOutcome.Failed(ConnectFailure.PRIVATE_ADDRESS, SafeText.of(where + ": " + no.reason()));
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
