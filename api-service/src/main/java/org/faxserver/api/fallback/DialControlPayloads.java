package org.faxserver.api.fallback;

import java.time.Instant;
import java.util.UUID;

import org.faxserver.api.fallback.model.FallbackEntry;
import org.faxserver.api.fallback.model.OverrideEntry;

/** JSON payloads of {@code /admin/fallback} and {@code /admin/override}. */
final class DialControlPayloads {
    private DialControlPayloads() {
    }

    /** Body of POST /admin/fallback, the seed's shape: {@code {"number":"2505551234"}}. */
    record FallbackRequest(String number) {
    }

    /**
     * Answer (202) to POST and DELETE /admin/fallback: the seed's {@code {success, number}} with the
     * number in E.164, plus the id of the command fax-queue will apply.
     */
    record FallbackAccepted(boolean success, String number, boolean listed, UUID messageId) {
    }

    record FallbackResponse(String number, Instant since, String source) {
        static FallbackResponse of(FallbackEntry e) {
            return new FallbackResponse(e.number(), e.since(), e.source());
        }
    }

    /** Body of PUT/POST /admin/override. */
    record OverrideRequest(String destination, String variable, String value) {
    }

    /** Answer (202) to PUT/POST and DELETE /admin/override; {@code value} is null for a removal. */
    record OverrideAccepted(String destination, String variable, String value, UUID messageId) {
    }

    record OverrideResponse(String destination, String variable, String value, Instant updatedAt) {
        static OverrideResponse of(OverrideEntry e) {
            return new OverrideResponse(e.destination(), e.variable(), e.value(), e.updatedAt());
        }
    }
}
