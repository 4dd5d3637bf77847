package org.faxserver.testkit.freeswitch;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** The FreeSWITCH API commands the stand-in implements (output texts as FreeSWITCH 1.10 prints them). */
final class ApiCommands {

    private final FreeSwitchStandIn fs;

    ApiCommands(FreeSwitchStandIn fs) {
        this.fs = fs;
    }

    /**
     * Runs {@code <command> [args]} and hands the output ("" = no output) to {@code done}. The
     * callback is attached before a call starts, so e.g. BACKGROUND_JOB is fired right after
     * CHANNEL_ANSWER, as in the captures.
     */
    void execute(String text, java.util.function.Consumer<String> done) {
        CompletableFuture<String> out = run(text, done);
        if (out != null) {
            out.thenAccept(done);
        }
    }

    private CompletableFuture<String> run(String text, java.util.function.Consumer<String> done) {
        int sp = text.indexOf(' ');
        String cmd = (sp < 0 ? text : text.substring(0, sp)).trim();
        String args = sp < 0 ? "" : text.substring(sp + 1).trim();
        try {
            return switch (cmd.toLowerCase(Locale.ROOT)) {
                case "originate" -> {
                    fs.originate(args, done);
                    yield null;
                }
                case "uuid_kill" -> {
                    uuidKill(args, done);
                    yield null;
                }
                case "uuid_exists" -> done(fs.core.channels.containsKey(args) ? "true" : "false");
                case "uuid_getvar" -> done(uuidGetvar(args));
                case "show" -> done(show(args));
                case "status" -> done(status());
                case "sofia" -> done(sofia(args));
                case "db" -> done(fs.core.db.execute(args));
                case "log" -> done("+OK\n");
                case "version" -> done("FreeSWITCH Version " + FreeSwitchStandIn.VERSION + " (stand-in)\n");
                case "hostname" -> done(fs.core.hostname);
                default -> done("-ERR " + cmd + " Command not found!\n");
            };
        } catch (RuntimeException e) {
            return done("-ERR " + e.getMessage() + "\n");
        }
    }

    private static CompletableFuture<String> done(String s) {
        return CompletableFuture.completedFuture(s);
    }

    private void uuidKill(String args, java.util.function.Consumer<String> done) {
        String[] a = args.split(" +");
        if (a.length == 0 || a[0].isEmpty()) {
            done.accept("-USAGE: <uuid> [cause]\n");
            return;
        }
        String cause = a.length > 1 ? a[1] : "NORMAL_CLEARING";
        Runnable rest = fs.kill(a[0], cause);
        done.accept(rest != null ? "+OK\n" : "-ERR No such channel!\n");
        if (rest != null) {
            fs.core.async(rest);
        }
    }

    private String uuidGetvar(String args) {
        String[] a = args.split(" +");
        SimChannel ch = a.length > 1 ? fs.core.channels.get(a[0]) : null;
        if (ch == null) {
            return "-ERR No such channel!\n";
        }
        String v = ch.var(a[1]);
        return v == null ? "_undef_" : v;
    }

    /** {@code show channels}: the CSV of mod_commands with the trailer "N total." */
    private String show(String args) {
        if (!args.toLowerCase(Locale.ROOT).startsWith("channels")) {
            return "-USAGE: codec|endpoint|application|api|dialplan|file|timer|calls [count]|channels [count|like <match string>]|...\n";
        }
        List<SimChannel> list = fs.core.channels.values().stream()
                .sorted((x, y) -> Long.compare(x.createdMicros, y.createdMicros)).toList();
        if (list.isEmpty()) {
            return "\n0 total.\n";
        }
        StringBuilder sb = new StringBuilder("uuid,direction,created,created_epoch,name,state,cid_name,cid_num,ip_addr,dest,"
                + "application,application_data,dialplan,context,read_codec,read_rate,read_bit_rate,write_codec,write_rate,"
                + "write_bit_rate,secure,hostname,presence_id,presence_data,accountcode,callstate,callee_name,callee_num,"
                + "callee_direction,call_uuid,sent_callee_name,sent_callee_num,initial_cid_name,initial_cid_num,"
                + "initial_ip_addr,initial_dest,initial_dialplan,initial_context\n");
        for (SimChannel c : list) {
            String app = c.var("current_application");
            String appData = c.var("current_application_data");
            sb.append(String.join(",", c.uuid, c.inbound ? "inbound" : "outbound",
                    java.time.Instant.ofEpochMilli(c.createdMicros / 1000).toString(), Long.toString(c.createdMicros / 1_000_000),
                    c.name, c.state, nz(c.callerName), nz(c.callerNumber), nz(c.networkAddr), nz(c.destination),
                    nz(app), nz(appData), "XML", nz(c.context), c.media ? c.readCodec : "", c.media ? "8000" : "",
                    c.media ? Integer.toString(c.readBitRate) : "", c.media ? "PCMU" : "", c.media ? "8000" : "",
                    c.media ? "64000" : "", "", fs.core.hostname, "", "", "", c.callState, "", "", "", c.uuid,
                    "", "", nz(c.callerName), nz(c.callerNumber), nz(c.networkAddr), nz(c.destination), "XML", nz(c.context)))
                    .append('\n');
        }
        return sb.append('\n').append(list.size()).append(" total.\n").toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s.replace(",", " ");
    }

    private String status() {
        long total = fs.core.sessionsSinceStartup.get();
        int now = fs.core.channels.size();
        return "UP " + fs.core.upTime() + "\n"
                + "FreeSWITCH (Version " + FreeSwitchStandIn.VERSION.replace('~', ' ') + ") is ready\n"
                + total + " session(s) since startup\n"
                + now + " session(s) - peak " + now + ", last 5min " + now + " \n"
                + "0 session(s) per Sec out of max 30, peak 0, last 5min 0 \n"
                + "100000 session(s) max\n"
                + "min idle cpu 0.00/99.00\n"
                + "Current Stack Size/Max 240K/8192K\n";
    }

    private String sofia(String args) {
        String[] a = args.split(" +");
        if (a.length >= 3 && "status".equals(a[0]) && "gateway".equals(a[1])) {
            return fs.gatewayStatus(a[2]);
        }
        if (a.length >= 1 && "status".equals(a[0])) {
            return fs.sofiaStatus();
        }
        return "-ERR Unknown command\n";
    }
}
