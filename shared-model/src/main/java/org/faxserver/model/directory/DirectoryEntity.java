package org.faxserver.model.directory;

/** Which kind of directory data changed; {@link #ALL} means every cache should reload everything. */
public enum DirectoryEntity {
  TENANT,
  NUMBER,
  USER,
  ENDPOINT,
  ALL
}
