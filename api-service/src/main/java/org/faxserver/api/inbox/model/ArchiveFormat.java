package org.faxserver.api.inbox.model;

import java.util.Locale;

import org.faxserver.api.shared.model.InvalidInputException;

/** The forms a received fax is kept in: the TIFF as received, a PDF of every page, a PNG of page 1. */
public enum ArchiveFormat {
    TIFF("image/tiff", "tif"),
    PDF("application/pdf", "pdf"),
    PNG("image/png", "png");

    private final String mediaType;
    private final String extension;

    ArchiveFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** Parses {@code tiff|pdf|png} (any case); anything else is a 400 naming the field. */
    public static ArchiveFormat parse(String field, String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw InvalidInputException.of(field, "must be one of tiff, pdf, png");
        }
    }
}
