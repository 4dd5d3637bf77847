package org.faxserver.gateway.send.model;

import java.time.Instant;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.fallback.OverrideChange;

/**
 * The mod_db commands that mirror fax-queue's fallback list and dial overrides on this node, in the
 * seed's layout: realm {@code fallback}, key = the number's digits, value = unix time; realm
 * {@code override-<digits>}, key = the channel variable, value = its value. {@link OverrideChange} only
 * carries what {@code DialOverridePolicy} allows (no '/', mod_db's separator, no quotes, backslashes or
 * line breaks), so the command cannot be split differently.
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
    String realm = "override-" + change.destination().digits();
    if (change.value() == null) {
      return "db delete/" + realm + "/" + change.variable();
    }
    return "db insert/" + realm + "/" + change.variable() + "/" + change.value();
  }
}
