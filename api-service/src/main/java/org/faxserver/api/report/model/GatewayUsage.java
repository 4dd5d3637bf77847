package org.faxserver.api.report.model;

/**
 * Calls through one gateway in a period. {@code successRate} is succeeded / finished attempts
 * (attempts still running are not counted), null when none finished.
 */
public record GatewayUsage(String gateway, long attempts, long succeeded, long failed, long pagesSent,
                           Double successRate) {

    public static GatewayUsage of(String gateway, long attempts, long succeeded, long failed, long pagesSent) {
        long finished = succeeded + failed;
        Double rate = finished == 0 ? null : Math.round(10_000.0 * succeeded / finished) / 10_000.0;
        return new GatewayUsage(gateway, attempts, succeeded, failed, pagesSent, rate);
    }
}
