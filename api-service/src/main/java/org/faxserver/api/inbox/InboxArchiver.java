package org.faxserver.api.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;

import org.faxserver.api.inbox.InboxRepository.DocumentKeys;
import org.faxserver.api.inbox.InboxRepository.NewReceivedFax;
import org.faxserver.document.DocumentRejectedException;
import org.faxserver.document.FaxTiffExport;
import org.faxserver.document.store.DocumentStore;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.inbound.InboundReceived;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every received fax: metadata in {@code api.received_fax}, and next to the TIFF that
 * esl-gateway wrote a PDF of all pages and a PNG preview of page 1. Idempotent per call id, so a
 * redelivered {@code inbound.received} changes nothing. Runs on a listener thread and blocks.
 */
class InboxArchiver {
    private static final Logger log = LoggerFactory.getLogger(InboxArchiver.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final InboxRepository repository;
    private final DocumentStore store;
    private final FaxTiffExport export;
    private final Clock clock;

    InboxArchiver(InboxRepository repository, DocumentStore store, FaxTiffExport export, Clock clock) {
        this.repository = repository;
        this.store = store;
        this.export = export;
        this.clock = clock;
    }

    /** Archives one reception; returns false if it was archived before. An unreadable TIFF or a database failure throws (retried, then parked). */
    boolean archive(InboundReceived received) throws IOException {
        if (Boolean.TRUE.equals(repository.exists(received.callId()).block(DB_TIMEOUT))) {
            return false;
        }
        long tenantId = tenantId(received.tenantId());
        FaxResult r = received.result();
        String tiffKey = received.document() == null ? null : received.document().key();
        String pdfKey = null;
        String pngKey = null;
        if (tiffKey != null) {
            try {
                byte[] tiff = read(tiffKey);
                String base = "inbox/" + tenantId + "/" + received.callId();
                pdfKey = base + ".pdf";
                pngKey = base + ".png";
                store.store(pdfKey, export.toPdf(tiff));
                store.store(pngKey, export.previewPng(tiff));
            } catch (DocumentRejectedException e) {
                // Not renderable (a truncated TIFF of a failed reception, or beyond the limits): retrying
                // cannot help, so the fax is archived as received, as TIFF only.
                log.warn("received fax {} archived as TIFF only: {}", received.callId(), e.getMessage());
                pdfKey = null;
                pngKey = null;
            }
        }
        NewReceivedFax row = new NewReceivedFax(received.callId(), tenantId,
                received.caller() == null ? null : received.caller().e164(), received.callee().e164(),
                received.sourceGateway(), r.success(), r.resultCode(), r.resultText(), r.hangupCause().name(),
                r.remoteStationId(), r.pagesTransferred(), r.transferRate(), r.ecmUsed(), tiffKey, pdfKey, pngKey,
                received.startedAt() == null ? clock.instant() : received.startedAt());
        return Boolean.TRUE.equals(repository.insert(row).block(DB_TIMEOUT));
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    private static long tenantId(String tenantId) {
        try {
            return Long.parseLong(tenantId);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("inbound.received names tenant '" + tenantId + "', not a tenant id", e);
        }
    }
}
