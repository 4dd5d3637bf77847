package org.faxserver.testkit.freeswitch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs one fax through the real spandsp engine in the faxsim helper process and relays its reports. */
final class NativeFax implements FaxRun {

    /**
     * The longest fax the engine transmits, in call time: faxserver's own attempt deadline (15 minutes by default) is
     * what ends a longer call, as it would with a real FreeSWITCH; a 60-page dense fax needs more than 5 minutes.
     */
    private static final String MAX_FAX_SECONDS = "900";

    private final Process process;
    private volatile boolean hungUp;

    private NativeFax(Process process) {
        this.process = process;
    }

    static NativeFax start(FaxJob job, FaxListener listener, SwitchCore core) {
        List<String> cmd = new ArrayList<>(List.of(FaxSimBinary.path().toString(),
                "--local-role", job.localSends() ? "send" : "receive",
                "--local-file", job.localFile().toString(), "--remote-file", job.remoteFile().toString(),
                "--transport", job.t38() ? "t38" : "audio",
                "--local-ecm", job.localEcm() ? "1" : "0", "--remote-ecm", job.remoteEcm() ? "1" : "0",
                "--local-v17", job.localV17() ? "1" : "0", "--remote-v17", job.remoteV17() ? "1" : "0",
                "--local-ident", job.localIdent(), "--remote-ident", job.remoteIdent(),
                "--hangup-after-pages", Integer.toString(job.hangupAfterPages()),
                "--pace", Double.toString(job.pace()), "--max-seconds", MAX_FAX_SECONDS));
        if (job.noiseDbm0() != null) {
            cmd.add("--noise");
            cmd.add(job.noiseDbm0().toString());
        }
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start faxsim: " + e.getMessage(), e);
        }
        NativeFax run = new NativeFax(p);
        core.processes.add(p);
        core.workers.execute(() -> {
            try {
                run.pump(listener);
            } finally {
                core.processes.remove(p);
            }
        });
        return run;
    }

    private void pump(FaxListener listener) {
        boolean[] resulted = new boolean[2];
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("EVENT ")) {
                    continue;
                }
                String[] parts = line.split(" ");
                Map<String, String> f = parse(parts);
                boolean local = "local".equals(f.get("side"));
                switch (parts[1]) {
                    case "negotiate" -> listener.negotiate(local, f);
                    case "page" -> listener.page(local, f);
                    case "result" -> {
                        resulted[local ? 0 : 1] = true;
                        listener.result(local, f);
                    }
                    default -> { }
                }
            }
        } catch (IOException | RuntimeException e) {
            // reported below as a dropped call, like a FreeSWITCH channel losing its media
        } finally {
            process.destroy();
            for (int i = 0; i < 2; i++) {
                if (!resulted[i]) {
                    listener.result(i == 0, dropped());
                }
            }
        }
    }

    private static Map<String, String> parse(String[] parts) {
        Map<String, String> f = new HashMap<>();
        for (int i = 2; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                String v = parts[i].substring(eq + 1);
                f.put(parts[i].substring(0, eq), "%00".equals(v) ? "" : EslEncoding.urlDecode(v));
            }
        }
        return f;
    }

    /** Phase E as mod_spandsp reports it when the engine never got that far. */
    static Map<String, String> dropped() {
        Map<String, String> f = new HashMap<>();
        f.put("code", "49");
        f.put("text", "The call dropped prematurely");
        f.put("success", "0");
        f.put("pages", "0");
        f.put("total", "0");
        f.put("size", "0");
        f.put("bad-rows", "0");
        return f;
    }

    @Override
    public void hangup() {
        if (hungUp) {
            return;
        }
        hungUp = true;
        try {
            OutputStream in = process.getOutputStream();
            in.write("hangup\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
        } catch (IOException e) {
            // the helper already finished
        }
    }
}
