package org.faxserver.api.fax.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.faxserver.api.shared.model.Violations;
import org.faxserver.model.PhoneNumber;

/**
 * A validated request to send a fax. Checked in two steps so the status says what went wrong: a
 * missing or repeated field or a malformed Idempotency-Key is a broken request (400); present values
 * that cannot be used (not a phone number, a header too long, bad labels) are 422, naming the field.
 * Whether {@code from} belongs to the caller's tenant is checked against the directory afterwards.
 *
 * @param from           the sender number (E.164)
 * @param fromField      the field name the client used for it ({@code from} or the seed's {@code caller_number})
 * @param to             the destination (E.164)
 * @param header         page header text; null for the number's default
 * @param ident          T.30 station id (TSI); null for the number's default
 * @param labels         the client's key/value tags
 * @param idempotencyKey the Idempotency-Key header; null if absent
 */
public record SendRequest(PhoneNumber from, String fromField, PhoneNumber to, String header, String ident,
                          Map<String, String> labels, String idempotencyKey) {
    public static final String FILE = "file";
    /** Names of the form fields accepted besides {@value #FILE}. */
    public static final Set<String> FIELDS = Set.of("from", "caller_number", "to", "callee_number", "header", "ident",
            Labels.OBJECT_FIELD, Labels.PAIR_FIELD);
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    static final int MAX_HEADER_LENGTH = 100;
    static final int MAX_IDENT_LENGTH = 20;
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]*");
    private static final Pattern KEY_CHARACTERS = Pattern.compile("[\\x21-\\x7E]+");

    public SendRequest {
        labels = Map.copyOf(labels);
    }

    public static SendRequest of(SendFields fields, String defaultRegion) {
        Violations missing = new Violations();
        String fromField = fields.all("from").isEmpty() && !fields.all("caller_number").isEmpty() ? "caller_number" : "from";
        String toField = fields.all("to").isEmpty() && !fields.all("callee_number").isEmpty() ? "callee_number" : "to";
        String rawFrom = single(fields, "from", "caller_number", missing);
        String rawTo = single(fields, "to", "callee_number", missing);
        String rawHeader = optionalSingle(fields, "header", missing);
        String rawIdent = optionalSingle(fields, "ident", missing);
        if (fields.files() == 0) {
            missing.add(FILE, "at least one file is required");
        }
        String key = idempotencyKey(fields.idempotencyKey(), missing);
        missing.throwIfAny();

        Violations invalid = new Violations();
        PhoneNumber from = invalid.phoneNumber(fromField, rawFrom, defaultRegion);
        PhoneNumber to = invalid.phoneNumber(toField, rawTo, defaultRegion);
        // Both go into the originate dial string (fax_header, fax_ident).
        String header = invalid.optionalDialText("header", rawHeader, MAX_HEADER_LENGTH);
        String ident = invalid.optionalDialText("ident", rawIdent, MAX_IDENT_LENGTH);
        if (ident != null && !PRINTABLE_ASCII.matcher(ident).matches()) {
            invalid.add("ident", "must be printable ASCII (T.30 station id)");
        }
        Map<String, String> labels = Labels.of(fields.labelsObject(), fields.all(Labels.PAIR_FIELD), invalid);
        invalid.throwUnprocessableIfAny();
        return new SendRequest(from, fromField, to, header, ident, labels, key);
    }

    private static String single(SendFields fields, String name, String seedName, Violations v) {
        List<String> values = fields.all(name);
        List<String> seedValues = fields.all(seedName);
        if (!values.isEmpty() && !seedValues.isEmpty()) {
            v.add(name, "give either " + name + " or " + seedName + ", not both");
            return null;
        }
        List<String> given = values.isEmpty() ? seedValues : values;
        String field = values.isEmpty() && !seedValues.isEmpty() ? seedName : name;
        if (given.isEmpty() || given.get(0).isBlank()) {
            v.add(name, "is required");
            return null;
        }
        if (given.size() > 1) {
            v.add(field, "must be given once");
            return null;
        }
        return given.get(0);
    }

    private static String optionalSingle(SendFields fields, String name, Violations v) {
        List<String> values = fields.all(name);
        if (values.size() > 1) {
            v.add(name, "must be given once");
            return null;
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static String idempotencyKey(String key, Violations v) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH || !KEY_CHARACTERS.matcher(key).matches()) {
            v.add(IDEMPOTENCY_HEADER, "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " visible ASCII characters (a UUID is a good choice)");
            return null;
        }
        return key;
    }
}
