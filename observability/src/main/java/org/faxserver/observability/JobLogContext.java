package org.faxserver.observability;

import org.slf4j.MDC;

/**
 * Puts the job id into the logging context (MDC key {@value #KEY}) for the current thread, so every
 * line logged while handling a job carries it (log pattern and Loki structured metadata):
 *
 * <pre>{@code
 * try (var ignored = JobLogContext.of(jobId)) {
 *     handle(message);
 * }
 * }</pre>
 */
public final class JobLogContext implements AutoCloseable {
    public static final String KEY = "jobId";
    private final String previous;

    private JobLogContext(String jobId) {
        this.previous = MDC.get(KEY);
        if (jobId == null) {
            MDC.remove(KEY);
        } else {
            MDC.put(KEY, jobId);
        }
    }

    public static JobLogContext of(Object jobId) {
        return new JobLogContext(jobId == null ? null : jobId.toString());
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(KEY);
        } else {
            MDC.put(KEY, previous);
        }
    }
}
