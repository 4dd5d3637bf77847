package org.faxserver.gateway.send.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.faxserver.model.fallback.DialOverridePolicy;

/**
 * The argument of {@code bgapi originate} for one fax:
 * {@code originate {origination_uuid=…,fax_ident=…,…}sofia/gateway/<gw>/<number> &txfax(<file>)}.
 *
 * <p><b>Deterministic order.</b> The seed built the variable block from a Go map, so every call had a
 * different order and the dial string could not be compared or logged meaningfully. Here the standard
 * variables always come in the order of {@link #STANDARD_ORDER} (whatever order the setters were
 * called in), then extra {@link Builder#variable variables} in call order, then the overrides that add
 * new variables, sorted by name. An override of a variable already present replaces its value in
 * place, so each variable appears exactly once and the override wins.
 *
 * <p><b>Quoting.</b> FreeSWITCH splits the originate arguments on spaces (outside single quotes) and
 * the {@code {}} block on commas, removing backslash escapes ({@code switch_separate_string}). So a
 * value has {@code \}, {@code ,}, {@code '} and {@code "} escaped with a backslash and is wrapped in
 * single quotes when it contains a space. There is no escape for the block's braces or for line
 * breaks (a line break would even end the ESL command and start another one), so control characters,
 * {@code {} and {@code }} are dropped from values.
 *
 * <p><b>Overrides</b> come from fax-queue and from mod_db, where anyone with fs_cli can write them, so this is the
 * last check before FreeSWITCH: one that {@link DialOverridePolicy} does not allow (our attempt id, a variable
 * that runs commands, a value FreeSWITCH would expand) is left out and reported in {@link #ignoredOverrides()}.
 */
public final class DialString {

  /** A channel variable name as FreeSWITCH accepts it in a dial string. */
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

  /** Our correlation id; an override must never replace it, or we would lose the call. */
  static final String ORIGINATION_UUID = "origination_uuid";

  /** The order of the standard variables in every dial string. */
  public static final List<String> STANDARD_ORDER = List.of(
      ORIGINATION_UUID, "fax_ident", "fax_header", "fax_use_ecm", "fax_disable_v17", "fax_enable_t38",
      "fax_enable_t38_request", "ignore_early_media", "origination_caller_id_number",
      "origination_caller_id_name", "originate_timeout", "fax_verbose");

  private final Map<String, String> variables;
  private final List<String> ignoredOverrides;
  private final String gateway;
  private final String number;
  private final String file;

  private DialString(Map<String, String> variables, List<String> ignoredOverrides, String gateway,
      String number, String file) {
    this.variables = Collections.unmodifiableMap(variables);
    this.ignoredOverrides = List.copyOf(ignoredOverrides);
    this.gateway = gateway;
    this.number = number;
    this.file = file;
  }

  /** Starts a dial string for the call with this {@code origination_uuid} (our attempt id). */
  public static Builder forAttempt(UUID attemptId) {
    return new Builder(attemptId);
  }

  /** The command for {@code bgapi}: {@code originate {…}sofia/gateway/<gw>/<number> &txfax(<file>)}. */
  public String originateCommand() {
    StringBuilder sb = new StringBuilder("originate {");
    boolean first = true;
    for (Map.Entry<String, String> v : variables.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(v.getKey()).append('=').append(quote(v.getValue()));
    }
    sb.append('}').append("sofia/gateway/").append(gateway).append('/').append(number)
        .append(" &txfax(").append(file).append(')');
    return sb.toString();
  }

  /** The variables in dial-string order, unescaped. */
  public Map<String, String> variables() {
    return variables;
  }

  /** Override names that were not applied (not allowed by {@link DialOverridePolicy}), for logging. */
  public List<String> ignoredOverrides() {
    return ignoredOverrides;
  }

  @Override
  public String toString() {
    return originateCommand();
  }

