/** Softmodem fallback list and per-destination dial overrides: admin commands and change facts. */
package org.faxserver.model.fallback;
