package org.faxserver.testkit.freeswitch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** mod_db's {@code db} API: realm/key/value store with FreeSWITCH's argument parsing and reply texts. */
final class ModDb {

    private final Map<String, Map<String, String>> realms = new LinkedHashMap<>();

    /** Executes {@code db <args>}; returns the API output ("" becomes "-ERR no reply" on the wire). */
    synchronized String execute(String args) {
        String[] argv = separate(args == null ? "" : args.trim());
        if (argv.length == 0 || argv[0].isEmpty()) {
            return "!err!\n";
        }
        String realm = argv.length > 1 ? argv[1] : null;
        String key = argv.length > 2 ? argv[2] : null;
        switch (argv[0]) {
            case "insert":
                if (argv.length < 4) {
                    return "!err!\n";
                }
                realms.computeIfAbsent(realm, r -> new LinkedHashMap<>()).remove(key);
                realms.get(realm).put(key, argv[3]);
                return "+OK";
            case "delete":
                if (key == null) {
                    return "!err!\n";
                }
                Map<String, String> r = realms.get(realm);
                if (r != null) {
                    r.remove(key);
                    if (r.isEmpty()) {
                        realms.remove(realm);
                    }
                }
                return "+OK";
            case "select": {
                if (key == null) {
                    return "!err!\n";
                }
                String v = realms.getOrDefault(realm, Map.of()).get(key);
                // mod_db reads into char buf[256]
                return v == null ? "" : v.length() > 255 ? v.substring(0, 255) : v;
            }
            case "exists":
                if (key == null) {
                    return "!err!\n";
                }
                return realms.getOrDefault(realm, Map.of()).containsKey(key) ? "true" : "false";
            case "count":
                return Integer.toString(realm == null ? realms.size() : realms.getOrDefault(realm, Map.of()).size());
            case "list":
                return String.join(",", realm == null ? realms.keySet() : realms.getOrDefault(realm, Map.of()).keySet());
            default:
                return "!err!\n";
        }
    }

    synchronized Map<String, Map<String, String>> snapshot() {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        realms.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
        return copy;
    }

    /**
     * switch_separate_string(cmd, '/', argv, 4): the last field takes the rest, single quotes are
     * removed, backslash escapes are removed, fields are trimmed; {@code ^^<c>} picks another delimiter.
     */
    static String[] separate(String s) {
        char delim = '/';
        if (s.startsWith("^^") && s.length() > 2) {
            delim = s.charAt(2);
            s = s.substring(3);
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
            } else if (c == '\'') {
                quote = !quote;
            } else if (c == delim && !quote && out.size() < 3) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().trim());
        return out.toArray(new String[0]);
    }
}
