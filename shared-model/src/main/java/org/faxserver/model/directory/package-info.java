/** Directory change notices that let services drop cached tenants, numbers, users and endpoints. */
package org.faxserver.model.directory;
