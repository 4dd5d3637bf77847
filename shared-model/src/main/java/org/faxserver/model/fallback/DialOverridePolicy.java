package org.faxserver.model.fallback;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a per-destination dial override may set. One rule on every hop to FreeSWITCH: api-service refuses an
 * override that breaks it (a problem answer naming the field and why), {@link OverrideChange} refuses to carry one, fax-queue never
 * puts one into a {@code fax.originate}, and esl-gateway leaves one out of the dial string — the last check also
 * covers entries written into mod_db ({@code override-<destination>}) with fs_cli, as in the seed.
 *
 * <p>The value goes into the originate dial string ({@code {variable=value,...}}) and into mod_db
 * ({@code db insert/override-<destination>/<variable>/<value>}), so it is printable ASCII, at most {@value #MAX_VALUE}
 * characters (mod_db's {@code select} returns values through a 256-byte buffer), without leading or trailing space
 * and without {@code , { } ' " \ /} (dial-string and mod_db separators, quotes, the escape character: esl-gateway
 * escapes what it can, but a value that needs no escaping cannot be misread by any FreeSWITCH version) or
 * {@code $ ^ [ ] < > |} (FreeSWITCH expands {@code ${...}}, including API calls, and reads the others as delimiter,
 * channel-variable or bridge syntax). Variables are channel-variable names (a letter, then letters, digits,
 * {@code _ - .}, as in {@code sip_h_X-Account}); those that make
 * FreeSWITCH run commands or applications ({@code api_on_answer}, {@code execute_on_*}, {@code *_hook}, ...), that
 * send the call (and the tenant's document) to another SIP destination, and {@code origination_uuid} (our attempt
 * id, which ties every event to its fax) are refused, so an override can tune a call but never take it over.
 */
public final class DialOverridePolicy {

  /** mod_db's {@code select} returns values through a 256-byte buffer. */
  private static final int MAX_VALUE = 255;

  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]{0,127}");
  /** Variables whose value FreeSWITCH executes. */
  private static final Pattern EXECUTING = Pattern.compile("^api_.*|^exec.*|.*execute.*|.*hook.*");
  /** Variables that would send the call elsewhere. */
  private static final Pattern REDIRECTING = Pattern.compile(
      "^transfer_.*|^sip_invite_req_uri$|^sip_route_uri$|^sip_network_destination$");
  private static final String RESERVED = "origination_uuid";
  private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]+");
  private static final String VALUE_BREAKING = ",{}'\"\\/$^[]<>|";

  private DialOverridePolicy() {
  }

  /** Why {@code name} is not a channel variable name (for removals, which are always safe); empty if it is one. */
  public static Optional<String> nameProblem(String name) {
    if (name == null || !VARIABLE.matcher(name).matches()) {
      return Optional.of("must be a channel variable name: a letter, then up to 127 letters, digits, _, - or .");
    }
    return Optional.empty();
  }

  /** Why an override may not set {@code name}; empty if it may. */
  public static Optional<String> variableProblem(String name) {
    Optional<String> notAName = nameProblem(name);
    if (notAName.isPresent()) {
      return notAName;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (RESERVED.equals(lower)) {
      return Optional.of("origination_uuid is reserved: it ties the call to its fax attempt");
    }
    if (EXECUTING.matcher(lower).matches()) {
      return Optional.of("variables that make FreeSWITCH run commands or applications cannot be overridden");
    }
    if (REDIRECTING.matcher(lower).matches()) {
      return Optional.of("variables that would send the call, and its document, to another destination cannot be "
          + "overridden");
    }
    return Optional.empty();
  }

  /** Why {@code value} may not be an override's value; empty if it may. */
  public static Optional<String> valueProblem(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.of("must not be empty (remove the override instead)");
    }
    if (value.length() > MAX_VALUE) {
      return Optional.of("must be at most " + MAX_VALUE + " characters");
    }
    if (!PRINTABLE_ASCII.matcher(value).matches()) {
      return Optional.of("must be printable ASCII without control characters");
    }
    if (value.chars().anyMatch(c -> VALUE_BREAKING.indexOf(c) >= 0)) {
      return Optional.of("must not contain any of , { } ' \" \\ / $ ^ [ ] < > | (they would break the dial string "
          + "or mod_db, or FreeSWITCH would expand them)");
    }
    if (value.startsWith(" ") || value.endsWith(" ")) {
      // esl-gateway quotes inner spaces; edge spaces would be lost or ambiguous in mod_db.
      return Optional.of("must not start or end with a space");
    }
    return Optional.empty();
  }

  /** Whether an override may set {@code name} to {@code value}. */
  public static boolean allows(String name, String value) {
    return variableProblem(name).isEmpty() && valueProblem(value).isEmpty();
  }
}
