package org.faxserver.api.fax;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;

import org.faxserver.api.retention.RetentionSweep;
import org.faxserver.document.ConversionLimits;
import org.faxserver.document.ConversionOptions;
import org.faxserver.document.FaxDocumentConverter;
import org.faxserver.document.FaxTiffExport;
import org.faxserver.document.store.DocumentStore;
import org.faxserver.document.store.FileSystemDocumentStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Document conversion and storage for the fax API; plain fax-document objects built with {@code new}. */
@Configuration(proxyBeanMethods = false)
class FaxConfiguration {

    @Bean
    DocumentStore documentStore(DocumentProperties props) throws IOException {
        return new FileSystemDocumentStore(props.root());
    }

    @Bean
    ConversionLimits conversionLimits(DocumentProperties props) {
        return ConversionLimits.defaults()
                .withMaxInputBytes(props.maxUploadBytes().toBytes())
                .withMaxPages(props.maxPages())
                .withMaxImagePixels(props.maxImagePixels());
    }

    @Bean
    FaxDocumentConverter faxDocumentConverter(ConversionLimits limits) {
        return new FaxDocumentConverter(limits, ConversionOptions.defaults());
    }

    @Bean
    FaxTiffExport faxTiffExport(ConversionLimits limits) {
        return new FaxTiffExport(limits);
    }

    /**
     * Conversion is CPU-bound (rendering, CCITT coding): its own small pool, so a burst of uploads
     * neither blocks the event loop nor starves the shared boundedElastic pool; a full queue is 503.
     */
    @Bean(destroyMethod = "dispose")
    Scheduler conversionScheduler(DocumentProperties props) {
        return Schedulers.newBoundedElastic(props.conversionThreads(), props.conversionQueue(), "fax-conversion");
    }

    /** Deletes the documents of jobs that ended longer than {@code faxserver.documents.retention} ago. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    RetentionSweep<JobReadRepository.DocumentKeys> sentDocumentRetention(SubmissionRepository submissions,
                                                                         DocumentStore store,
                                                                         DocumentProperties props, Clock clock) {
        return new RetentionSweep<>("the documents of sent faxes", props.retention(), props.purgeInterval(),
                props.purgeBatch(), submissions::claimPurgeableDocuments,
                keys -> Arrays.asList(keys.tiffKey(), keys.pdfKey()), store, clock);
    }

    @Bean
    DocumentIntake documentIntake(FaxDocumentConverter converter, FaxTiffExport export, DocumentStore store,
                                  Scheduler conversionScheduler, Clock clock) {
        return new DocumentIntake(converter, export, store, conversionScheduler, clock);
    }
}
