package org.faxserver.gateway.send.model;

import java.time.Instant;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.fallback.OverrideChange;

/**
 * The mod_db commands that mirror fax-queue's fallback list and dial overrides on this node, in the
 * seed's layout: realm {@code fallback}, key = the number's digits, value = unix time; realm
 * {@code override-<digits>}, key = the channel variable, value = its value. The admin API refuses
 * values with '/' (mod_db's separator), so the command cannot be split differently.
 */
public final class ModDbCommands {
  private ModDbCommands() {}

  public static String of(FallbackChange change, Instant now) {
    String key = change.number().digits();
    if (!change.listed()) {
      return "db delete/fallback/" + key;
    }
    Instant since = change.since() != null ? change.since() : now;
    return "db insert/fallback/" + key + "/" + since.getEpochSecond();
  }

  public static String of(OverrideChange change) {
    requireNoSeparator(change.variable());
    String realm = "override-" + change.destination().digits();
    if (change.value() == null) {
      return "db delete/" + realm + "/" + change.variable();
    }
    requireNoSeparator(change.value());
    return "db insert/" + realm + "/" + change.variable() + "/" + change.value();
  }

  private static void requireNoSeparator(String part) {
    if (part == null || part.isBlank() || part.contains("/") || part.chars().anyMatch(c -> c < 0x20)) {
      throw new IllegalArgumentException("not usable in a mod_db command: '" + part + "'");
    }
  }
}
