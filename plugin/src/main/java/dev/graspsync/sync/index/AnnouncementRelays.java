package dev.graspsync.sync.index;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.sync.relay.AddressVerdict;
import dev.graspsync.sync.relay.CloneUrl;
import dev.graspsync.sync.relay.RelayUrl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The relays a repository announcement (30617) lists: every value of every {@code relays}
 * tag, then the ws(s) URL implied by every http(s) {@code clone} URL, normalised and
 * de-duplicated in that order. Own URLs, invalid URLs and private IP literals are left out
 * with a reason; beyond {@code maxRelaysPerRepo} the rest are counted and left out.
 *
 * @param relays at most maxRelaysPerRepo, in announcement order
 * @param refused everything left out, with why (including own URLs and the over-cap ones)
 * @param overCap how many valid relays were beyond the cap
 */
public record AnnouncementRelays(Set<RelayUrl> relays, List<RefusedUrl> refused, int overCap) {
  public AnnouncementRelays {
    relays = Collections.unmodifiableSet(new LinkedHashSet<>(relays));
    refused = List.copyOf(refused);
  }

  public static AnnouncementRelays of(Event announcement, IndexRules rules) {
    Set<RelayUrl> accepted = new LinkedHashSet<>();
    Set<RelayUrl> seen = new HashSet<>();
    List<RefusedUrl> refused = new ArrayList<>();
    int overCap = 0;
    List<RelayUrl.Result> candidates = new ArrayList<>();
    for (String value : announcement.tagValuesAll("relays")) {
      candidates.add(RelayUrl.parse(value));
    }
    for (String value : announcement.tagValuesAll("clone")) {
      Optional<RelayUrl.Result> derived = CloneUrl.relayFor(value);
      derived.ifPresent(candidates::add);
    }
    for (RelayUrl.Result result : candidates) {
      if (result instanceof RelayUrl.Result.Refused r) {
        refused.add(new RefusedUrl(r.input(), RefusedUrl.Why.INVALID, r.reason().description()));
        continue;
      }
      RelayUrl url = result.url().orElseThrow();
      if (!seen.add(url)) {
        continue;
      }
      if (rules.ownUrls().contains(url)) {
        refused.add(new RefusedUrl(url.toString(), RefusedUrl.Why.OWN_RELAY, "this relay's own URL"));
        continue;
      }
      Optional<AddressVerdict> verdict = rules.addressPolicy().checkWithoutLookup(url);
      if (verdict.isPresent() && verdict.get() instanceof AddressVerdict.Refused no) {
        refused.add(new RefusedUrl(url.toString(), RefusedUrl.Why.PRIVATE_ADDRESS, no.reason()));
        continue;
      }
      if (accepted.size() >= rules.maxRelaysPerRepo()) {
        overCap++;
        refused.add(new RefusedUrl(
            url.toString(), RefusedUrl.Why.OVER_CAP, "beyond max-relays-per-repo " + rules.maxRelaysPerRepo()));
        continue;
      }
      accepted.add(url);
    }
    return new AnnouncementRelays(accepted, refused, overCap);
  }
}
