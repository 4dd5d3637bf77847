/** Message records, routing names and value types shared by all faxserver services. No Spring. */
package org.faxserver.model;
