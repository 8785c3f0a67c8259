package dev.graspsync.nostr.event;

import java.util.Set;

/** NIP-34 (git over Nostr) kinds and the NIP-22/NIP-42 kinds used around them. */
public final class Nip34 {
  public static final int REPO_ANNOUNCEMENT = 30617;
  public static final int REPO_STATE = 30618;
  public static final int PATCH = 1617;
  public static final int PULL_REQUEST = 1618;
  public static final int PULL_REQUEST_UPDATE = 1619;
  public static final int ISSUE = 1621;
  public static final int STATUS_OPEN = 1630;
  public static final int STATUS_APPLIED = 1631;
  public static final int STATUS_CLOSED = 1632;
  public static final int STATUS_DRAFT = 1633;
  public static final int COMMENT = 1111;
  public static final int GRASP_SERVER_LIST = 10317;
  public static final int DELETION = 5;
  public static final int CLIENT_AUTH = 22242;

  /** Root events: the things replies, statuses and comments point at. */
  public static final Set<Integer> ROOT_KINDS = Set.of(PATCH, PULL_REQUEST, ISSUE);

  private Nip34() {}

  /** {@code 30617:<pubkey>:<d>}. */
  public static String repoRef(String ownerPubkey, String identifier) {
    return REPO_ANNOUNCEMENT + ":" + ownerPubkey + ":" + identifier;
  }
}
