package org.faxserver.queue.override.model;

import java.util.Map;
import java.util.TreeMap;
import org.faxserver.model.fallback.DialOverridePolicy;

/**
 * The dial-string overrides stored for one destination (channel variable → value), applied by
 * esl-gateway after the fax settings so they win, as in the seed. Only overrides {@link DialOverridePolicy}
 * allows are passed on (a stored row that predates a rule is left out, not sent to FreeSWITCH): never
 * {@code origination_uuid}, the attempt id every event is tied to, nor a variable that runs commands.
 */
public final class DialOverrides {

  private final Map<String, String> variables;

  private DialOverrides(Map<String, String> variables) {
    this.variables = variables;
  }

  public static DialOverrides none() {
    return new DialOverrides(Map.of());
  }

  public static DialOverrides of(Map<String, String> stored) {
    TreeMap<String, String> kept = new TreeMap<>(stored);
    kept.entrySet().removeIf(e -> !DialOverridePolicy.allows(e.getKey(), e.getValue()));
    return new DialOverrides(Map.copyOf(kept));
  }

  public Map<String, String> asMap() {
    return variables;
  }
}
