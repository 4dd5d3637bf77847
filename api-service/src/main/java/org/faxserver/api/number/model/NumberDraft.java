package org.faxserver.api.number.model;

import java.util.regex.Pattern;

import org.faxserver.api.shared.model.NotifySpec;
import org.faxserver.api.shared.model.Violations;
import org.faxserver.model.PhoneNumber;

/**
 * Validated content of a tenant number. The number is stored in E.164; the seed stored whatever the
 * client sent and truncated long numbers, which broke international faxing.
 */
public record NumberDraft(long tenantId, String number, String callerIdName, String pageHeader, String ident,
                          String notifySpec) {
    public static final int MAX_CALLER_ID_NAME = 64;
    public static final int MAX_PAGE_HEADER = 100;
    /** T.30 limits the TSI/CSI to 20 characters of printable ASCII. */
    public static final int MAX_IDENT = 20;
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]*");

    public static NumberDraft of(Long tenantId, String number, String callerIdName, String pageHeader, String ident,
                                 String notifySpec, String defaultRegion) {
        Violations v = new Violations();
        v.required("tenant_id", tenantId);
        PhoneNumber parsed = v.phoneNumber("number", number, defaultRegion);
        String e164 = parsed == null ? null : parsed.e164();
        // All three go into the originate dial string of every fax from this number.
        String name = v.optionalDialText("caller_id_name", callerIdName, MAX_CALLER_ID_NAME);
        String header = v.optionalDialText("page_header", pageHeader, MAX_PAGE_HEADER);
        String id = v.optionalDialText("ident", ident, MAX_IDENT);
        if (id != null && !PRINTABLE_ASCII.matcher(id).matches()) {
            v.add("ident", "must be printable ASCII");
        }
        String spec = NotifySpec.validate("notify", notifySpec, v);
        v.throwIfAny();
        return new NumberDraft(tenantId, e164, name, header, id, spec);
    }
}
