package org.faxserver.api.fax;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.faxserver.api.fax.model.RequestFingerprint;
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
 * Turns uploaded files into the document of a job, the TIFF-F FreeSWITCH sends, and renders the PDF "as sent"
 * from it when asked (so it shows exactly what the recipient gets). Conversion and rendering run on the bounded
 * conversion scheduler, file I/O on boundedElastic; never on the event loop.
 */
class DocumentIntake {
    private static final Logger log = LoggerFactory.getLogger(DocumentIntake.class);
    private static final int READ_CHUNK = 64 * 1024;

    /** Where a job's TIFF-F lives in the store. */
    record StoredDocument(String tiffKey, int pages) {
    }

    private final FaxDocumentConverter converter;
    private final FaxTiffExport export;
    private final DocumentStore store;
    private final Scheduler conversion;
    private final Clock clock;

    DocumentIntake(FaxDocumentConverter converter, FaxTiffExport export, DocumentStore store, Scheduler conversion,
                   Clock clock) {
        this.converter = converter;
        this.export = export;
        this.store = store;
        this.conversion = conversion;
        this.clock = clock;
    }

    /**
     * A directory per day (UTC) rather than per job: a new job's document then costs no directory of its own to make
     * and force to disk, and the store's directories stay few however many documents retention has deleted.
     */
    static String tiffKey(UUID jobId, LocalDate day) {
        return String.format("jobs/%04d/%02d/%02d/%s.tif", day.getYear(), day.getMonthValue(), day.getDayOfMonth(),
                jobId);
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
     * Converts the files (in order, as one fax) and stores the TIFF-F under the job's key. A document that
     * cannot be faxed fails with {@code DocumentRejectedException}.
     */
    Mono<StoredDocument> convertAndStore(UUID jobId, List<DocumentSource> files) {
        return Mono.fromCallable(() -> converter.convert(files).orElseThrow())
                .subscribeOn(conversion)
                .publishOn(Schedulers.boundedElastic())
                .map(converted -> {
                    String key = tiffKey(jobId, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
                    try {
                        store.store(key, converted.tiff());
                    } catch (IOException e) {
                        delete(jobId, key);
                        throw new UncheckedIOException("storing the document of job " + jobId + " failed", e);
                    }
                    return new StoredDocument(key, converted.pages());
                });
    }

    /** The PDF as sent, rendered from the stored TIFF-F; {@code NoSuchFileException} if it is gone. */
    Flux<DataBuffer> pdfOf(String tiffKey) {
        return Mono.fromCallable(() -> {
                    try (InputStream in = store.open(tiffKey)) {
                        return in.readAllBytes();
                    }
                })
                .subscribeOn(Schedulers.boundedElastic())
                .publishOn(conversion)
                .map(tiff -> {
                    try {
                        return DefaultDataBufferFactory.sharedInstance.wrap(export.toPdf(tiff));
                    } catch (IOException e) {
                        throw new UncheckedIOException("rendering " + tiffKey + " as PDF failed", e);
                    }
                })
                .cast(DataBuffer.class)
                .flux();
    }

    /** Best effort: removes the job's document when its submission was not recorded after all. */
    Mono<Void> deleteLater(UUID jobId, StoredDocument stored) {
        return Mono.fromRunnable(() -> delete(jobId, stored.tiffKey())).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private void delete(UUID jobId, String key) {
        try {
            store.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn("could not delete document {} of unrecorded job {}: {}", key, jobId, e.toString());
        }
    }

    /** The stored document, streamed in chunks; {@code NoSuchFileException} if it is gone. */
    Flux<DataBuffer> read(String key) {
        return DataBufferUtils.readInputStream(() -> store.open(key), DefaultDataBufferFactory.sharedInstance, READ_CHUNK)
                .subscribeOn(Schedulers.boundedElastic());
    }
}
