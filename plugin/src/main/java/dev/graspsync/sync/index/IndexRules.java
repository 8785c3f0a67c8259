package dev.graspsync.sync.index;

import dev.graspsync.sync.relay.AddressPolicy;
import dev.graspsync.sync.relay.CloneUrl;
import dev.graspsync.sync.relay.RelayUrl;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the index applies to an announcement's relay URLs.
 *
 * @param ownUrls this relay's own URLs, never synced from
 * @param maxRelaysPerRepo relays kept per repository, in announcement order; the rest counted
 * @param addressPolicy refuses IP-literal hosts in private ranges (names are checked after DNS
 *     by the caller)
 */
public record IndexRules(Set<RelayUrl> ownUrls, int maxRelaysPerRepo, AddressPolicy addressPolicy) {
  public IndexRules {
    ownUrls = Set.copyOf(ownUrls);
    if (maxRelaysPerRepo < 1) {
      throw new IllegalArgumentException("maxRelaysPerRepo must be at least 1");
    }
  }

  /**
   * Normalises the host's URLs as the index will see them: ws(s) URLs as they are, http(s)
   * URLs as the relay they imply. Unparseable ones are skipped (the host validated them).
   */
  public static Set<RelayUrl> ownUrlsFrom(Collection<String> hostUrls) {
    Set<RelayUrl> out = new LinkedHashSet<>();
    for (String u : hostUrls) {
      RelayUrl.parse(u).url().ifPresent(out::add);
      CloneUrl.relayFor(u).flatMap(RelayUrl.Result::url).ifPresent(out::add);
    }
    return out;
  }
}
