package org.faxserver.api.number.model;

import java.time.Instant;

public record TenantNumber(long id, long tenantId, String number, String callerIdName, String pageHeader,
                           String ident, String notifySpec, Instant createdAt, Instant updatedAt) {
}
