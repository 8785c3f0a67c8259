package dev.graspsync.sync.session;

/**
 * What one subscription saw up to its end.
 *
 * @param received every EVENT the relay sent on it, whatever happened next (the figure paging
 *     and operators care about: the reference counted only events the host accepted)
 * @param delivered events handed to the listener
 * @param duplicates events dropped because their id had been delivered already
 * @param unmatched events dropped because they matched none of the subscription's filters
 * @param pages history pages (REQs) issued; 1 for a live subscription
 */
public record SubscriptionStats(long received, long delivered, long duplicates, long unmatched, int pages) {}
