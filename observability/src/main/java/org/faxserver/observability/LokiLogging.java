package org.faxserver.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import com.github.loki4j.logback.Loki4jAppender;
import com.github.loki4j.logback.PipelineConfigAppenderBase.BasicAuth;
import com.github.loki4j.logback.PipelineConfigAppenderBase.BatchCfg;
import com.github.loki4j.logback.PipelineConfigAppenderBase.HttpCfg;
import org.slf4j.LoggerFactory;

/**
 * Attaches loki4j's appender to the root logger. loki4j batches on its own threads and drops events
 * when its send queue is full, so logging never waits for Loki (the seed pushed every line
 * synchronously and stalled when Loki was slow). Stream labels are few and bounded (service, host,
 * level); the job id travels as structured metadata, not as a label.
 */
final class LokiLogging implements AutoCloseable {
    static final String APPENDER_NAME = "LOKI";
    /** Null when another context of this JVM (the standalone mode) attached the appender already. */
    private final Loki4jAppender appender;

    LokiLogging(LokiProperties props, String service) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        synchronized (LokiLogging.class) {
            if (root.getAppender(APPENDER_NAME) != null) {
                // One appender per JVM: several contexts in one process (standalone) would ship every
                // line once per context.
                appender = null;
                return;
            }
            appender = attach(context, root, props, service);
        }
    }

    private static Loki4jAppender attach(LoggerContext context, Logger root, LokiProperties props, String service) {
        Loki4jAppender appender = new Loki4jAppender();
        appender.setName(APPENDER_NAME);
        appender.setContext(context);
        // loki4j 2.x reads one key=value pair per line.
        String extra = props.labels().isBlank() ? "" : "\n" + props.labels().strip().replace(",", "\n");
        // Few, stable stream labels; the host (a pod name that changes on every rollout) and the job id
        // are structured metadata, so they do not create new streams.
        appender.setLabels("service=" + service + "\nlevel=%level" + extra);
        appender.setStructuredMetadata("host=" + hostName() + "\njob_id=%X{" + JobLogContext.KEY
                + ":-}\nlogger=%logger\nthread=%thread");
        PatternLayout message = new PatternLayout();
        message.setContext(context);
        message.setPattern("%msg%n%ex");
        message.start();
        appender.setMessage(message);

        HttpCfg http = new HttpCfg();
        http.setUrl(props.url());
        http.setConnectionTimeoutMs(props.connectTimeout().toMillis());
        http.setRequestTimeoutMs(props.requestTimeout().toMillis());
        if (!props.tenantId().isBlank()) {
            http.setTenantId(props.tenantId());
        }
        if (!props.username().isBlank()) {
            BasicAuth auth = new BasicAuth();
            auth.setUsername(props.username());
            auth.setPassword(props.password());
            http.setAuth(auth);
        }
        appender.setHttp(http);
        BatchCfg batch = new BatchCfg();
        batch.setMaxItems(props.batchMaxItems());
        batch.setTimeoutMs(props.batchTimeout().toMillis());
        batch.setSendQueueMaxBytes(props.sendQueueMaxBytes());
        // loki4j's default waits without limit for unsent batches on stop: a dead Loki would hang shutdown.
        batch.setDrainOnStop(false);
        appender.setBatch(batch);
        appender.start();
        root.addAppender(appender);
        return appender;
    }

    @Override
    public void close() {
        if (appender == null) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown";
        }
    }
}
