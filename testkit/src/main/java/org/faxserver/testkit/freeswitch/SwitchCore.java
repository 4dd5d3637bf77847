package org.faxserver.testkit.freeswitch;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Shared state of one stand-in: event bus with sequence numbers, channels, mod_db, timers. */
final class SwitchCore {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    final String coreUuid = UUID.randomUUID().toString();
    final String hostname;
    final long startMillis = System.currentTimeMillis();
    final AtomicLong sequence = new AtomicLong(500);
    final AtomicInteger sessionIds = new AtomicInteger();
    final AtomicLong sessionsSinceStartup = new AtomicLong();
    final List<EslSession> sessions = new CopyOnWriteArrayList<>();
    final Map<String, SimChannel> channels = new ConcurrentHashMap<>();
    final ModDb db = new ModDb();
    /** Running faxsim processes, destroyed on shutdown (a paced fax can run for minutes). */
    final java.util.Set<Process> processes = ConcurrentHashMap.newKeySet();
    /** Call scripts run as timer tasks here: no thread per call, so thousands of calls can be up. */
    final ScheduledExecutorService scheduler;
    /** Blocking work: sync api commands and faxsim process readers. */
    final ExecutorService workers;

    SwitchCore(String hostname) {
        this.hostname = hostname;
        this.scheduler = Executors.newScheduledThreadPool(2, daemon("fs-standin-timer"));
        this.workers = Executors.newCachedThreadPool(daemon("fs-standin-worker"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A new event with the headers switch_event_prep_for_delivery adds. */
    EslEvent event(String name, String file, String function, int line) {
        return common(new EslEvent().add("Event-Name", name), file, function, line);
    }

    /** A CUSTOM event: on the wire Event-Subclass comes first (capture difference 1). */
    EslEvent custom(String subclass, String file, String function, int line) {
        return common(new EslEvent().add("Event-Subclass", subclass).add("Event-Name", "CUSTOM"), file, function, line);
    }

    private EslEvent common(EslEvent e, String file, String function, int line) {
        long micros = System.currentTimeMillis() * 1000L;
        ZonedDateTime now = ZonedDateTime.now(ZoneId.systemDefault());
        return e.add("Core-UUID", coreUuid)
                .add("FreeSWITCH-Hostname", hostname)
                .add("FreeSWITCH-Switchname", hostname)
                .add("FreeSWITCH-IPv4", "127.0.0.1")
                .add("FreeSWITCH-IPv6", "::1")
                .add("Event-Date-Local", now.format(LOCAL))
                .add("Event-Date-GMT", now.withZoneSameInstant(ZoneOffset.UTC).format(GMT))
                .add("Event-Date-Timestamp", micros)
                .add("Event-Calling-File", file)
                .add("Event-Calling-Function", function)
                .add("Event-Calling-Line-Number", line)
                .add("Event-Sequence", "0");
    }

    /** Numbers the event and hands it to every listener; synchronized so all sockets see one order. */
    synchronized void fire(EslEvent e) {
        e.set("Event-Sequence", Long.toString(sequence.incrementAndGet()));
        for (EslSession s : sessions) {
            s.offer(e);
        }
    }

    String upTime() {
        long ms = System.currentTimeMillis() - startMillis;
        long s = ms / 1000;
        return String.format("%d years, %d days, %d hours, %d minutes, %d seconds, %d milliseconds, %d microseconds",
                0, s / 86400, (s / 3600) % 24, (s / 60) % 60, s % 60, ms % 1000, 0);
    }

    EslEvent heartbeat() {
        long ms = System.currentTimeMillis() - startMillis;
        return event("HEARTBEAT", "switch_core.c", "send_heartbeat", 95)
                .add("Event-Info", "System Ready")
                .add("Up-Time", upTime())
                .add("FreeSWITCH-Version", FreeSwitchStandIn.VERSION)
                .add("Uptime-msec", ms)
                .add("Session-Count", channels.size())
                .add("Max-Sessions", 100000)
                .add("Session-Per-Sec", 30)
                .add("Session-Per-Sec-Last", 0)
                .add("Session-Per-Sec-Max", 0)
                .add("Session-Per-Sec-FiveMin", 0)
                .add("Session-Since-Startup", sessionsSinceStartup.get())
                .add("Session-Peak-Max", 0)
                .add("Session-Peak-FiveMin", 0)
                .add("Idle-CPU", "99.000000");
    }

    /** Runs a call-script step on the timer pool after {@code millis}; failures are logged, not lost. */
    void later(long millis, Runnable r) {
        scheduler.schedule(guard(r), millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Runs a call-script step on the timer pool now. */
    void async(Runnable r) {
        scheduler.execute(guard(r));
    }

    private static Runnable guard(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException | Error e) {
                LOG.error("stand-in call step failed", e);
            }
        };
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SwitchCore.class);

    void shutdown() {
        processes.forEach(Process::destroy);
        scheduler.shutdownNow();
        workers.shutdownNow();
    }
}
