package org.faxserver.api.tenant;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.faxserver.api.tenant.model.Tenant;

/** JSON payloads of the tenant admin routes. */
final class TenantPayloads {
    private TenantPayloads() {
    }

    /** Body of POST and PUT /admin/tenant. {@code notify}: the seed's notification string, optional. */
    record TenantRequest(String name, @JsonProperty("notify") String notifySpec) {
    }

    record TenantResponse(long id, String name, @JsonProperty("notify") String notifySpec, Instant createdAt, Instant updatedAt) {
        static TenantResponse of(Tenant t) {
            return new TenantResponse(t.id(), t.name(), t.notifySpec(), t.createdAt(), t.updatedAt());
        }
    }
}
