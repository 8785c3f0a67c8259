package dev.graspsync.spi;

/** (created_at, id): the sort key of a stored event and a negentropy item. */
public record EventKey(long createdAt, String id) implements Comparable<EventKey> {
  @Override
  public int compareTo(EventKey other) {
    int byTime = Long.compare(createdAt, other.createdAt);
    return byTime != 0 ? byTime : id.compareTo(other.id);
  }
}
