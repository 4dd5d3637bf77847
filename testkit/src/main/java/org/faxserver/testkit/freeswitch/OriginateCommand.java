package org.faxserver.testkit.freeswitch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code originate <dialstring> <&app(arg)|exten> ...} command. The dial string may start
 * with {@code {var=value,...}}; {@code \,} escapes a comma inside a value and single quotes
 * around a value are removed, as switch_event_create_brackets does.
 *
 * @param raw         the argument text after "originate "
 * @param dialString  e.g. {@code {a=b}sofia/gateway/gw1/15551234}
 * @param variables   the {@code {...}} variables in order
 * @param endpoint    the dial string without the variable block
 * @param gateway     the gateway of {@code sofia/gateway/<gw>/<number>}, else null
 * @param number      the destination number (last path element)
 * @param application e.g. "txfax" for {@code &txfax(/x.tif)}, or null for an extension
 * @param applicationArg the application argument, or the extension
 */
public record OriginateCommand(String raw, String dialString, Map<String, String> variables, String endpoint,
                               String gateway, String number, String application, String applicationArg) {

    /** Parses the arguments of originate; throws IllegalArgumentException on bad syntax. */
    public static OriginateCommand parse(String args) {
        List<String> argv = splitTop(args.trim());
        if (argv.size() < 2) {
            throw new IllegalArgumentException("-USAGE: <call url> <exten>|&<application_name>(<app_args>) [<dialplan>] [<context>] [<cid_name>] [<cid_num>] [<timeout_sec>]");
        }
        String dial = argv.get(0);
        Map<String, String> vars = new LinkedHashMap<>();
        String endpoint = dial;
        if (dial.startsWith("{")) {
            int end = closing(dial, 0, '{', '}');
            if (end < 0) {
                throw new IllegalArgumentException("unbalanced {} in dial string");
            }
            parseVars(dial.substring(1, end), vars);
            endpoint = dial.substring(end + 1);
        }
        if (endpoint.startsWith("[")) {
            int end = closing(endpoint, 0, '[', ']');
            parseVars(endpoint.substring(1, end), vars);
            endpoint = endpoint.substring(end + 1);
        }
        String[] path = endpoint.split("/");
        String gateway = path.length >= 4 && "sofia".equals(path[0]) && "gateway".equals(path[1]) ? path[2] : null;
        String number = path[path.length - 1];
        String target = argv.get(1);
        String app = null;
        String appArg = target;
        if (target.startsWith("&")) {
            int open = target.indexOf('(');
            if (open < 0) {
                app = target.substring(1);
                appArg = "";
            } else {
                app = target.substring(1, open);
                int close = target.lastIndexOf(')');
                appArg = target.substring(open + 1, close > open ? close : target.length());
            }
        }
        return new OriginateCommand(args, dial, Collections.unmodifiableMap(vars), endpoint, gateway, number, app, appArg);
    }

    private static int closing(String s, int from, char open, char close) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Splits on spaces outside {}, [], () and single quotes (the dial string may contain quoted spaces). */
    private static List<String> splitTop(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
                continue;
            }
            if (c == '\'') {
                quote = !quote;
            } else if (!quote && (c == '{' || c == '[' || c == '(')) {
                depth++;
            } else if (!quote && (c == '}' || c == ']' || c == ')')) {
                depth--;
            }
            if (c == ' ' && depth == 0 && !quote) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static void parseVars(String block, Map<String, String> vars) {
        StringBuilder cur = new StringBuilder();
        boolean quote = false;
        List<String> items = new ArrayList<>();
        for (int i = 0; i < block.length(); i++) {
            char c = block.charAt(i);
            if (c == '\\' && i + 1 < block.length()) {
                cur.append(block.charAt(++i));
            } else if (c == '\'') {
                quote = !quote;
            } else if (c == ',' && !quote) {
                items.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        items.add(cur.toString());
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq > 0) {
                vars.put(item.substring(0, eq).trim(), item.substring(eq + 1));
            }
        }
    }
}
