package org.faxserver.api.fax;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code POST /fax/send} body after streaming: the form fields, and the files as temporary files in
 * upload order. Closing deletes the temporary files; whoever reads the form closes it.
 */
final class UploadedForm implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UploadedForm.class);
    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private final List<Path> files = new ArrayList<>();

    synchronized void addField(String name, String value) {
        fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    synchronized void addFile(Path file) {
        files.add(file);
    }

    synchronized Map<String, List<String>> fields() {
        return Map.copyOf(fields);
    }

    synchronized List<Path> files() {
        return List.copyOf(files);
    }

    @Override
    public synchronized void close() {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("could not delete upload temp file {}: {}", file, e.toString());
            }
        }
        files.clear();
    }
}
