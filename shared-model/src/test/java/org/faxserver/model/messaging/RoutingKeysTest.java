package org.faxserver.model.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RoutingKeysTest {

  @Test
  void exchangesAreTheTwoOfTheDesign() {
    assertThat(Exchanges.FAX_EVENTS).isEqualTo("fax.events");
    assertThat(Exchanges.FAX_COMMANDS).isEqualTo("fax.commands");
  }

  @Test
  void routingKeysAreThoseOfDesignSection3() {
    assertThat(constants(RoutingKeys.class))
        .containsExactlyInAnyOrder(
            "job.submitted", "job.routed", "fax.originate", "attempt.progress", "attempt.finished",
            "route.inbound", "inbound.received", "deliver.webhook", "deliver.email",
            "delivery.finished", "job.status", "job.completed", "directory.changed",
            "job.cancel", "call.kill", "fallback.set", "fallback.remove", "fallback.changed",
            "override.set", "override.remove", "override.changed", "delivery.redeliver");
  }

  @Test
  void everyRoutingKeyHasAPayloadWhoseTypeIsTheKey() {
    // Publishers use the payload's TYPE as the routing key, so the two must not drift apart.
    for (String key : constants(RoutingKeys.class)) {
      assertThat(MessageTypes.payloadClass(key)).as("payload for %s", key).isPresent();
    }
  }

  @Test
  void everyPayloadDeclaresTypeAndVersionMatchingTheRegistry() throws Exception {
    for (var entry : MessageTypes.all().entrySet()) {
      Class<?> payload = entry.getValue();
      // A payload shared by a command family (set/remove/changed) declares one *_TYPE per message.
      assertThat(constants(payload)).as("types declared by %s", payload.getSimpleName())
          .contains(entry.getKey());
      assertThat(payload.getField("VERSION").getInt(null)).isPositive();
    }
  }

  @Test
  void unknownTypeHasNoPayloadClass() {
    assertThat(MessageTypes.payloadClass("nope")).isEmpty();
    assertThat(MessageTypes.payloadClass(null)).isEmpty();
  }

  private static Set<String> constants(Class<?> holder) {
    return Arrays.stream(holder.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(RoutingKeysTest::value)
        .collect(Collectors.toSet());
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
