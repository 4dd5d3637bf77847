package org.faxserver.testkit.freeswitch;

import java.util.Map;

/** One client-to-FreeSWITCH message: the command line, its headers (case-insensitive) and optional body. */
record EslCommand(String line, Map<String, String> headers, String body) {

    String header(String name) {
        return headers.get(name);
    }
}
