/** Messages of one outbound fax call: the originate command, its progress and its end. */
package org.faxserver.model.attempt;
