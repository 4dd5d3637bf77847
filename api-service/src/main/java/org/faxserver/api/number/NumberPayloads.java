package org.faxserver.api.number;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.faxserver.api.number.model.TenantNumber;

/** JSON payloads of the number admin routes. */
final class NumberPayloads {
    private NumberPayloads() {
    }

    /**
     * Body of POST and PUT /admin/number. {@code number} may be national (read with
     * {@code faxserver.numbers.default-region}) or international; it is stored in E.164.
     * {@code ident} is the T.30 TSI/CSI (max 20 characters), {@code page_header} the fax page header.
     */
    record NumberRequest(Long tenantId, String number, String callerIdName, String pageHeader, String ident,
                         @JsonProperty("notify") String notifySpec) {
    }

    record NumberResponse(long id, long tenantId, String number, String callerIdName, String pageHeader,
                          String ident, @JsonProperty("notify") String notifySpec, Instant createdAt, Instant updatedAt) {
        static NumberResponse of(TenantNumber n) {
            return new NumberResponse(n.id(), n.tenantId(), n.number(), n.callerIdName(), n.pageHeader(), n.ident(),
                    n.notifySpec(), n.createdAt(), n.updatedAt());
        }
    }
}
