package org.faxserver.api.fax.model;

import java.util.List;
import java.util.Map;

/**
 * The form fields of {@code POST /fax/send} as the client sent them, before validation.
 *
 * @param values         field name → every value given for it, in order
 * @param labelsObject   the {@code labels} field already read as a JSON object; null if absent
 * @param files          number of {@code file} parts
 * @param idempotencyKey the {@code Idempotency-Key} header; null if absent
 */
public record SendFields(Map<String, List<String>> values, Map<String, String> labelsObject, int files,
                         String idempotencyKey) {
    public SendFields {
        values = Map.copyOf(values);
        labelsObject = labelsObject == null ? null : Map.copyOf(labelsObject);
    }

    /** Every value of the field (empty if absent). */
    public List<String> all(String field) {
        return values.getOrDefault(field, List.of());
    }
}
