package org.faxserver.model.fallback;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;
import org.faxserver.model.PhoneNumber;

/**
 * A per-destination dial-string override: a channel variable applied to every call to that number
 * (mod_db realm {@code override-<destination>}, key = variable). One payload for three messages:
 * {@link #SET_TYPE} and {@link #REMOVE_TYPE} (commands, api → queue) and {@link #CHANGED_TYPE} (fact,
 * queue → every esl-gateway).
 *
 * <p>A change that sets an override must be one {@link DialOverridePolicy} allows (it is checked again here, so no
 * service carries one that would break the dial string or mod_db, or take the call over); a removal only needs a
 * channel variable name.
 *
 * @param destination the dialled number
 * @param variable    channel variable, e.g. "fax_enable_t38"
 * @param value       its value; null for removals
 */
public record OverrideChange(PhoneNumber destination, String variable, String value) {

  public static final String SET_TYPE = "override.set";
  public static final String REMOVE_TYPE = "override.remove";
  public static final String CHANGED_TYPE = "override.changed";
  public static final int VERSION = 1;

  public OverrideChange {
    Objects.requireNonNull(destination, "destination");
    (value == null ? DialOverridePolicy.nameProblem(variable) : DialOverridePolicy.variableProblem(variable))
        .ifPresent(problem -> {
          throw new IllegalArgumentException("override variable '" + variable + "' " + problem);
        });
    if (value != null) {
      DialOverridePolicy.valueProblem(value).ifPresent(problem -> {
        throw new IllegalArgumentException("override value for " + variable + " " + problem);
      });
    }
  }

  /** Whether this change removes the override. */
  @JsonIgnore
  public boolean isRemoval() {
    return value == null;
  }
}
