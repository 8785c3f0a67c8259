package dev.graspsync.it.sync;

/** nostr-tools specs (see fixtures/sign.mjs) of repositories with history. */
final class RepoFixtures {
  private RepoFixtures() {}

  /** An announcement listing {@code relays}, its state, {@code issues} issues with {@code commentsEach} comments each. */
  static String repoWithHistory(String relayA, String relayB, int issues, int commentsEach) {
    StringBuilder spec = new StringBuilder("[{\"type\":\"announcement\",\"ref\":\"repo\",\"d\":\"demo\",\"relays\":[\"")
        .append(relayA).append("\",\"").append(relayB).append("\"],\"at\":-100000}")
        .append(",{\"type\":\"state\",\"d\":\"demo\",\"at\":-99999}");
    int at = -90000;
    for (int i = 0; i < issues; i++) {
      spec.append(",{\"type\":\"issue\",\"ref\":\"i").append(i).append("\",\"repo\":\"repo\",\"key\":\"bob\",\"subject\":\"issue ")
          .append(i).append("\",\"at\":").append(at++).append('}');
      for (int c = 0; c < commentsEach; c++) {
        spec.append(",{\"type\":\"comment\",\"root\":\"i").append(i).append("\",\"key\":\"carol\",\"content\":\"comment ")
            .append(c).append("\",\"at\":").append(at++).append('}');
      }
    }
    return spec.append(']').toString();
  }
}
