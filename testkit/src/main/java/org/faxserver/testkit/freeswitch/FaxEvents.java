package org.faxserver.testkit.freeswitch;

import java.util.Map;

/**
 * Turns faxsim reports into mod_spandsp's channel variables and {@code spandsp::*} CUSTOM events,
 * with the variable order and header names of mod_spandsp_fax.c (phase_b/d/e_handler).
 */
final class FaxEvents {

    private final ChannelEvents events;

    FaxEvents(ChannelEvents events) {
        this.events = events;
    }

    /** Variables set when txfax/rxfax starts (spanfax_init / pvt_init). */
    static void init(SimChannel ch, boolean ecm, boolean v17, String file, boolean t38) {
        if (t38) {
            ch.setVar("has_t38", "true");
        }
        ch.setVar("fax_v17_disabled", v17 ? "0" : "1");
        ch.setVar("fax_ecm_requested", ecm ? "1" : "0");
        ch.setVar("fax_filename", file);
        ch.readCodec = "L16";
        ch.readBitRate = 128000;
        ch.setVar("read_codec", "L16");
        ch.setVar("read_rate", "8000");
    }

    /** txfax/rxfax returned: the channel's read codec is back to the call's codec (captures). */
    static void finished(SimChannel ch) {
        ch.readCodec = "PCMU";
        ch.readBitRate = 64000;
    }

    void negotiate(SimChannel ch, boolean tx, Map<String, String> f, String t38Status) {
        ch.setVar("fax_transfer_rate", f.get("rate"));
        if (tx) {
            ch.setVar("fax_document_total_pages", f.get("total"));
        }
        ch.setVar("fax_ecm_used", f.get("ecm"));
        ch.setVar("fax_t38_status", t38Status);
        ch.setVar("fax_local_station_id", f.get("local-id"));
        ch.setVar("fax_remote_station_id", f.get("remote-id"));
        ch.setVar("fax_remote_country", f.get("remote-country"));
        ch.setVar("fax_remote_vendor", f.get("remote-vendor"));
        ch.setVar("fax_remote_model", f.get("remote-model"));
        EslEvent x = new EslEvent().add("uuid", ch.uuid).add("fax-transfer-rate", f.get("rate"))
                .add("fax-ecm-used", f.get("ecm")).add("fax-t38-status", t38Status)
                .add("fax-local-station-id", f.get("local-id")).add("fax-remote-station-id", f.get("remote-id"))
                .add("fax-remote-country", f.get("remote-country")).add("fax-remote-vendor", f.get("remote-vendor"))
                .add("fax-remote-model", f.get("remote-model"));
        if (tx) {
            x.add("fax-document-total-pages", f.get("total"));
        }
        events.custom(ch, tx ? "spandsp::txfaxnegociateresult" : "spandsp::rxfaxnegociateresult", "phase_b_handler", 386, x);
    }

    void page(SimChannel ch, boolean tx, Map<String, String> f) {
        ch.setVar("fax_image_resolution", f.get("res"));
        ch.setVar("fax_file_image_resolution", f.get("file-res"));
        ch.setVar("fax_image_pixel_size", f.get("pixels"));
        ch.setVar("fax_file_image_pixel_size", f.get("file-pixels"));
        ch.setVar("fax_image_size", f.get("size"));
        ch.setVar("fax_bad_rows", f.get("bad-rows"));
        ch.setVar("fax_longest_bad_row_run", f.get("longest-bad-row-run"));
        ch.setVar("fax_encoding", f.get("encoding"));
        ch.setVar("fax_encoding_name", f.get("encoding-name"));
        ch.setVar("fax_document_transferred_pages", f.get("pages"));
        if (tx) {
            ch.setVar("fax_document_total_pages", f.get("total"));
        }
        EslEvent x = new EslEvent().add("uuid", ch.uuid).add("fax-document-transferred-pages", f.get("pages"));
        if (tx) {
            x.add("fax-document-total-pages", f.get("total"));
        }
        x.add("fax-image-resolution", f.get("res")).add("fax-file-image-resolution", f.get("file-res"))
                .add("fax-image-size", f.get("size")).add("fax-image-pixel-size", f.get("pixels"))
                .add("fax-file-image-pixel-size", f.get("file-pixels")).add("fax-bad-rows", f.get("bad-rows"))
                .add("fax-longest-bad-row-run", f.get("longest-bad-row-run")).add("fax-encoding", f.get("encoding"))
                .add("fax-encoding-name", f.get("encoding-name"));
        events.custom(ch, tx ? "spandsp::txfaxpageresult" : "spandsp::rxfaxpageresult", "phase_d_handler", 521, x);
    }

    void result(SimChannel ch, boolean tx, Map<String, String> f, String t38Status) {
        ch.setVar("fax_success", f.get("success"));
        ch.setVar("fax_result_code", f.get("code"));
        ch.setVar("fax_result_text", f.get("text"));
        ch.setVar("fax_ecm_used", f.get("ecm"));
        ch.setVar("fax_t38_status", t38Status);
        ch.setVar("fax_local_station_id", f.get("local-id"));
        ch.setVar("fax_remote_station_id", f.get("remote-id"));
        ch.setVar("fax_document_transferred_pages", f.get("pages"));
        ch.setVar("fax_document_total_pages", f.get("total"));
        ch.setVar("fax_image_resolution", f.get("res"));
        ch.setVar("fax_image_size", f.get("size"));
        ch.setVar("fax_bad_rows", f.get("bad-rows"));
        ch.setVar("fax_transfer_rate", f.get("rate"));
        EslEvent x = new EslEvent().add("fax-success", f.get("success")).add("fax-result-code", f.get("code"))
                .add("fax-result-text", f.get("text")).add("fax-document-transferred-pages", f.get("pages"))
                .add("fax-document-total-pages", f.get("total")).add("fax-image-resolution", f.get("res"))
                .add("fax-image-size", f.get("size")).add("fax-bad-rows", f.get("bad-rows"))
                .add("fax-transfer-rate", f.get("rate")).add("fax-ecm-used", f.get("ecm"))
                .add("fax-t38-status", t38Status).add("fax-local-station-id", f.get("local-id"))
                .add("fax-remote-station-id", f.get("remote-id"));
        events.custom(ch, tx ? "spandsp::txfaxresult" : "spandsp::rxfaxresult", "phase_e_handler", 676, x);
    }
}
