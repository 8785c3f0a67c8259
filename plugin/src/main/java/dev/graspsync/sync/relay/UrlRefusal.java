package dev.graspsync.sync.relay;

/** Why a text is not accepted as a relay URL. */
public enum UrlRefusal {
  EMPTY("empty"),
  TOO_LONG("longer than " + RelayUrl.MAX_LENGTH + " characters"),
  BAD_CHARACTER("contains whitespace, a control character, a character URLs do not allow (< > \" { } | \\ ^ ` or a bad %-escape) or, outside the host, a non-ASCII character"),
  MISSING_SCHEME("no scheme (ws:// or wss://)"),
  NOT_WEBSOCKET("scheme is not ws or wss"),
  USERINFO("carries user information (user@host)"),
  FRAGMENT("carries a fragment (#...)"),
  EMPTY_HOST("no host"),
  BAD_HOST("host is not a valid DNS name or IP literal"),
  BAD_PORT("port is not a number from 1 to 65535");

  private final String description;

  UrlRefusal(String description) {
    this.description = description;
  }

  /** Human-readable, for logs. */
  public String description() {
    return description;
  }
}
