package dev.graspsync.nostr.message;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.io.IOException;

/** Reads client-to-relay frames: EVENT, REQ, CLOSE, COUNT, AUTH, NEG-OPEN, NEG-MSG, NEG-CLOSE. */
final class ClientMessageDecoder {
  private ClientMessageDecoder() {}

  static Decoded<ClientMessage> decode(String text) {
    return FrameDecoding.decode(text, ClientMessageDecoder::body);
  }

  private static ClientMessage body(FrameReader f, String type) throws IOException {
    switch (type) {
      case "EVENT": {
        Event event = f.event();
        f.end();
        return new ClientMessage.Publish(event);
      }
      case "REQ": {
        String sub = f.readSubscriptionId();
        return new ClientMessage.Req(sub, f.filtersToEnd());
      }
      case "COUNT": {
        String sub = f.readSubscriptionId();
        return new ClientMessage.Count(sub, f.filtersToEnd());
      }
      case "CLOSE": {
        String sub = f.readSubscriptionId();
        f.end();
        return new ClientMessage.Close(sub);
      }
      case "AUTH": {
        Event event = f.event();
        f.end();
        return new ClientMessage.Auth(event);
      }
      case "NEG-OPEN": {
        String sub = f.readSubscriptionId();
        Filter filter = f.filter();
        String hex = f.negentropyHex("initial message");
        f.end();
        return new ClientMessage.NegOpen(sub, filter, hex);
      }
      case "NEG-MSG": {
        String sub = f.readSubscriptionId();
        String hex = f.negentropyHex("message");
        f.end();
        return new ClientMessage.NegMsg(sub, hex);
      }
      case "NEG-CLOSE": {
        String sub = f.readSubscriptionId();
        f.end();
        return new ClientMessage.NegClose(sub);
      }
      default:
        throw f.unknownType();
    }
  }
}
