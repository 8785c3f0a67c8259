package dev.graspsync.sync.relay;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which addresses a relay URL learned from a public event may lead the server to. Anyone can
 * publish an announcement whose {@code relays} tag names {@code ws://10.0.0.5:8080}; dialling
 * it would let strangers probe the server's internal network. Public addresses are always
 * allowed. With {@code allowPrivateAddresses} (tests, private deployments) loopback, private,
 * shared, unique-local, link-local and unspecified addresses are allowed too; multicast and
 * reserved ranges never are, since no relay can live there.
 *
 * <p>DNS resolution is I/O and belongs to the caller: resolve, {@link #check(List)} every
 * address, then dial one of the addresses checked (not the name again, which a hostile DNS
 * server could answer differently the second time).
 *
 * <p>Bootstrap relays come from the operator's configuration, not from events; the caller
 * does not submit them to this policy.
 */
public record AddressPolicy(boolean allowPrivateAddresses) {

  public AddressVerdict check(InetAddress address) {
    AddressClass cls = AddressClass.of(address);
    return verdict(cls, address.getHostAddress());
  }

  /** All of a host's resolved addresses must pass: one private answer refuses the host. */
  public AddressVerdict check(List<InetAddress> resolved) {
    if (resolved.isEmpty()) {
      return new AddressVerdict.Refused(AddressClass.RESERVED, "", "the host resolved to no address");
    }
    AddressVerdict first = null;
    for (InetAddress address : resolved) {
      AddressVerdict v = check(address);
      if (!v.allowed()) {
        return v;
      }
      if (first == null) {
        first = v;
      }
    }
    return first;
  }

  /**
   * The verdict that needs no DNS: for an IP-literal host, and for {@code localhost} and
   * names under {@code .localhost} (RFC 6761: always loopback). Empty when the host must be
   * resolved first.
   */
  public Optional<AddressVerdict> checkWithoutLookup(RelayUrl url) {
    Optional<InetAddress> literal = url.literalAddress();
    if (literal.isPresent()) {
      return Optional.of(check(literal.get()));
    }
    String host = url.host().toLowerCase(Locale.ROOT);
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return Optional.of(verdict(AddressClass.LOOPBACK, host));
    }
    return Optional.empty();
  }

  private AddressVerdict verdict(AddressClass cls, String address) {
    if (cls.isPublic()) {
      return new AddressVerdict.Allowed(cls);
    }
    if (cls == AddressClass.MULTICAST || cls == AddressClass.RESERVED) {
      return new AddressVerdict.Refused(cls, address, cls.name().toLowerCase(Locale.ROOT) + " address");
    }
    if (allowPrivateAddresses) {
      return new AddressVerdict.Allowed(cls);
    }
    return new AddressVerdict.Refused(
        cls,
        address,
        cls.name().toLowerCase(Locale.ROOT).replace('_', '-')
            + " address refused (allow-private-addresses is false)");
  }
}
