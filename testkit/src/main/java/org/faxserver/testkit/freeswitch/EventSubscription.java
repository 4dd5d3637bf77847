package org.faxserver.testkit.freeswitch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A listener's event selection (event/nixevent/myevents) and filters, as in mod_event_socket's event_handler. */
final class EventSubscription {

    static final Set<String> KNOWN = Set.of("CUSTOM", "CLONE", "CHANNEL_CREATE", "CHANNEL_DESTROY", "CHANNEL_STATE",
            "CHANNEL_CALLSTATE", "CHANNEL_ANSWER", "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE", "CHANNEL_EXECUTE",
            "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HOLD", "CHANNEL_UNHOLD", "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE",
            "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA", "CHANNEL_OUTGOING", "CHANNEL_PARK", "CHANNEL_UNPARK",
            "CHANNEL_APPLICATION", "CHANNEL_ORIGINATE", "CHANNEL_UUID", "API", "LOG", "INBOUND_CHAN",
            "OUTBOUND_CHAN", "STARTUP", "SHUTDOWN", "PUBLISH", "UNPUBLISH", "TALK", "NOTALK", "SESSION_CRASH",
            "MODULE_LOAD", "MODULE_UNLOAD", "DTMF", "MESSAGE", "PRESENCE_IN", "NOTIFY_IN", "PRESENCE_OUT",
            "PRESENCE_PROBE", "MESSAGE_WAITING", "MESSAGE_QUERY", "ROSTER", "CODEC", "BACKGROUND_JOB",
            "DETECTED_SPEECH", "DETECTED_TONE", "PRIVATE_COMMAND", "HEARTBEAT", "TRAP", "ADD_SCHEDULE",
            "DEL_SCHEDULE", "EXE_SCHEDULE", "RE_SCHEDULE", "RELOADXML", "NOTIFY", "PHONE_FEATURE",
            "PHONE_FEATURE_SUBSCRIBE", "SEND_MESSAGE", "RECV_MESSAGE", "REQUEST_PARAMS", "CHANNEL_DATA",
            "GENERAL", "COMMAND", "SESSION_HEARTBEAT", "CLIENT_DISCONNECTED", "SERVER_DISCONNECTED",
            "SEND_INFO", "RECV_INFO", "RECV_RTCP_MESSAGE", "CALL_SECURE", "NAT", "RECORD_START", "RECORD_STOP",
            "PLAYBACK_START", "PLAYBACK_STOP", "CALL_UPDATE", "FAILURE", "SOCKET_DATA", "MEDIA_BUG_START",
            "MEDIA_BUG_STOP", "CONFERENCE_DATA_QUERY", "CONFERENCE_DATA", "CALL_SETUP_REQ", "CALL_SETUP_RESULT",
            "CALL_DETAIL", "DEVICE_STATE", "TEXT", "SHUTDOWN_REQUESTED", "ALL");

    /** The channel events myevents enables (mod_event_socket.c l.2104-2126). */
    static final List<String> MYEVENTS = List.of("CHANNEL_CREATE", "CHANNEL_DESTROY", "CHANNEL_STATE",
            "CHANNEL_CALLSTATE", "CHANNEL_ANSWER", "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE", "CHANNEL_EXECUTE",
            "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE", "CHANNEL_PROGRESS",
            "CHANNEL_PROGRESS_MEDIA", "CHANNEL_OUTGOING", "CHANNEL_PARK", "CHANNEL_UNPARK", "CHANNEL_APPLICATION",
            "CHANNEL_HOLD", "CHANNEL_UNHOLD", "CHANNEL_ORIGINATE", "DTMF", "DETECTED_SPEECH", "PLAYBACK_START");

    private record Filter(String header, String value) {
    }

    volatile String format = "plain";
    private final Set<String> types = new HashSet<>();
    private final Set<String> subclasses = new HashSet<>();
    private boolean all;
    private final List<Filter> filters = new ArrayList<>();
    /** With myevents: only events of this Unique-ID. */
    volatile String onlyUuid;

    synchronized boolean listening() {
        return all || !types.isEmpty();
    }

    /** Applies "event"/"nixevent" tokens; returns true if at least one keyword was recognised. */
    synchronized boolean apply(String[] tokens, int from, boolean add) {
        boolean custom = false;
        boolean any = false;
        for (int i = from; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty()) {
                continue;
            }
            if (custom) {
                // every token after CUSTOM is a subclass name (l.2495)
                if (add) {
                    subclasses.add(t);
                } else {
                    subclasses.remove(t);
                }
                continue;
            }
            String name = t.toUpperCase();
            if (!KNOWN.contains(name)) {
                continue;
            }
            any = true;
            if ("ALL".equals(name)) {
                all = add;
                if (!add) {
                    types.clear();
                    subclasses.clear();
                }
            } else {
                if (add) {
                    types.add(name);
                } else {
                    types.remove(name);
                }
                custom = "CUSTOM".equals(name);
            }
        }
        return any;
    }

    synchronized void myEvents(String uuid) {
        onlyUuid = uuid;
        types.addAll(MYEVENTS);
    }

    synchronized void clear() {
        types.clear();
        subclasses.clear();
        all = false;
    }

    synchronized void addFilter(String header, String value) {
        filters.add(new Filter(header, value));
    }

    synchronized void deleteFilter(String header, String value) {
        if ("all".equalsIgnoreCase(header)) {
            filters.clear();
        } else {
            filters.removeIf(f -> f.header.equalsIgnoreCase(header) && (value == null || f.value.equals(value)));
        }
    }

    synchronized boolean accepts(EslEvent e) {
        String name = e.name();
        if (onlyUuid != null && !onlyUuid.equals(e.header("Unique-ID"))) {
            return false;
        }
        boolean selected;
        if (all) {
            selected = true;
        } else if ("CUSTOM".equals(name)) {
            selected = types.contains("CUSTOM") && subclasses.contains(e.header("Event-Subclass"));
        } else {
            selected = types.contains(name);
        }
        if (!selected) {
            return false;
        }
        if (filters.isEmpty()) {
            return true;
        }
        boolean send = false;
        for (Filter f : filters) {
            String v = e.header(f.header);
            if (v == null || f.value.startsWith("-")) {
                continue;
            }
            if (f.value.startsWith("/") && f.value.endsWith("/") && f.value.length() > 1) {
                send |= Pattern.compile(f.value.substring(1, f.value.length() - 1)).matcher(v).find();
            } else {
                send |= f.value.equalsIgnoreCase(v);
            }
        }
        for (Filter f : filters) {
            String v = e.header(f.header);
            if (v != null && f.value.startsWith("-") && f.value.substring(1).equalsIgnoreCase(v)) {
                send = false;
            }
        }
        return send;
    }
}
