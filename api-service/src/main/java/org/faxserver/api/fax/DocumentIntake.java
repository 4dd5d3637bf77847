package org.faxserver.api.fax;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.faxserver.api.fax.model.RequestFingerprint;
import org.faxserver.document.ConversionResult;
import org.faxserver.document.DocumentSource;
import org.faxserver.document.FaxDocumentConverter;
import org.faxserver.document.FaxTiffExport;
import org.faxserver.document.store.DocumentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Turns uploaded files into the documents of a job: the TIFF-F FreeSWITCH sends and the PDF "as
 * sent" (rendered back from that TIFF, so it shows exactly what the recipient gets). Conversion runs
 * on the bounded conversion scheduler, file I/O on boundedElastic; never on the event loop.
 */
class DocumentIntake {
    private static final Logger log = LoggerFactory.getLogger(DocumentIntake.class);
    private static final int READ_CHUNK = 64 * 1024;

    /** Where a job's documents live in the store. */
    record StoredDocument(String tiffKey, String pdfKey, int pages) {
    }

    private final FaxDocumentConverter converter;
    private final FaxTiffExport export;
    private final DocumentStore store;
    private final Scheduler conversion;

    DocumentIntake(FaxDocumentConverter converter, FaxTiffExport export, DocumentStore store, Scheduler conversion) {
        this.converter = converter;
        this.export = export;
        this.store = store;
        this.conversion = conversion;
    }

    static String tiffKey(UUID jobId) {
        return "jobs/" + jobId + "/fax.tif";
    }

    static String pdfKey(UUID jobId) {
        return "jobs/" + jobId + "/fax.pdf";
    }

    /** SHA-256 of each file, in order (for the idempotency fingerprint); files on disk are read on boundedElastic. */
    Mono<List<byte[]>> digests(List<DocumentSource> files) {
        Mono<List<byte[]>> digests = Mono.fromCallable(() -> {
            List<byte[]> result = new ArrayList<>(files.size());
            for (DocumentSource file : files) {
                MessageDigest sha = RequestFingerprint.sha256();
                if (file instanceof DocumentSource.Bytes inMemory) {
                    sha.update(inMemory.bytes());
                } else {
                    try (InputStream in = Files.newInputStream(((DocumentSource.File) file).path())) {
                        byte[] buffer = new byte[READ_CHUNK];
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            sha.update(buffer, 0, n);
                        }
                    }
                }
                result.add(sha.digest());
            }
            return result;
        });
        return files.stream().allMatch(DocumentSource.Bytes.class::isInstance)
                ? digests : digests.subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Converts the files (in order, as one fax) and stores the TIFF-F and the PDF under the job's
     * keys. A document that cannot be faxed fails with {@code DocumentRejectedException}.
     */
    Mono<StoredDocument> convertAndStore(UUID jobId, List<DocumentSource> files) {
        return Mono.fromCallable(() -> convert(files))
                .subscribeOn(conversion)
                .publishOn(Schedulers.boundedElastic())
                .map(rendered -> {
                    try {
                        StoredDocument stored = new StoredDocument(tiffKey(jobId), pdfKey(jobId), rendered.pages());
                        store.store(stored.tiffKey(), rendered.tiff());
                        store.store(stored.pdfKey(), rendered.pdf());
                        return stored;
                    } catch (IOException e) {
                        delete(jobId);
                        throw new UncheckedIOException("storing the documents of job " + jobId + " failed", e);
                    }
                });
    }

    private record Rendered(byte[] tiff, byte[] pdf, int pages) {
    }

    /** Both CPU-heavy steps, on the conversion scheduler. */
    private Rendered convert(List<DocumentSource> files) throws IOException {
        ConversionResult.Converted converted = converter.convert(files).orElseThrow();
        return new Rendered(converted.tiff(), export.toPdf(converted.tiff()), converted.pages());
    }

    /** Best effort: removes the job's documents when its submission was not recorded after all. */
    Mono<Void> deleteLater(UUID jobId) {
        return Mono.fromRunnable(() -> delete(jobId)).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private void delete(UUID jobId) {
        for (String key : List.of(tiffKey(jobId), pdfKey(jobId))) {
            try {
                store.delete(key);
            } catch (IOException | RuntimeException e) {
                log.warn("could not delete document {} of unrecorded job {}: {}", key, jobId, e.toString());
            }
        }
    }

    /** The stored document, streamed in chunks; {@code NoSuchFileException} if it is gone. */
    Flux<DataBuffer> read(String key) {
        return DataBufferUtils.readInputStream(() -> store.open(key), DefaultDataBufferFactory.sharedInstance, READ_CHUNK)
                .subscribeOn(Schedulers.boundedElastic());
    }
}
