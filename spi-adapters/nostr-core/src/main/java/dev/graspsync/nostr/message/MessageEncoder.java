package dev.graspsync.nostr.message;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.json.JsonText;
import java.util.List;

/** Compact JSON for every message; events are embedded by their original text. */
final class MessageEncoder {
  private MessageEncoder() {}

  static String encode(ClientMessage m) {
    if (m instanceof ClientMessage.Publish x) {
      return start("EVENT", x.event().json().length()).append(',').append(x.event().json()).append(']').toString();
    }
    if (m instanceof ClientMessage.Req x) {
      return withFilters("REQ", x.subscriptionId(), x.filters());
    }
    if (m instanceof ClientMessage.Count x) {
      return withFilters("COUNT", x.subscriptionId(), x.filters());
    }
    if (m instanceof ClientMessage.Close x) {
      return strings("CLOSE", x.subscriptionId());
    }
    if (m instanceof ClientMessage.Auth x) {
      return start("AUTH", x.event().json().length()).append(',').append(x.event().json()).append(']').toString();
    }
    if (m instanceof ClientMessage.NegOpen x) {
      StringBuilder out = start("NEG-OPEN", x.messageHex().length() + 128);
      out.append(',');
      JsonText.appendQuoted(out, x.subscriptionId()).append(',').append(x.filter().toJson()).append(',');
      return JsonText.appendQuoted(out, x.messageHex()).append(']').toString();
    }
    if (m instanceof ClientMessage.NegMsg x) {
      return strings("NEG-MSG", x.subscriptionId(), x.messageHex());
    }
    if (m instanceof ClientMessage.NegClose x) {
      return strings("NEG-CLOSE", x.subscriptionId());
    }
    throw new IllegalArgumentException("unknown client message " + m);
  }

  static String encode(RelayMessage m) {
    if (m instanceof RelayMessage.EventMessage x) {
      StringBuilder out = start("EVENT", x.event().json().length() + x.subscriptionId().length());
      out.append(',');
      return JsonText.appendQuoted(out, x.subscriptionId()).append(',').append(x.event().json()).append(']').toString();
    }
    if (m instanceof RelayMessage.Ok x) {
      StringBuilder out = start("OK", x.message().length() + 80);
      out.append(',');
      JsonText.appendQuoted(out, x.eventId()).append(',').append(x.accepted()).append(',');
      return JsonText.appendQuoted(out, x.message()).append(']').toString();
    }
    if (m instanceof RelayMessage.Eose x) {
      return strings("EOSE", x.subscriptionId());
    }
    if (m instanceof RelayMessage.Closed x) {
      return strings("CLOSED", x.subscriptionId(), x.message());
    }
    if (m instanceof RelayMessage.Notice x) {
      return strings("NOTICE", x.message());
    }
    if (m instanceof RelayMessage.AuthChallenge x) {
      return strings("AUTH", x.challenge());
    }
    if (m instanceof RelayMessage.CountResult x) {
      StringBuilder out = start("COUNT", 32);
      out.append(',');
      return JsonText.appendQuoted(out, x.subscriptionId()).append(",{\"count\":").append(x.count()).append("}]").toString();
    }
    if (m instanceof RelayMessage.NegMsg x) {
      return strings("NEG-MSG", x.subscriptionId(), x.messageHex());
    }
    if (m instanceof RelayMessage.NegErr x) {
      return strings("NEG-ERR", x.subscriptionId(), x.reason());
    }
    throw new IllegalArgumentException("unknown relay message " + m);
  }

  private static StringBuilder start(String type, int extra) {
    StringBuilder out = new StringBuilder(type.length() + 8 + extra);
    out.append("[\"").append(type).append('"');
    return out;
  }

  private static String strings(String type, String... values) {
    int size = 0;
    for (String v : values) {
      size += v.length() + 3;
    }
    StringBuilder out = start(type, size);
    for (String v : values) {
      JsonText.appendQuoted(out.append(','), v);
    }
    return out.append(']').toString();
  }

  private static String withFilters(String type, String subscriptionId, List<Filter> filters) {
    // sized once, exactly: a REQ of many filters is hundreds of kilobytes
    int size = JsonText.quotedLength(subscriptionId) + 2;
    for (Filter f : filters) {
      size += f.jsonLength() + 1;
    }
    StringBuilder out = start(type, size);
    JsonText.appendQuoted(out.append(','), subscriptionId);
    for (Filter f : filters) {
      f.appendJson(out.append(','));
    }
    return out.append(']').toString();
  }
}
