package org.faxserver.testkit.freeswitch;

/** A fax call in progress (real engine or scripted). */
interface FaxRun {

    /** The line drops: both sides end with code 49 "The call dropped prematurely". */
    void hangup();
}
