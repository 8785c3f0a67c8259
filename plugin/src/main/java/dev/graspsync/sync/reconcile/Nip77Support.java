package dev.graspsync.sync.reconcile;

import java.util.Optional;

/**
 * What one connection knows of a relay's NIP-77: advertised in NIP-11, seen answering, or given
 * up on (remembered for the connection, so one relay that does not speak it costs one probe, not
 * one per filter). A new connection starts again from its NIP-11 document.
 */
public record Nip77Support(State state, Optional<FallbackReason> reason) {

  public enum State {
    /** Not advertised and not tried yet: a NEG-OPEN probes it. */
    UNKNOWN("unknown"),
    /** NIP-11 {@code supported_nips} lists 77, no answer seen yet. */
    ADVERTISED("advertised"),
    /** It answered a NEG-OPEN with a NEG-MSG. */
    CONFIRMED("yes"),
    /** It answered with a NOTICE, NEG-ERR, silence or another version: paged REQs from now on. */
    UNSUPPORTED("no");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public static Nip77Support fromNip11(boolean advertised) {
    return new Nip77Support(advertised ? State.ADVERTISED : State.UNKNOWN, Optional.empty());
  }

  public boolean mayReconcile() {
    return state != State.UNSUPPORTED;
  }

  /** A NEG-MSG came back. */
  public Nip77Support answered() {
    return state == State.UNSUPPORTED ? this : new Nip77Support(State.CONFIRMED, Optional.empty());
  }

  /** A failure that means the relay does not do NIP-77 for us. */
  public Nip77Support gaveUp(FallbackReason why) {
    return new Nip77Support(State.UNSUPPORTED, Optional.of(why));
  }

  /** A relay never seen answering is probed with a short deadline; one known to answer gets the full one. */
  public boolean probing() {
    return state == State.UNKNOWN;
  }
}
