package dev.graspsync.engine.policy;

import dev.graspsync.nostr.event.Event;
import java.util.List;

/**
 * What the acceptance policy needs to know about the store. Answers include events accepted
 * earlier in the same write batch, so a reply right behind its root is judged correctly.
 */
public interface AcceptanceLookup {

  /** Whether the repository announcement {@code 30617:<pubkey>:<d>} is stored here. */
  boolean hostsRepository(String repoRef);

  /** Every stored repository announcement whose {@code d} tag is {@code identifier}. */
  List<Event> announcementsNamed(String identifier);

  /** Whether an event with this id is stored. */
  boolean isStored(String eventId);

  /** Whether a stored event tags {@code eventId} with an {@code e}, {@code E} or {@code q} tag. */
  boolean isReferencedByStored(String eventId);

  /**
   * Whether a stored event tags the address {@code kind:pubkey:d} with an {@code a}, {@code A}
   * or {@code q} tag.
   */
  boolean isAddressReferencedByStored(String address);
}
