package dev.graspsync.sync.session;

import dev.graspsync.nostr.filter.Filter;
import java.util.Locale;

/**
 * A history filter the session stopped paging before it reached the end of the relay's
 * history: counted and shown, never taken for complete.
 *
 * @param filter the filter as last sent (its {@code until} is where the history stops)
 */
public record UnfinishedHistory(Filter filter, Reason reason) {

  /** Why paging could not go on. */
  public enum Reason {
    /**
     * More events share one second than the relay returns for a page: {@code until} cannot
     * reach the others (NIP-01 has no cursor).
     */
    SAME_SECOND,
    /** {@code max-history-pages} pages were asked and the history still went on. */
    PAGE_LIMIT;

    /** The metric label: {@code same_second}, {@code page_limit}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