  /** Escapes one value for the {@code {}} block (see the class comment). */
  static String quote(String raw) {
    StringBuilder sb = new StringBuilder(raw.length() + 8);
    boolean space = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isISOControl(c) || c == '{' || c == '}') {
        continue;
      }
      if (c == '\\' || c == ',' || c == '\'' || c == '"') {
        sb.append('\\');
      }
      if (c == ' ') {
        space = true;
      }
      sb.append(c);
    }
    return space ? "'" + sb + "'" : sb.toString();
  }

  /** Collects the variables; each setter ignores a null value (FreeSWITCH's default applies). */
  public static final class Builder {
    private final Map<String, String> vars = new LinkedHashMap<>();
    private final Map<String, String> extras = new LinkedHashMap<>();
    private final Map<String, String> overrides = new TreeMap<>();
    private final Set<String> ignored = new TreeSet<>();
    private String gateway;
    private String number;
    private String file;

    private Builder(UUID attemptId) {
      vars.put(ORIGINATION_UUID, Objects.requireNonNull(attemptId, "attemptId").toString());
    }

    public Builder faxIdent(String ident) {
      return put("fax_ident", ident);
    }

    public Builder faxHeader(String header) {
      return put("fax_header", header);
    }

    public Builder useEcm(boolean ecm) {
      return put("fax_use_ecm", Boolean.toString(ecm));
    }

    public Builder disableV17(boolean disabled) {
      return put("fax_disable_v17", Boolean.toString(disabled));
    }

    /** {@code fax_enable_t38} and {@code fax_enable_t38_request}. */
    public Builder t38(boolean enable, boolean request) {
      put("fax_enable_t38", Boolean.toString(enable));
      return put("fax_enable_t38_request", Boolean.toString(enable && request));
    }

    /** Early media (ringback, announcements) must not start txfax before the far end answered. */
    public Builder ignoreEarlyMedia() {
      return put("ignore_early_media", "true");
    }

    public Builder callerIdNumber(String number) {
      return put("origination_caller_id_number", number);
    }

    public Builder callerIdName(String name) {
      return put("origination_caller_id_name", name);
    }

    /** How long FreeSWITCH lets the call ring; the seed had no limit of its own. */
    public Builder originateTimeoutSeconds(long seconds) {
      if (seconds < 1) {
        throw new IllegalArgumentException("originate timeout must be at least 1 s, was " + seconds);
      }
      return put("originate_timeout", Long.toString(seconds));
    }

    /**
     * Any further channel variable, placed after the standard ones in call order. Used for our own
     * markers (e.g. the job id) that let a restarted gateway recognise its calls.
     */
    public Builder variable(String name, String value) {
      if (!VARIABLE_NAME.matcher(name).matches() || STANDARD_ORDER.contains(name)) {
        throw new IllegalArgumentException("not an extra channel variable name: " + name);
      }
      if (value != null) {
        extras.put(name, value);
      }
      return this;
    }

    public Builder faxVerbose(boolean verbose) {
      return put("fax_verbose", Boolean.toString(verbose));
    }

    /**
     * Per-destination overrides; applied last, they win, and a later call's win over an earlier one's. Each is
     * checked here, so one that is left out never hides an allowed one from an earlier call.
     */
    public Builder overrides(Map<String, String> values) {
      values.forEach((name, value) -> {
        if (DialOverridePolicy.allows(name, value)) {
          overrides.put(name, value);
        } else {
          ignored.add(name);
        }
      });
      return this;
    }

    /** {@code sofia/gateway/<gateway>/<number> &txfax(<file>)}. */
    public Builder target(String gatewayName, String dialledNumber, String txfaxFile) {
      this.gateway = requirePlain(gatewayName, "gateway");
      this.number = requirePlain(dialledNumber, "number");
      this.file = requirePlain(txfaxFile, "file");
      return this;
    }

    public DialString build() {
      if (gateway == null) {
        throw new IllegalStateException("target not set");
      }
      Map<String, String> all = new LinkedHashMap<>();
      for (String name : STANDARD_ORDER) {
        if (vars.containsKey(name)) {
          all.put(name, vars.get(name));
        }
      }
      all.putAll(extras);
      all.putAll(overrides);
      return new DialString(all, List.copyOf(ignored), gateway, number, file);
    }

    private Builder put(String name, String value) {
      if (value != null) {
        vars.put(name, value);
      }
      return this;
    }

    /** Gateway, number and file sit outside the {@code {}} block, where nothing can be escaped. */
    private static String requirePlain(String value, String what) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(what + " is required");
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (Character.isWhitespace(c) || Character.isISOControl(c) || "{}(),'\"&|".indexOf(c) >= 0) {
          throw new IllegalArgumentException(what + " contains '" + c + "', which a dial string cannot carry: "
              + value);
        }
      }
      return value;
    }
  }
}
