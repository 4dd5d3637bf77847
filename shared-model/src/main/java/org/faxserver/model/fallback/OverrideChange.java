package org.faxserver.model.fallback;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;
import java.util.regex.Pattern;
import org.faxserver.model.PhoneNumber;

/**
 * A per-destination dial-string override: a channel variable applied to every call to that number
 * (mod_db realm {@code override-<destination>}, key = variable). One payload for three messages:
 * {@link #SET_TYPE} and {@link #REMOVE_TYPE} (commands, api → queue) and {@link #CHANGED_TYPE} (fact,
 * queue → every esl-gateway).
 *
 * <p>mod_db separates realm, key and value with '/', so neither variable nor value may contain one;
 * the variable must look like a channel variable name.
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

  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");

  public OverrideChange {
    Objects.requireNonNull(destination, "destination");
    if (variable == null || !VARIABLE.matcher(variable).matches()) {
      throw new IllegalArgumentException("not a channel variable name: " + variable);
    }
    if (value != null && (value.indexOf('/') >= 0 || value.length() > 255)) {
      throw new IllegalArgumentException("override values cannot contain '/' or exceed 255 characters");
    }
  }

  /** Whether this change removes the override. */
  @JsonIgnore
  public boolean isRemoval() {
    return value == null;
  }
}
