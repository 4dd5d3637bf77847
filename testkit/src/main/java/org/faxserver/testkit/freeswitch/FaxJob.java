package org.faxserver.testkit.freeswitch;

import java.nio.file.Path;

/**
 * Parameters of one T.30 call between the local endpoint (mod_spandsp's txfax/rxfax) and the
 * remote endpoint (a simulated fax machine, or the other leg of a loopback call).
 */
record FaxJob(boolean localSends, Path localFile, Path remoteFile, boolean t38,
              boolean localEcm, boolean remoteEcm, boolean localV17, boolean remoteV17,
              String localIdent, String remoteIdent, int hangupAfterPages, Double noiseDbm0, double pace) {
}
