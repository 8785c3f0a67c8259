package dev.graspsync.host.nip11;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Writes a {@link RelayInfo} as the NIP-11 JSON document. */
public final class RelayInfoJson {
  private RelayInfoJson() {}

  public static String write(RelayInfo info) {
    RelayInfo.Limitation l = info.limitation();
    return new JsonObject()
        .put("name", info.name())
        .put("description", info.description())
        .put("software", info.software())
        .put("version", info.version())
        .put("supported_nips", new JsonArray(info.supportedNips()))
        .put("supported_grasps", new JsonArray(info.supportedGrasps()))
        .put("limitation", new JsonObject()
            .put("max_message_length", l.maxMessageLength())
            .put("max_subscriptions", l.maxSubscriptions())
            .put("max_filters", l.maxFilters())
            .put("max_limit", l.maxLimit())
            .put("default_limit", l.defaultLimit())
            .put("max_subid_length", l.maxSubidLength())
            .put("max_event_tags", l.maxEventTags())
            .put("auth_required", l.authRequired())
            .put("restricted_writes", l.restrictedWrites()))
        .encode();
  }
}
