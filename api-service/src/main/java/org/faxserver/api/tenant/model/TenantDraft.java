package org.faxserver.api.tenant.model;

import org.faxserver.api.shared.model.NotifySpec;
import org.faxserver.api.shared.model.Violations;

/** Validated content of a tenant, for create and full update. */
public record TenantDraft(String name, String notifySpec) {
    public static final int MAX_NAME = 200;

    /** Validates raw input; throws {@link org.faxserver.api.shared.model.InvalidInputException} naming every bad field. */
    public static TenantDraft of(String name, String notifySpec) {
        Violations v = new Violations();
        String n = v.requiredText("name", name, MAX_NAME);
        String spec = NotifySpec.validate("notify", notifySpec, v);
        v.throwIfAny();
        return new TenantDraft(n, spec);
    }
}
