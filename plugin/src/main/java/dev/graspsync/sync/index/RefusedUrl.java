package dev.graspsync.sync.index;

/**
 * A relay URL from an announcement that will not be dialled, and why. {@code url} is safe to
 * log (the raw text made safe when invalid, the normalised URL otherwise).
 */
public record RefusedUrl(String url, Why why, String detail) {
  public enum Why {
    /** Not a valid ws(s) URL (or a clone URL that yields none). */
    INVALID,
    /** An IP literal (or localhost) in a range the address policy refuses. */
    PRIVATE_ADDRESS,
    /** One of this relay's own URLs: never synced from. Not an error. */
    OWN_RELAY,
    /** Beyond max-relays-per-repo. */
    OVER_CAP
  }
}
