/** Storage of fax documents under server-generated relative keys. */
package org.faxserver.document.store;
