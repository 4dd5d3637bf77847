package org.faxserver.api.fax.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.faxserver.model.fax.PageResult;

/**
 * One try at delivering a job, from fax-queue's {@code attempt_view}. Fields of the fax result are
 * null until the attempt reported them.
 *
 * @param gateway     the FreeSWITCH gateway (or webhook/email target) used
 * @param endKind     how the attempt ended (fax-queue's end kind), null while it runs
 * @param hangupCause SIP/Q.850 hangup cause name, e.g. {@code NORMAL_CLEARING}
 * @param t30Code     spandsp result code ({@code fax_result_code}); 0 is success
 * @param remoteCsid  the far end's station id
 * @param bitRate     negotiated transfer rate in bit/s
 * @param t38Status   {@code OFF}, {@code NEGOTIATED}, {@code REFUSED}, ...
 * @param pages       per-page data (bad rows, encoding, resolution) once the attempt finished
 */
public record FaxAttempt(UUID attemptId, int number, String endpointKind, String gateway, Instant startedAt,
                         Instant endedAt, String endKind, Boolean success, String errorCode, String detail,
                         String hangupCause, Integer t30Code, String t30Text, String remoteCsid, Integer bitRate,
                         Boolean ecm, String t38Status, Integer badRows, int pagesSent, Integer pagesTotal,
                         List<PageResult> pages) {
    public FaxAttempt {
        pages = pages == null ? List.of() : List.copyOf(pages);
    }
}
