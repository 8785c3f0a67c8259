package dev.graspsync.nostr.message;

import dev.graspsync.nostr.event.Event;
import java.io.IOException;

/** Reads relay-to-client frames: EVENT, OK, EOSE, CLOSED, NOTICE, AUTH, COUNT, NEG-MSG, NEG-ERR. */
final class RelayMessageDecoder {
  private RelayMessageDecoder() {}

  static Decoded<RelayMessage> decode(String text) {
    return FrameDecoding.decode(text, RelayMessageDecoder::body);
  }

  private static RelayMessage body(FrameReader f, String type) throws IOException {
    switch (type) {
      case "EVENT": {
        String sub = f.readSubscriptionId();
        Event event = f.event();
        f.end();
        return new RelayMessage.EventMessage(sub, event);
      }
      case "OK": {
        String id = f.eventId("event id");
        boolean accepted = f.bool("accepted flag");
        String message = f.string("message");
        f.end();
        return new RelayMessage.Ok(id, accepted, message);
      }
      case "EOSE": {
        String sub = f.readSubscriptionId();
        f.end();
        return new RelayMessage.Eose(sub);
      }
      case "CLOSED": {
        String sub = f.readSubscriptionId();
        String message = f.string("message");
        f.end();
        return new RelayMessage.Closed(sub, message);
      }
      case "NOTICE": {
        String message = f.string("message");
        f.end();
        return new RelayMessage.Notice(message);
      }
      case "AUTH": {
        String challenge = f.string("challenge");
        f.end();
        return new RelayMessage.AuthChallenge(challenge);
      }
      case "COUNT": {
        String sub = f.readSubscriptionId();
        long count = f.countObject();
        f.end();
        return new RelayMessage.CountResult(sub, count);
      }
      case "NEG-MSG": {
        String sub = f.readSubscriptionId();
        String hex = f.negentropyHex("message");
        f.end();
        return new RelayMessage.NegMsg(sub, hex);
      }
      case "NEG-ERR": {
        String sub = f.readSubscriptionId();
        String reason = f.string("reason");
        f.end();
        return new RelayMessage.NegErr(sub, reason);
      }
      default:
        throw f.unknownType();
    }
  }
}
