package org.faxserver.testkit.freeswitch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A minimal ESL client for the tests, independent of the stand-in's code: it frames bytes itself
 * (headers up to a blank line, then Content-Length bytes) and decodes event-plain bodies.
 */
final class EslTestClient implements AutoCloseable {

    /** One frame as received: outer headers in order, raw body text, and the raw bytes. */
    record Frame(Map<String, String> headers, String body, String raw) {
        String type() {
            return headers.getOrDefault("Content-Type", "");
        }

        String reply() {
            return headers.get("Reply-Text");
        }

        boolean isEvent() {
            return type().startsWith("text/event-");
        }

        /** The event's headers (URL-decoded), first occurrence wins; "_body" holds an inner body. */
        Map<String, String> event() {
            return parsePlain(body);
        }

        /** All event header names in wire order (duplicates included). */
        List<String> eventHeaderNames() {
            List<String> names = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (line.isEmpty()) {
                    break;
                }
                names.add(line.substring(0, line.indexOf(':')));
            }
            return names;
        }

        String eventName() {
            Map<String, String> e = event();
            return "CUSTOM".equals(e.get("Event-Name")) ? e.get("Event-Subclass") : e.get("Event-Name");
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final BlockingQueue<Frame> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<Frame> events = new LinkedBlockingQueue<>();
    final List<Frame> allEvents = new CopyOnWriteArrayList<>();
    private volatile boolean eof;

    EslTestClient(Socket socket) {
        try {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(this::readLoop, "esl-test-client");
        t.setDaemon(true);
        t.start();
    }

    static EslTestClient connect(String host, int port) {
        try {
            return new EslTestClient(new Socket(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects and authenticates against the stand-in. */
    static EslTestClient login(FreeSwitchStandIn fs) {
        EslTestClient c = connect(fs.host(), fs.port());
        c.nextReply(Duration.ofSeconds(5));
        Frame f = c.command("auth " + fs.password());
        if (!"+OK accepted".equals(f.reply())) {
            throw new IllegalStateException("auth failed: " + f);
        }
        return c;
    }

    private void readLoop() {
        try {
            while (true) {
                Frame f = readFrame(in);
                if (f == null) {
                    break;
                }
                if (f.isEvent()) {
                    allEvents.add(f); // before the queue: a waiter must find it in allEvents too
                    events.add(f);
                } else {
                    replies.add(f);
                }
            }
        } catch (IOException e) {
            // socket closed
        } finally {
            eof = true;
        }
    }

    /** Reads one ESL frame by hand; null at EOF. */
    static Frame readFrame(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            if (b == '\n' && prev == '\n') {
                break;
            }
            prev = b;
        }
        String h = head.toString(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : h.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        String body = "";
        if (headers.containsKey("Content-Length")) {
            byte[] b = in.readNBytes(Integer.parseInt(headers.get("Content-Length")));
            body = new String(b, StandardCharsets.UTF_8);
        }
        return new Frame(headers, body, h + body);
    }

    static Map<String, String> parsePlain(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        String[] lines = body.split("\n", -1);
        int i = 0;
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            m.putIfAbsent(lines[i].substring(0, colon), EslEncoding.urlDecode(lines[i].substring(colon + 2)));
        }
        if (m.containsKey("Content-Length") && i + 1 < lines.length) {
            m.put("_body", String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length)));
        }
        return m;
    }

    void send(String raw) {
        try {
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a command (terminated by a blank line) and returns its reply. */
    Frame command(String cmd) {
        send(cmd + "\n\n");
        return nextReply(Duration.ofSeconds(10));
    }

    /** Sends "api ..." and returns the body of the api/response. */
    String api(String cmd) {
        return command("api " + cmd).body();
    }

    Frame nextReply(Duration timeout) {
        try {
            Frame f = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (f == null) {
                throw new AssertionError("no reply within " + timeout);
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the next event matching the predicate (events before it are skipped). */
    Frame awaitEvent(Predicate<Frame> p, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < end) {
                Frame f = events.poll(50, TimeUnit.MILLISECONDS);
                if (f != null && p.test(f)) {
                    return f;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("event not seen within " + timeout + "; got " + names(allEvents));
    }

    /** Event names (CUSTOM as subclass) of the given frames for one Unique-ID, in order. */
    static List<String> namesFor(List<Frame> frames, String uuid) {
        List<String> out = new ArrayList<>();
        for (Frame f : frames) {
            if (uuid == null || uuid.equals(f.event().get("Unique-ID"))) {
                out.add(f.eventName());
            }
        }
        return out;
    }

    static List<String> names(List<Frame> frames) {
        return namesFor(frames, null);
    }

    boolean closedByPeer(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end && !eof) {
            FreeSwitchStandIn.sleep(10);
        }
        return eof;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // ignore
        }
    }
}
