package dev.graspsync.sync.index;

/**
 * Which announcement an index entry was built from. Announcements are addressable: the
 * newest {@code created_at} wins, and on a tie the lowest id (NIP-01).
 */
public record AnnouncementStamp(String eventId, long createdAt) {
  public boolean supersedes(AnnouncementStamp other) {
    if (createdAt != other.createdAt) {
      return createdAt > other.createdAt;
    }
    return eventId.compareTo(other.eventId) < 0;
  }
}
