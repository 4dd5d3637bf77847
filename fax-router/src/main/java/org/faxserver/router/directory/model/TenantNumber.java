package org.faxserver.router.directory.model;

import java.util.Objects;
import org.faxserver.model.PhoneNumber;

/**
 * A number on this system and the tenant it belongs to.
 *
 * @param id       the directory's id (opaque); NUMBER endpoints point at it
 * @param tenantId the owning tenant
 * @param number   the number, E.164
 * @param ident    T.30 station id (CSI/TSI) to present for this number; null for the default
 */
public record TenantNumber(String id, String tenantId, PhoneNumber number, String ident) {

  public TenantNumber {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(number, "number");
  }
}
