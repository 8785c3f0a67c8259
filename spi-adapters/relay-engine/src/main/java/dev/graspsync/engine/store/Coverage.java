package dev.graspsync.engine.store;

/**
 * Which of its matches a finished filter delivered, in walk order (created_at descending,
 * then id ascending): all of them, those up to the last one its limit let through, or none.
 * Lets a later filter skip what an earlier one already returned without remembering ids.
 */
sealed interface Coverage {

  boolean covers(Candidate candidate);

  record All() implements Coverage {
    @Override
    public boolean covers(Candidate candidate) {
      return true;
    }
  }

  record Nothing() implements Coverage {
    @Override
    public boolean covers(Candidate candidate) {
      return false;
    }
  }

  /** Everything at or before (createdAt, id) in walk order. */
  record UpTo(long createdAt, String id) implements Coverage {
    @Override
    public boolean covers(Candidate candidate) {
      long at = candidate.createdAt();
      return at > createdAt || (at == createdAt && candidate.idHex().compareTo(id) <= 0);
    }
  }
}
