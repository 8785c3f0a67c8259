package dev.graspsync.sync.batch;

import static dev.graspsync.sync.batch.CapacityRefusal.TOO_LARGE;
import static dev.graspsync.sync.batch.CapacityRefusal.TOO_MANY_FILTERS;
import static dev.graspsync.sync.batch.CapacityRefusal.TOO_MANY_SUBSCRIPTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CLOSED wordings seen from relays in the wild (paraphrased where they vary) and from our host. */
class CapacityRefusalTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "blocked: at most 100 open subscriptions per connection; CLOSE one first", // our reference host
      "error: too many subscriptions",
      "too many concurrent REQs",
      "ERROR: too many concurrent REQs",
      "error: Maximum concurrent subscription count reached",
      "Too many subscriptions: Number of concurrent subscriptions must be less than or equal to 10",
      "blocked: max subscriptions reached",
      "max subs reached",
      "restricted: subscription limit exceeded",
      "error: you have reached the maximum number of subscriptions",
      "exceeded the maximum of 20 subscriptions",
      "blocked: no more than 300 subscriptions",
      "error: max_subscriptions reached (20)",
      "error: too many open requests",
      "TOO MANY SUBSCRIPTIONS",
      "blocked:   too   many\topen subs",
  })
  void subscriptionCapacity(String message) {
    assertThat(CapacityRefusal.classify(message)).hasValue(TOO_MANY_SUBSCRIPTIONS);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "blocked: at most 20 filters per request, got 25", // our reference host
      "invalid: at most 20 filters per request",
      "error: too many filters",
      "Too many filters: Number of filters per susbscription must be less then or equal to 10",
      "invalid: max 10 filters",
      "invalid: more than 5 filters in one REQ",
      "error: filters limit exceeded",
      "invalid: number of filters exceeds max_filters",
      "invalid: filter count exceeds the limit",
      "blocked: Too Many Filters",
  })
  void filterCapacity(String message) {
    assertThat(CapacityRefusal.classify(message)).hasValue(TOO_MANY_FILTERS);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "invalid: message too large",
      "invalid: message of 600000 bytes is over max_message_length 524288", // our reference host (a NOTICE)
      "error: message too long",
      "invalid: REQ too big",
      "error: message exceeds max_message_length",
      "invalid: message length exceeds 524288 bytes",
      "blocked: payload too large",
      "error: max message size exceeded",
      "invalid: request exceeds the maximum size",
      "Message Too Large",
  })
  void sizeCapacity(String message) {
    assertThat(CapacityRefusal.classify(message)).hasValue(TOO_LARGE);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "rate-limited: slow down",
      "rate-limited: too many concurrent REQs", // the relay chose the rate-limit prefix: it gets the cooldown
      "error: rate limit exceeded",
      "blocked: too many subscriptions per minute",
      "error: too many requests, slow down",
      "error: too many requests",
      "auth-required: too many subscriptions for anonymous users",
      "restricted: not allowed",
      "restricted: subscriptions limited to paying members",
      "blocked: pubkey banned",
      "blocked: you are banned",
      "blocked: too many connections from your IP",
      "invalid: bad filter",
      "invalid: filter limit too high",
      "invalid: REQ limit exceeds maximum",
      "invalid: limit exceeds max_limit",
      "too many things to filter for",
      "invalid: subscription ids are 1 to 64 characters", // our reference host
      "invalid: subscription id too long",
      "error: Subscription identifier max length exceeded",
      "error: internal error",
      "error: shutting down",
      "",
      "no prefix at all",
  })
  void notCapacity(String message) {
    assertThat(CapacityRefusal.classify(message)).isEmpty();
  }
}
