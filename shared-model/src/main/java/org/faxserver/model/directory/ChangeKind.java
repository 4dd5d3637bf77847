package org.faxserver.model.directory;

/** What happened to a directory entity. {@link #RELOAD} asks caches to refetch without a specific change. */
public enum ChangeKind {
  CREATED,
  UPDATED,
  DELETED,
  RELOAD
}
