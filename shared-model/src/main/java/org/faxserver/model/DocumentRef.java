package org.faxserver.model;

import java.util.Objects;

/**
 * Points at a document in the {@code DocumentStore}; messages carry the reference, never the bytes.
 *
 * @param key       the store's key, opaque to everyone but the store (e.g. "tenant-7/2026/11/abc.tif")
 * @param mediaType e.g. "image/tiff" or "application/pdf"
 */
public record DocumentRef(String key, String mediaType) {

  public static final String TIFF = "image/tiff";
  public static final String PDF = "application/pdf";

  public DocumentRef {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("document key is required");
    }
    Objects.requireNonNull(mediaType, "mediaType");
  }

  /** A TIFF-F document, the form FreeSWITCH sends and receives. */
  public static DocumentRef tiff(String key) {
    return new DocumentRef(key, TIFF);
  }
}
