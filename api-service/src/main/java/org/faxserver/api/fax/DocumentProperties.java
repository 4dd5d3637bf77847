package org.faxserver.api.fax;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code faxserver.documents.*}: where fax documents are stored and the limits on what a client may
 * upload to {@code POST /fax/send}.
 *
 * @param root                 the DocumentStore directory, shared with FreeSWITCH (decision 0004)
 * @param uploadTempDir        where uploaded files are streamed before conversion; empty for the
 *                             system temporary directory
 * @param maxUploadBytes       total size of the files of one request (413 above)
 * @param maxFiles             {@code file} parts in one request (413 above)
 * @param maxPages             fax pages after conversion (413 above)
 * @param maxImagePixels       width × height of any image, checked before decoding (413 above)
 * @param conversionThreads    conversions running at once (CPU-bound; about one per core)
 * @param conversionQueue      conversions waiting per conversion thread before requests get 503
 * @param inMemoryUploadBytes  the files of one request are held in memory up to this total, the rest streamed
 *                             to temporary files (0: always files); bounds memory per request in flight
 * @param retention            how long after a job ended (succeeded, failed or cancelled) its document is kept;
 *                             then a sweep deletes it and the job record stays
 * @param purgeInterval        how often that sweep runs
 * @param purgeBatch           documents deleted per sweep round (the sweep repeats until none is due)
 */
@ConfigurationProperties("faxserver.documents")
public record DocumentProperties(@DefaultValue("./data/documents") Path root,
                                 Path uploadTempDir,
                                 @DefaultValue("50MB") DataSize maxUploadBytes,
                                 @DefaultValue("10") int maxFiles,
                                 @DefaultValue("100") int maxPages,
                                 @DefaultValue("100000000") long maxImagePixels,
                                 @DefaultValue("2") int conversionThreads,
                                 @DefaultValue("100") int conversionQueue,
                                 @DefaultValue("256KB") DataSize inMemoryUploadBytes,
                                 @DefaultValue("90d") Duration retention,
                                 @DefaultValue("1h") Duration purgeInterval,
                                 @DefaultValue("100") int purgeBatch) {
    public DocumentProperties {
        if (maxUploadBytes.toBytes() < 1 || maxFiles < 1 || maxPages < 1 || maxImagePixels < 1
                || conversionThreads < 1 || conversionQueue < 1 || inMemoryUploadBytes.toBytes() < 0
                || purgeBatch < 1) {
            throw new IllegalArgumentException("faxserver.documents: limits, pool sizes and purge-batch must be positive");
        }
        if (retention.isNegative() || retention.isZero() || purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("faxserver.documents.retention and purge-interval must be positive");
        }
    }
}
