package dev.graspsync.sync.plan;

import dev.graspsync.nostr.event.Nip34;
import dev.graspsync.nostr.filter.Filter;
import java.util.Locale;

/**
 * The kinds of filter the sync sends, also the {@code layer} label of its metrics.
 *
 * <ul>
 *   <li>{@link #ANNOUNCEMENTS} (L1): kinds 30617 and 10317, no tag restriction.
 *   <li>{@link #STATE}: kinds 30617 and 30618 with {@code #d} of the tracked repositories.
 *   <li>{@link #REPO} (L2): any kind with {@code #a}, {@code #A} or {@code #q} naming a tracked
 *       repository.
 *   <li>{@link #ROOT} (L3): any kind with {@code #e}, {@code #E} or {@code #q} naming a tracked
 *       root event.
 * </ul>
 */
public enum Layer {
  ANNOUNCEMENTS,
  STATE,
  REPO,
  ROOT;

  /** The layer a filter {@link FilterPlan} built serves, read back from its shape. */
  public static Layer of(Filter f) {
    if (f.kinds().map(k -> k.contains(Nip34.REPO_STATE)).orElse(false)) {
      return STATE;
    }
    if (f.kinds().map(k -> k.contains(Nip34.REPO_ANNOUNCEMENT)).orElse(false)) {
      return ANNOUNCEMENTS;
    }
    boolean repoTag = f.tags().containsKey('a') || f.tags().containsKey('A')
        || f.tags().getOrDefault('q', java.util.Set.of()).stream().anyMatch(v -> v.indexOf(':') >= 0);
    return repoTag ? REPO : ROOT;
  }

  /** Lower-case name, for metric labels and logs. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
