package dev.graspsync.sync.plan;

import dev.graspsync.nostr.filter.Filter;

/** A filter and the layer it serves, so an event received on it is counted under its layer. */
public record LabelledFilter(Layer layer, Filter filter) {
  public LabelledFilter withSince(long since) {
    return new LabelledFilter(layer, filter.withSince(since));
  }

  public LabelledFilter withUntil(long until) {
    return new LabelledFilter(layer, filter.withUntil(until));
  }
}
