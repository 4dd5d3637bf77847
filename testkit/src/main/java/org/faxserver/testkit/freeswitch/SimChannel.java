package org.faxserver.testkit.freeswitch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One simulated FreeSWITCH channel: state, caller profile and channel variables in set order. */
final class SimChannel {

    final String uuid;
    final String name;
    final boolean inbound;
    final long createdMicros = System.currentTimeMillis() * 1000L;
    final String callerNumber;
    final String callerName;
    final String destination;
    final String context;
    final String networkAddr;
    final int sessionId;
    final Object lock = new Object();

    String state = "CS_INIT";
    String callState = "DOWN";
    int stateNumber = 2;
    String answerState = "ringing";
    String hangupCause;
    boolean hitDialplan;
    boolean media;
    String readCodec = "PCMU";
    int readBitRate = 64000;
    long answeredMicros;
    long hangupMicros;
    volatile boolean hungUp;
    /** The outbound-socket session controlling this channel, if any. */
    volatile EslSession controller;
    /** Set when the channel is torn down (uuid_kill or remote hangup), used by running apps. */
    volatile Runnable onKill;

    private final LinkedHashMap<String, String> vars = new LinkedHashMap<>();

    SimChannel(String uuid, String name, boolean inbound, String callerNumber, String callerName,
               String destination, String context, String networkAddr, int sessionId) {
        this.uuid = uuid;
        this.name = name;
        this.inbound = inbound;
        this.callerNumber = callerNumber;
        this.callerName = callerName;
        this.destination = destination;
        this.context = context;
        this.networkAddr = networkAddr;
        this.sessionId = sessionId;
    }

    /** switch_channel_set_variable: an existing variable is deleted and re-added at the bottom. */
    void setVar(String name, Object value) {
        synchronized (vars) {
            vars.remove(name);
            if (value != null && !value.toString().isEmpty()) {
                vars.put(name, value.toString());
            }
        }
    }

    String var(String name) {
        synchronized (vars) {
            return vars.get(name);
        }
    }

    Map<String, String> varsSnapshot() {
        synchronized (vars) {
            return new LinkedHashMap<>(vars);
        }
    }

    void state(String state, String callState, int number) {
        this.state = state;
        this.callState = callState;
        this.stateNumber = number;
    }

    /** Channel data (switch_channel_event_set_basic_data + caller profile), optionally with variables. */
    void fill(EslEvent e, boolean withVars) {
        String dir = inbound ? "inbound" : "outbound";
        e.add("Channel-State", state).add("Channel-Call-State", callState).add("Channel-State-Number", stateNumber)
                .add("Channel-Name", name).add("Unique-ID", uuid).add("Call-Direction", dir)
                .add("Presence-Call-Direction", dir).add("Channel-HIT-Dialplan", hitDialplan)
                .add("Channel-Call-UUID", uuid).add("Answer-State", answerState).add("Hangup-Cause", hangupCause);
        if (media) {
            e.add("Channel-Read-Codec-Name", readCodec).add("Channel-Read-Codec-Rate", 8000)
                    .add("Channel-Read-Codec-Bit-Rate", readBitRate).add("Channel-Write-Codec-Name", "PCMU")
                    .add("Channel-Write-Codec-Rate", 8000).add("Channel-Write-Codec-Bit-Rate", 64000);
        }
        profile(e, "Caller-");
        if (withVars) {
            for (Map.Entry<String, String> v : varsSnapshot().entrySet()) {
                e.add("variable_" + v.getKey(), v.getValue());
            }
        }
    }

    /** The caller profile headers with the given prefix ("Caller-", or "Channel-" in CHANNEL_DATA). */
    void profile(EslEvent e, String p) {
        String dir = inbound ? "inbound" : "outbound";
        List<Object[]> f = new ArrayList<>();
        f.add(new Object[] {"Direction", dir});
        f.add(new Object[] {"Logical-Direction", dir});
        if (inbound) {
            f.add(new Object[] {"Username", callerNumber});
            f.add(new Object[] {"Dialplan", "XML"});
        }
        f.add(new Object[] {"Caller-ID-Name", callerName});
        f.add(new Object[] {"Caller-ID-Number", callerNumber});
        f.add(new Object[] {"Orig-Caller-ID-Name", inbound ? callerName : null});
        f.add(new Object[] {"Orig-Caller-ID-Number", callerNumber});
        if (!inbound) {
            f.add(new Object[] {"Callee-ID-Name", "Outbound Call"});
            f.add(new Object[] {"Callee-ID-Number", destination});
        }
        f.add(new Object[] {"Network-Addr", networkAddr});
        f.add(new Object[] {"ANI", callerNumber});
        f.add(new Object[] {"Destination-Number", destination});
        f.add(new Object[] {"Unique-ID", uuid});
        f.add(new Object[] {"Source", inbound ? "mod_sofia" : "src/switch_ivr_originate.c"});
        f.add(new Object[] {"Context", context});
        f.add(new Object[] {"Channel-Name", name});
        f.add(new Object[] {"Profile-Index", 1});
        f.add(new Object[] {"Profile-Created-Time", createdMicros});
        f.add(new Object[] {"Channel-Created-Time", createdMicros});
        f.add(new Object[] {"Channel-Answered-Time", answeredMicros});
        f.add(new Object[] {"Channel-Progress-Time", 0});
        f.add(new Object[] {"Channel-Progress-Media-Time", 0});
        f.add(new Object[] {"Channel-Hangup-Time", hangupMicros});
        f.add(new Object[] {"Channel-Transfer-Time", 0});
        f.add(new Object[] {"Channel-Resurrect-Time", 0});
        f.add(new Object[] {"Channel-Bridged-Time", 0});
        f.add(new Object[] {"Channel-Last-Hold", 0});
        f.add(new Object[] {"Channel-Hold-Accum", 0});
        f.add(new Object[] {"Screen-Bit", true});
        f.add(new Object[] {"Privacy-Hide-Name", false});
        f.add(new Object[] {"Privacy-Hide-Number", false});
        for (Object[] kv : f) {
            e.add(p + kv[0], kv[1]);
        }
    }
}
