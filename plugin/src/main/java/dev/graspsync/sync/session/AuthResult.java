package dev.graspsync.sync.session;

/**
 * The relay's answer (OK) to our NIP-42 AUTH event.
 *
 * @param challenge the challenge the event answered
 * @param accepted the OK's boolean
 * @param message the OK's message, often with a machine prefix
 */
public record AuthResult(String challenge, boolean accepted, String message) {}
