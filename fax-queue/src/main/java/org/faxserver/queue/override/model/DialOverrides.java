package org.faxserver.queue.override.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dial-string overrides stored for one destination (channel variable → value), applied by
 * esl-gateway after the fax settings so they win, as in the seed. Variables that would break our own
 * bookkeeping are never passed on: {@code origination_uuid} is the attempt id every event is tied to.
 */
public final class DialOverrides {

  private static final Set<String> RESERVED = Set.of("origination_uuid");

  private final Map<String, String> variables;

  private DialOverrides(Map<String, String> variables) {
    this.variables = variables;
  }

  public static DialOverrides none() {
    return new DialOverrides(Map.of());
  }

  public static DialOverrides of(Map<String, String> stored) {
    TreeMap<String, String> kept = new TreeMap<>(stored);
    kept.keySet().removeIf(RESERVED::contains);
    return new DialOverrides(Map.copyOf(kept));
  }

  public static boolean isReserved(String variable) {
    return RESERVED.contains(variable);
  }

  public Map<String, String> asMap() {
    return variables;
  }
}
