/** Fax outcomes and telephony vocabulary: T.30 completion codes, hangup causes, T.38, fax settings. */
package org.faxserver.model.fax;
