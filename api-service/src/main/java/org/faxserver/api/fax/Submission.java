package org.faxserver.api.fax;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.faxserver.api.fax.model.SendRequest;

/**
 * A row of {@code api.submission}: what the client asked for and where its TIFF-F is.
 *
 * @param requestHash the request's fingerprint, which a repeated Idempotency-Key is compared with; null without a key
 */
record Submission(UUID jobId, long tenantId, long userId, SendRequest request, String requestHash, String tiffKey,
                  int pages) {

    Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        if (request.header() != null) {
            options.put("header", request.header());
        }
        if (request.ident() != null) {
            options.put("ident", request.ident());
        }
        return options;
    }
}
