package org.faxserver.testkit.freeswitch;

import java.util.Map;

/** Receives the phase B/D/E reports of one fax run; {@code local} tells which endpoint reported. */
interface FaxListener {

    void negotiate(boolean local, Map<String, String> fields);

    void page(boolean local, Map<String, String> fields);

    void result(boolean local, Map<String, String> fields);
}
