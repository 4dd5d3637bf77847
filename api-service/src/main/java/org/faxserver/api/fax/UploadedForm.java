package org.faxserver.api.fax;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.faxserver.document.DocumentSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code POST /fax/send} body after streaming: the form fields, and the files in upload order, each held in
 * memory or in a temporary file. Closing deletes the temporary files; whoever reads the form closes it.
 */
final class UploadedForm implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UploadedForm.class);
    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private final List<DocumentSource> files = new ArrayList<>();
    private final List<Path> tempFiles = new ArrayList<>();
    private boolean closed;

    synchronized void addField(String name, String value) {
        fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    /** A complete file part, in upload order. */
    synchronized void addFile(DocumentSource file) {
        files.add(file);
    }

    /**
     * A temporary file, recorded as soon as it exists so that {@link #close()} deletes it whatever happens; one
     * created after the form was closed (the request was cancelled while it was being created) is deleted at once.
     */
    synchronized void addTempFile(Path file) {
        tempFiles.add(file);
        if (closed) {
            close();
        }
    }

    /** Bytes of the complete files held in memory. */
    synchronized long bytesInMemory() {
        return files.stream().mapToLong(f -> f instanceof DocumentSource.Bytes b ? b.bytes().length : 0).sum();
    }

    synchronized Map<String, List<String>> fields() {
        return Map.copyOf(fields);
    }

    synchronized List<DocumentSource> files() {
        return List.copyOf(files);
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Path file : tempFiles) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("could not delete upload temp file {}: {}", file, e.toString());
            }
        }
        tempFiles.clear();
        files.clear();
    }
}
