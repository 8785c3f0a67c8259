package dev.graspsync.sync.batch;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CLOSED that refuses a subscription for the relay's capacity, not for what it asks: the same
 * request succeeds once fewer subscriptions are open, or when it is split or made smaller. Such
 * a refusal is overload, so it is retried with backoff, never parked like {@code restricted:}
 * or a banned pubkey.
 *
 * <p>Relays say it in prose and under any prefix ({@code blocked:}, {@code error:}, {@code
 * invalid:}, none), so {@link #classify} reads the words, in any case: a quantity (too many, at
 * most, max, maximum, more than, limit, exceeded) next to what is counted (subscriptions, subs,
 * REQs, filters), or a size (too large, too long, too big, max_message_length, message length,
 * payload size). The words must be close together: a filter's {@code limit} field ("invalid:
 * REQ limit exceeds maximum") is not the relay's subscription limit. Not capacity, whatever
 * the words: rate limits ({@code rate-limited:}, "rate limit", "slow down", "per second"),
 * which have their cooldown; {@code auth-required:}, which has AUTH; a refused subscription id
 * ("subscription id too long"), which no retry can cure.
 */
public enum CapacityRefusal {
  /** The relay's limit of open subscriptions per connection ("too many concurrent REQs"). */
  TOO_MANY_SUBSCRIPTIONS,
  /** The relay's limit of filters per REQ ("at most 20 filters per request"). */
  TOO_MANY_FILTERS,
  /** The REQ is over the relay's message size ("message too large", max_message_length). */
  TOO_LARGE;

  /** Up to two words between a quantity and its noun: "at most 100 open subscriptions". */
  private static final String GAP = "(?:[\\w-]+ ){0,2}";
  private static final String QUANTITY = "(?:too many|at most|no more than|more than|max|maximum|exceeded|exceeds|"
      + "exceeding|exceed|limit of|over)";
  private static final String SUBSCRIPTIONS =
      "(?:subscriptions|subscription|subs|reqs|(?:concurrent|open|active|simultaneous) (?:requests|queries))";
  private static final String LIMIT = "(?:limit|limits|max|maximum|quota|cap|count|exceeded|exceeds|exceed|reached)";

  private static final Pattern OVER_SUBSCRIPTIONS = Pattern.compile(
      "\\b" + QUANTITY + " " + GAP + SUBSCRIPTIONS + "\\b"
          + "|\\b(?:subscriptions?|subs) " + LIMIT + "\\b"
          + "|\\bmax_subscriptions\\b");
  private static final Pattern OVER_FILTERS = Pattern.compile(
      "\\b" + QUANTITY + " " + GAP + "filters\\b"
          + "|\\bfilters (?:limit|quota|cap|count|max|maximum|exceeded|exceeds|exceed)\\b"
          + "|\\bfilter count\\b"
          + "|\\bnumber of filters " + GAP + "(?:exceed|exceeds|exceeded|over|more|greater|must)\\b"
          + "|\\bmax_filters\\b");
  private static final Pattern OVER_SIZE = Pattern.compile(
      "\\btoo (?:large|long|big)\\b"
          + "|\\bmax_message_length\\b"
          + "|\\bmax(?:imum)?[ _]message[ _](?:length|size)\\b"
          + "|\\bmessage (?:length|size)\\b"
          + "|\\bpayload (?:size|length|too|exceeds|exceeded)\\b"
          + "|\\bframe (?:size|too)\\b"
          + "|\\b(?:size|length) (?:limit|exceeded|exceeds)\\b"
          + "|\\bexceeds? (?:the )?(?:max(?:imum)? )?(?:size|length)\\b");
  private static final Pattern RATE = Pattern.compile(
      "\\brate[ -]?limit|\\bslow down\\b|\\bthrottl|\\bper (?:second|minute|hour|sec|min)\\b");
  private static final Pattern SUBSCRIPTION_ID = Pattern.compile(
      "\\b(?:subscription|sub)[ _-]?(?:ids?|identifiers?)\\b|\\bsubid\\b|\\bmax_subid_length\\b");

  /** The capacity a CLOSED message names, if it names one. */
  public static Optional<CapacityRefusal> classify(String closedMessage) {
    String text = closedMessage.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    if (text.startsWith("rate-limited") || text.startsWith("auth-required")
        || RATE.matcher(text).find() || SUBSCRIPTION_ID.matcher(text).find()) {
      return Optional.empty();
    }
    // filters first: "too many filters per subscription" names both, and the filters are the cause
    if (OVER_FILTERS.matcher(text).find()) {
      return Optional.of(TOO_MANY_FILTERS);
    }
    if (OVER_SIZE.matcher(text).find()) {
      return Optional.of(TOO_LARGE);
    }
    if (OVER_SUBSCRIPTIONS.matcher(text).find()) {
      return Optional.of(TOO_MANY_SUBSCRIPTIONS);
    }
    return Optional.empty();
  }
}
