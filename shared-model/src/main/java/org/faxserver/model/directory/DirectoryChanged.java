package org.faxserver.model.directory;

import java.util.Objects;

/**
 * Fact: tenants, numbers, users or endpoints changed; caches in router and queue drop the entry (or
 * everything, for {@link DirectoryEntity#ALL}).
 *
 * @param entity   which kind of entity
 * @param entityId the entity's id; null only for {@link DirectoryEntity#ALL}
 * @param change   what happened
 */
public record DirectoryChanged(DirectoryEntity entity, String entityId, ChangeKind change) {

  public static final String TYPE = "directory.changed";
  public static final int VERSION = 1;

  public DirectoryChanged {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(change, "change");
    if (entity != DirectoryEntity.ALL && (entityId == null || entityId.isBlank())) {
      throw new IllegalArgumentException("entityId is required for " + entity);
    }
  }

  /** Every cache should drop everything, e.g. after a bulk import. */
  public static DirectoryChanged reloadAll() {
    return new DirectoryChanged(DirectoryEntity.ALL, null, ChangeKind.RELOAD);
  }

  public static DirectoryChanged created(DirectoryEntity entity, String entityId) {
    return new DirectoryChanged(entity, entityId, ChangeKind.CREATED);
  }

  public static DirectoryChanged updated(DirectoryEntity entity, String entityId) {
    return new DirectoryChanged(entity, entityId, ChangeKind.UPDATED);
  }

  public static DirectoryChanged deleted(DirectoryEntity entity, String entityId) {
    return new DirectoryChanged(entity, entityId, ChangeKind.DELETED);
  }
}
