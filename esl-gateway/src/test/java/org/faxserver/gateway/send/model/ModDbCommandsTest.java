package org.faxserver.gateway.send.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.fallback.OverrideChange;
import org.junit.jupiter.api.Test;

class ModDbCommandsTest {
  private static final PhoneNumber NUMBER = PhoneNumber.ofE164("+15551234567");
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

  @Test
  void fallbackEntriesUseTheSeedsLayout() {
    assertThat(ModDbCommands.of(FallbackChange.listed(NUMBER, Instant.ofEpochSecond(1_700_000_000L)), NOW))
        .isEqualTo("db insert/fallback/15551234567/1700000000");
    assertThat(ModDbCommands.of(FallbackChange.listed(NUMBER, null), NOW))
        .isEqualTo("db insert/fallback/15551234567/" + NOW.getEpochSecond());
    assertThat(ModDbCommands.of(FallbackChange.removed(NUMBER), NOW)).isEqualTo("db delete/fallback/15551234567");
  }

  @Test
  void overridesAreOneRealmPerDestination() {
    assertThat(ModDbCommands.of(new OverrideChange(NUMBER, "fax_disable_v17", "true")))
        .isEqualTo("db insert/override-15551234567/fax_disable_v17/true");
    assertThat(ModDbCommands.of(new OverrideChange(NUMBER, "fax_disable_v17", null)))
        .isEqualTo("db delete/override-15551234567/fax_disable_v17");
  }

  @Test
  void aValueThatWouldSplitTheCommandIsRefused() {
    assertThatThrownBy(() -> ModDbCommands.of(new OverrideChange(NUMBER, "fax_ident", "a/b")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModDbCommands.of(new OverrideChange(NUMBER, "x/y", "1")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
