package dev.graspsync.sync.session;

import java.util.Optional;

/**
 * Why a session's connection ended.
 *
 * @param requested true when {@link RelaySession#close()} asked for it
 * @param closeCode the WebSocket close code when the relay sent one
 * @param reason a short text for logs
 */
public record Disconnection(boolean requested, Optional<Integer> closeCode, String reason) {}
