package org.faxserver.queue.attempt.application;

import java.time.Instant;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.queue.attempt.model.AttemptOutcome;

/**
 * What is stored when an attempt ends.
 *
 * @param outcome the judged outcome
 * @param result  the full fax result for calls; null for webhook/email and presumed-gone calls
 * @param endedAt when the end was recorded
 */
public record AttemptReport(AttemptOutcome outcome, FaxResult result, Instant endedAt) {}
