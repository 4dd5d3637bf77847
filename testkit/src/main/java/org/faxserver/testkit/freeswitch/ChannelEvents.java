package org.faxserver.testkit.freeswitch;

import java.util.Map;

/** Fires the CHANNEL_* events of one channel with the state, headers and calling sites seen in captures. */
final class ChannelEvents {

    private static final Map<String, Integer> Q850 = Map.ofEntries(
            Map.entry("UNALLOCATED_NUMBER", 1), Map.entry("NORMAL_CLEARING", 16), Map.entry("USER_BUSY", 17),
            Map.entry("NO_USER_RESPONSE", 18), Map.entry("NO_ANSWER", 19), Map.entry("CALL_REJECTED", 21),
            Map.entry("DESTINATION_OUT_OF_ORDER", 27), Map.entry("NORMAL_TEMPORARY_FAILURE", 41),
            Map.entry("ORIGINATOR_CANCEL", 487), Map.entry("INVALID_GATEWAY", 608), Map.entry("MANAGER_REQUEST", 503),
            Map.entry("RECOVERY_ON_TIMER_EXPIRE", 102));

    private final SwitchCore core;

    ChannelEvents(SwitchCore core) {
        this.core = core;
    }

    static int q850(String cause) {
        return Q850.getOrDefault(cause, 16);
    }

    EslEvent channel(SimChannel ch, String name, String file, String function, int line, boolean vars) {
        EslEvent e = core.event(name, file, function, line);
        ch.fill(e, vars);
        return e;
    }

    void create(SimChannel ch) {
        ch.state("CS_INIT", "DOWN", 2);
        core.fire(channel(ch, "CHANNEL_CREATE", "switch_core_state_machine.c", "switch_core_session_run", 626, true));
    }

    void progress(SimChannel ch) {
        ch.callState = "RINGING";
        core.fire(channel(ch, "CHANNEL_PROGRESS", "switch_channel.c", "switch_channel_perform_mark_ring_ready_value", 3498, true));
    }

    void park(SimChannel ch) {
        core.fire(channel(ch, "CHANNEL_PARK", "switch_ivr.c", "switch_ivr_park", 1007, true));
    }

    void answer(SimChannel ch) {
        ch.media = true;
        ch.answeredMicros = System.currentTimeMillis() * 1000L;
        ch.answerState = "answered";
        ch.setVar("endpoint_disposition", "ANSWER");
        core.fire(channel(ch, "CHANNEL_ANSWER", "switch_channel.c", "switch_channel_perform_mark_answered", 3846, true));
        if (!ch.inbound) {
            ch.callState = "ACTIVE";
        }
    }

    void execute(SimChannel ch, String app, String arg, String appUuid) {
        ch.hitDialplan = true;
        if (ch.stateNumber < 10) {
            ch.state("CS_EXECUTE", "answered".equals(ch.answerState) ? "ACTIVE" : ch.inbound ? "RINGING" : "DOWN", 4);
        }
        ch.setVar("current_application_data", arg);
        ch.setVar("current_application", app);
        core.fire(channel(ch, "CHANNEL_EXECUTE", "switch_core_session.c", "switch_core_session_exec", 2944, true)
                .add("Application", app).add("Application-Data", arg).add("Application-UUID", appUuid));
    }

    void executeComplete(SimChannel ch, String app, String arg, String response, String appUuid) {
        if (response != null) {
            ch.setVar("current_application_response", response);
        }
        core.fire(channel(ch, "CHANNEL_EXECUTE_COMPLETE", "switch_core_session.c", "switch_core_session_exec", 2967, true)
                .add("Application", app).add("Application-Data", arg)
                .add("Application-Response", response == null ? "_none_" : response).add("Application-UUID", appUuid));
    }

    void hangup(SimChannel ch, String cause) {
        ch.hungUp = true;
        ch.hangupCause = cause;
        ch.answerState = "hangup";
        ch.stateNumber = 10;
        ch.hangupMicros = System.currentTimeMillis() * 1000L;
        ch.setVar("sip_term_cause", q850(cause));
        core.fire(channel(ch, "CHANNEL_HANGUP", "switch_channel.c", "switch_channel_perform_hangup", 3445, true));
    }

    void unpark(SimChannel ch) {
        core.fire(channel(ch, "CHANNEL_UNPARK", "switch_ivr.c", "switch_ivr_park", 1213, true));
    }

    void stateChange(SimChannel ch, String state, String callState, int number) {
        ch.state(state, callState, number);
        core.fire(channel(ch, "CHANNEL_STATE", "switch_channel.c", "switch_channel_perform_set_running_state", 2408, false));
    }

    void hangupComplete(SimChannel ch) {
        ch.state("CS_REPORTING", "HANGUP", 11);
        long now = System.currentTimeMillis() * 1000L;
        long answered = ch.answeredMicros;
        ch.setVar("hangup_cause", ch.hangupCause);
        ch.setVar("hangup_cause_q850", q850(ch.hangupCause));
        ch.setVar("start_epoch", ch.createdMicros / 1_000_000);
        ch.setVar("start_uepoch", ch.createdMicros);
        ch.setVar("answer_epoch", answered / 1_000_000);
        ch.setVar("answer_uepoch", answered);
        ch.setVar("end_epoch", now / 1_000_000);
        ch.setVar("end_uepoch", now);
        ch.setVar("caller_id", ch.callerNumber);
        ch.setVar("duration", (now - ch.createdMicros) / 1_000_000);
        ch.setVar("billsec", answered == 0 ? 0 : (now - answered) / 1_000_000);
        ch.setVar("mduration", (now - ch.createdMicros) / 1000);
        ch.setVar("billmsec", answered == 0 ? 0 : (now - answered) / 1000);
        EslEvent e = core.event("CHANNEL_HANGUP_COMPLETE", "switch_core_state_machine.c", "switch_core_session_reporting_state", 943)
                .add("Hangup-Cause", ch.hangupCause);
        ch.fill(e, true);
        core.fire(e);
    }

    void destroy(SimChannel ch) {
        ch.state("CS_REPORTING", "HANGUP", 12);
        core.fire(channel(ch, "CHANNEL_DESTROY", "switch_core_session.c", "switch_core_session_perform_destroy", 1584, true));
        core.channels.remove(ch.uuid);
    }

    void custom(SimChannel ch, String subclass, String function, int line, EslEvent extra) {
        EslEvent e = core.custom(subclass, "mod_spandsp_fax.c", function, line);
        ch.fill(e, true);
        for (Map.Entry<String, String> h : extra.headers()) {
            e.add(h.getKey(), h.getValue());
        }
        core.fire(e);
    }
}
