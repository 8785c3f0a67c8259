package dev.graspsync.nostr.negentropy;

import dev.graspsync.nostr.event.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One side of one NIP-77 reconciliation (protocol version 1, {@code 0x61}) over a {@link
 * NegentropyStorage}. The initiator {@link #initiate()}s and feeds each reply to {@link
 * #reconcile(byte[])}; the responder answers every message with {@link #respond(byte[])}.
 *
 * <p>With a frame size limit no message exceeds it: ranges past it are folded into one
 * fingerprint to the end of the set and continued in later rounds. Not thread-safe.
 */
public final class Negentropy {
  public static final int PROTOCOL_VERSION = 0x61;
  public static final int ID_SIZE = 32;
  public static final int FINGERPRINT_SIZE = 16;
  /** The smallest non-zero frame size limit the protocol allows. */
  public static final int MIN_FRAME_SIZE_LIMIT = 4096;

  /** Ranges with fewer items than twice this are sent as id lists, larger ones split in as many fingerprints. */
  private static final int BUCKETS = 16;
  /** Room kept under the limit for the closing fingerprint of the remaining ranges. */
  private static final int FRAME_HEADROOM = 200;

  private final NegentropyStorage storage;
  private final long frameSizeLimit;
  private final boolean initiator;
  private boolean initiated;
  /**
   * What the initiator has reported, so that each id is reported once: a peer that stops at
   * its frame limit may ask again about ranges already settled (the reference implementations
   * drop their pending skip there). One bit per local item for have; the needed ids, which the
   * caller fetches anyway, for need.
   */
  private final BitSet reportedHave = new BitSet();
  private final Set<String> reportedNeed = new HashSet<>();

  private Negentropy(NegentropyStorage storage, int frameSizeLimit, boolean initiator) {
    if (frameSizeLimit != 0 && frameSizeLimit < MIN_FRAME_SIZE_LIMIT) {
      throw new IllegalArgumentException(
          "frame size limit " + frameSizeLimit + " is below " + MIN_FRAME_SIZE_LIMIT + " (0 means none)");
    }
    this.storage = storage;
    this.frameSizeLimit = frameSizeLimit;
    this.initiator = initiator;
  }

  /** The side that opens the reconciliation and learns have/need. {@code frameSizeLimit} 0 = none. */
  public static Negentropy initiator(NegentropyStorage storage, int frameSizeLimit) {
    return new Negentropy(storage, frameSizeLimit, true);
  }

  /** The side that answers (a relay serving NEG-OPEN). {@code frameSizeLimit} 0 = none. */
  public static Negentropy responder(NegentropyStorage storage, int frameSizeLimit) {
    return new Negentropy(storage, frameSizeLimit, false);
  }

  /** The opening message: fingerprints (or ids) of the whole set. Once per initiator. */
  public byte[] initiate() {
    if (!initiator) {
      throw new IllegalStateException("a responder does not initiate");
    }
    if (initiated) {
      throw new IllegalStateException("already initiated");
    }
    initiated = true;
    WireWriter out = new WireWriter(512);
    out.writeByte(PROTOCOL_VERSION);
    splitRange(0, storage.size(), Bound.INFINITY, out);
    return out.toByteArray();
  }

  /**
   * Initiator: reads the responder's message, returns the next message (empty when done) and
   * this round's have/need ids.
   *
   * @throws NegentropyException if the message is malformed or in a version we do not speak
   */
  public Reconciliation reconcile(byte[] message) {
    if (!initiator) {
      throw new IllegalStateException("a responder answers with respond()");
    }
    List<String> have = new ArrayList<>();
    List<String> need = new ArrayList<>();
    byte[] output = process(message, have, need);
    Optional<byte[]> next = output.length == 1 ? Optional.empty() : Optional.of(output);
    return new Reconciliation(next, have, need);
  }

  /**
   * Responder: the answer to one initiator message. A message in another protocol version
   * gets the one-byte answer naming ours, as the protocol's negotiation asks.
   *
   * @throws NegentropyException if the message is malformed
   */
  public byte[] respond(byte[] message) {
    if (initiator) {
      throw new IllegalStateException("an initiator reads replies with reconcile()");
    }
    return process(message, List.of(), List.of());
  }

  private byte[] process(byte[] message, List<String> have, List<String> need) {
    WireReader in = new WireReader(message);
    WireWriter out = new WireWriter(frameSizeLimit > 0 ? (int) Math.min(frameSizeLimit, 1 << 16) : 1024);
    out.writeByte(PROTOCOL_VERSION);
    int version = in.readByte();
    if (version < 0x60 || version > 0x6f) {
      throw NegentropyException.malformed(String.format("0x%02x is not a negentropy version byte", version));
    }
    if (version != PROTOCOL_VERSION) {
      if (initiator) {
        throw NegentropyException.unsupportedVersion(version);
      }
      return out.toByteArray();
    }
    new Round(in, out, have, need).run();
    return out.toByteArray();
  }

  /** One message's walk over the ranges the peer sent, writing our answer for each. */
  private final class Round {
    private final WireReader in;
    private final WireWriter out;
    private final List<String> have;
    private final List<String> need;
    private final int storageSize = storage.size();
    private Bound prevBound = Bound.ofTimestamp(0);
    private int prevIndex;
    private boolean skip;

    Round(WireReader in, WireWriter out, List<String> have, List<String> need) {
      this.in = in;
      this.out = out;
      this.have = have;
      this.need = need;
    }

    void run() {
      while (in.hasMore()) {
        WireWriter.Mark mark = out.mark();
        boolean skipAtMark = skip;
        boolean committed = false;
        Bound currBound = in.readBound();
        Mode mode = Mode.fromWire(in.readVarint());
        int lower = prevIndex;
        int upper = storage.lowerBound(prevIndex, storageSize, currBound);
        switch (mode) {
          case SKIP -> skip = true;
          case FINGERPRINT -> {
            int at = in.skipBytes(FINGERPRINT_SIZE);
            byte[] ours = storage.fingerprint(lower, upper);
            if (Arrays.equals(in.message(), at, at + FINGERPRINT_SIZE, ours, 0, FINGERPRINT_SIZE)) {
              skip = true;
            } else {
              flushSkip();
              splitRange(lower, upper, currBound, out);
            }
          }
          case ID_LIST -> {
            int count = in.readLength();
            int at = in.skipBytes((long) count * ID_SIZE);
            if (initiator) {
              skip = true;
              compareIds(in.message(), at, count, lower, upper);
            } else {
              upper = answerIds(mark.size(), currBound, lower, upper);
              committed = true;
            }
          }
        }
        if (exceedsFrame(out.size())) {
          int restFrom = upper;
          if (!committed) {
            // this range's answer does not fit: leave it, like every later one, to the next round
            out.rewind(mark);
            skip = skipAtMark;
            restFrom = lower;
          }
          closeWithFingerprintFrom(restFrom);
          return;
        }
        prevIndex = upper;
        prevBound = currBound;
      }
    }

    /**
     * Ends a message that reached the frame limit: the pending skip, then one fingerprint of
     * everything not yet answered. The reference implementations drop the pending skip and
     * fingerprint from the end of the range they could not answer, which makes the peer ask
     * again about ranges already settled; keeping them settled saves those rounds.
     */
    private void closeWithFingerprintFrom(int restFrom) {
      flushSkip();
      out.writeBound(Bound.INFINITY);
      out.writeMode(Mode.FINGERPRINT);
      byte[] rest = storage.fingerprint(restFrom, storageSize);
      out.writeBytes(rest, 0, rest.length);
    }

    private void flushSkip() {
      if (skip) {
        skip = false;
        out.writeBound(prevBound);
        out.writeMode(Mode.SKIP);
      }
    }

    /** Initiator: the peer's full id list for the range against ours. */
    private void compareIds(byte[] message, int at, int count, int lower, int upper) {
      Set<String> theirs = new HashSet<>();
      for (int k = 0; k < count; k++) {
        theirs.add(Hex.encode(Arrays.copyOfRange(message, at + k * ID_SIZE, at + (k + 1) * ID_SIZE)));
      }
      byte[] id = new byte[ID_SIZE];
      for (int i = lower; i < upper; i++) {
        storage.copyId(i, id, 0);
        String hex = Hex.encode(id);
        if (!theirs.remove(hex) && !reportedHave.get(i)) {
          reportedHave.set(i);
          have.add(hex);
        }
      }
      for (String missing : theirs) {
        if (reportedNeed.add(missing)) {
          need.add(missing);
        }
      }
    }

    /**
     * Responder: our ids of the range, as many as fit the frame; returns the index where the
     * answered part ends (the rest is left to the closing fingerprint).
     */
    private int answerIds(int mark, Bound currBound, int lower, int upper) {
      int end = lower;
      while (end < upper && !exceedsFrame(mark + (long) (end - lower) * ID_SIZE)) {
        end++;
      }
      flushSkip();
      if (end < upper) {
        out.writeItemBound(storage.createdAt(end), storage.id(end), 0);
      } else {
        out.writeBound(currBound);
      }
      out.writeMode(Mode.ID_LIST);
      out.writeVarint(end - lower);
      byte[] id = new byte[ID_SIZE];
      for (int i = lower; i < end; i++) {
        storage.copyId(i, id, 0);
        out.writeBytes(id, 0, ID_SIZE);
      }
      return end;
    }
  }

  /** Fingerprints of {@link #BUCKETS} sub-ranges, or the ids themselves when the range is small. */
  private void splitRange(int lower, int upper, Bound upperBound, WireWriter out) {
    int count = upper - lower;
    if (count < 2 * BUCKETS) {
      out.writeBound(upperBound);
      out.writeMode(Mode.ID_LIST);
      out.writeVarint(count);
      byte[] id = new byte[ID_SIZE];
      for (int i = lower; i < upper; i++) {
        storage.copyId(i, id, 0);
        out.writeBytes(id, 0, ID_SIZE);
      }
      return;
    }
    int perBucket = count / BUCKETS;
    int withExtra = count % BUCKETS;
    int curr = lower;
    for (int b = 0; b < BUCKETS; b++) {
      int bucketSize = perBucket + (b < withExtra ? 1 : 0);
      byte[] fingerprint = storage.fingerprint(curr, curr + bucketSize);
      curr += bucketSize;
      out.writeBound(curr == upper ? upperBound : minimalBound(curr - 1, curr));
      out.writeMode(Mode.FINGERPRINT);
      out.writeBytes(fingerprint, 0, FINGERPRINT_SIZE);
    }
  }

  /** The shortest bound separating item {@code prev} from the next item {@code curr}. */
  private Bound minimalBound(int prev, int curr) {
    long time = storage.createdAt(curr);
    if (storage.createdAt(prev) != time) {
      return Bound.ofTimestamp(time);
    }
    byte[] prevId = storage.id(prev);
    byte[] currId = storage.id(curr);
    int shared = Arrays.mismatch(prevId, currId);
    int length = shared < 0 ? ID_SIZE : Math.min(shared + 1, ID_SIZE);
    return new Bound(time, Arrays.copyOf(currId, length));
  }

  private boolean exceedsFrame(long size) {
    return frameSizeLimit != 0 && size > frameSizeLimit - FRAME_HEADROOM;
  }
}
