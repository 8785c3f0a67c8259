package dev.graspsync.sync.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The per-relay timestamps kept in the {@code relays} column family, and their encoding. */
record RelayTimes(Optional<Long> lastHeartbeat, Optional<Long> disconnectedAt, Optional<Long> lastFullSync) {
  private static final byte VERSION = 1;

  static RelayTimes none() {
    return new RelayTimes(Optional.empty(), Optional.empty(), Optional.empty());
  }

  RelayTimes withHeartbeat(long t) {
    return new RelayTimes(Optional.of(t), disconnectedAt, lastFullSync);
  }

  RelayTimes withDisconnectedAt(Optional<Long> t) {
    return new RelayTimes(lastHeartbeat, t, lastFullSync);
  }

  RelayTimes withLastFullSync(long t) {
    return new RelayTimes(lastHeartbeat, disconnectedAt, Optional.of(t));
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      write(out, lastHeartbeat);
      write(out, disconnectedAt);
      write(out, lastFullSync);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static RelayTimes decode(byte[] value) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IllegalStateException("unknown relay record version " + version);
      }
      return new RelayTimes(read(in), read(in), read(in));
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt relay record", e);
    }
  }

  private static void write(DataOutputStream out, Optional<Long> v) throws IOException {
    out.writeBoolean(v.isPresent());
    out.writeLong(v.orElse(0L));
  }

  private static Optional<Long> read(DataInputStream in) throws IOException {
    boolean present = in.readBoolean();
    long v = in.readLong();
    return present ? Optional.of(v) : Optional.empty();
  }
}
