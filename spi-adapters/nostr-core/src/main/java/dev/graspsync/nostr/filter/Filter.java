package dev.graspsync.nostr.filter;

import dev.graspsync.nostr.event.Event;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A NIP-01 filter. An absent field (empty Optional, missing map key) places no condition; a
 * present but empty set matches nothing, as a JSON {@code []} does. Tag keys are the single
 * letter after {@code #}. {@code since} and {@code until} are inclusive. {@code limit} only
 * bounds the stored-events phase and plays no part in {@link #matches(Event)}.
 */
public record Filter(
    Optional<Set<String>> ids,
    Optional<Set<String>> authors,
    Optional<Set<Integer>> kinds,
    Map<Character, Set<String>> tags,
    OptionalLong since,
    OptionalLong until,
    OptionalInt limit) {

  public Filter {
    ids = FilterCopies.strings(ids);
    authors = FilterCopies.strings(authors);
    kinds = FilterCopies.kinds(kinds);
    tags = FilterCopies.tags(tags);
  }

  public static FilterBuilder builder() {
    return new FilterBuilder();
  }

  /** In-memory match: every present condition holds. */
  public boolean matches(Event event) {
    return FilterMatcher.matches(this, event);
  }

  /** Parses a filter object; throws {@link dev.graspsync.nostr.event.EventFormatException} naming the bad field. */
  public static Filter fromJson(String json) {
    return FilterJson.read(json);
  }

  /** Compact JSON object. */
  public String toJson() {
    return FilterJson.write(this);
  }

  /** Appends {@link #toJson()} to {@code out}, without an intermediate string. */
  public StringBuilder appendJson(StringBuilder out) {
    return FilterJson.write(out, this);
  }

  /** The length of {@link #toJson()}, without building it. */
  public int jsonLength() {
    return FilterJson.length(this);
  }

  public Filter withSince(long since) {
    return new Filter(ids, authors, kinds, tags, OptionalLong.of(since), until, limit);
  }

  public Filter withUntil(long until) {
    return new Filter(ids, authors, kinds, tags, since, OptionalLong.of(until), limit);
  }

  public Filter withLimit(int limit) {
    return new Filter(ids, authors, kinds, tags, since, until, OptionalInt.of(limit));
  }

  public Filter withoutLimit() {
    return new Filter(ids, authors, kinds, tags, since, until, OptionalInt.empty());
  }
}
