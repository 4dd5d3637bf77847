package org.faxserver.router.directory.model;

import java.util.Objects;

/**
 * A tenant as the router sees it.
 *
 * @param id   the directory's id (opaque)
 * @param name display name, for logs and reasons
 */
public record Tenant(String id, String name) {

  public Tenant {
    Objects.requireNonNull(id, "id");
  }
}
