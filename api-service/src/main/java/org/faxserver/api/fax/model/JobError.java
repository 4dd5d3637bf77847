package org.faxserver.api.fax.model;

/**
 * Why a job did not succeed, typed so clients can react without parsing text.
 *
 * @param type    fax-queue's failure kind, e.g. {@code ALL_ENDPOINTS_FAILED}, {@code NO_ROUTE}, {@code CANCELLED}
 * @param code    the last attempt's error code (T.30 code, hangup cause); may be null
 * @param message human explanation
 */
public record JobError(String type, String code, String message) {
}
