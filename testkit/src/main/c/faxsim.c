/*
 * faxsim: runs one real spandsp T.30 fax call between two in-memory endpoints.
 *
 * The "local" endpoint plays FreeSWITCH's mod_spandsp (txfax or rxfax); the "remote"
 * endpoint plays the fax machine on the other end of the line. Both run the real T.30
 * state machine of libspandsp (Debian 0.0.6), either over audio (V.21/V.27ter/V.29/V.17
 * modems on 8 kHz samples, optionally through a u-law leg and noise) or over T.38 IFP
 * packets (two t38_terminal instances). Time is counted in samples, so a call runs much
 * faster than real time unless --pace asks for a wall-clock ratio.
 *
 * Output (stdout, one line per event, values percent-encoded like FreeSWITCH's ESL):
 *   EVENT negotiate side=<local|remote> t=<ms> rate=.. ecm=on|off local-id=.. remote-id=..
 *   EVENT page side=.. t=.. pages=.. total=.. res=WxH file-res=WxH size=.. pixels=WxH
 *         file-pixels=WxH bad-rows=.. longest-bad-row-run=.. encoding=.. encoding-name=..
 *   EVENT result side=.. t=.. code=.. text=.. success=0|1 pages=.. total=.. res=..
 *         size=.. bad-rows=.. rate=.. ecm=.. local-id=.. remote-id=..
 *   DONE t=<ms>
 * Control (stdin): a line "hangup" drops the call (both sides see code 49, like
 * mod_spandsp's t30_terminate on channel hangup). EOF on stdin is treated as hangup.
 *
 * Build: gcc -O2 -Wall -o faxsim faxsim.c -lspandsp -ltiff -lm
 * libspandsp is LGPL-2.1; this tool only links to it dynamically.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <tiffio.h>
#define SPANDSP_EXPOSE_INTERNAL_STRUCTURES
#include <spandsp.h>

#define CHUNK 160 /* 20 ms at 8 kHz, the size of a FreeSWITCH L16 frame */
#define MAX_PKTS 4096

typedef struct {
    uint8_t buf[MAX_PKTS][512];
    int len[MAX_PKTS];
    int count;
    uint16_t seq;
} pkt_queue_t;

typedef struct endpoint {
    const char *side;      /* "local" or "remote" */
    int sender;            /* 1 = transmits the tx file */
    const char *file;      /* tx file (sender) or rx file (receiver) */
    const char *ident;
    const char *header;
    int ecm;
    int v17;
    fax_state_t *fax;
    t38_terminal_state_t *t38;
    t30_state_t *t30;
    pkt_queue_t *outq;     /* T.38 packets waiting for the peer */
    int done;
    int pages_done;
    int tx_total_pages;
    int file_xres, file_yres; /* pixels per metre of the tx file's first page */
} endpoint_t;

static long long g_samples = 0;
static int g_hangup_after_pages = -1;
static int g_terminate = 0;

static long long now_ms(void) { return g_samples / 8; }

/* FreeSWITCH's switch_url_encode: bytes < 0x20, > '~' and SWITCH_URL_UNSAFE become %XX. */
static void put_enc(const char *key, const char *v)
{
    static const char *unsafe = "\r\n #%&+:;<=>?@[\\]^`{|}\"";
    printf(" %s=", key);
    if (v == NULL || *v == '\0') {
        printf("%%00"); /* marker for "empty": the Java side drops empty values */
        return;
    }
    for (const unsigned char *p = (const unsigned char *) v; *p; p++) {
        if (*p < 0x20 || *p > '~' || strchr(unsafe, *p))
            printf("%%%02X", *p);
        else
            putchar(*p);
    }
}

static void put_int(const char *key, long v) { printf(" %s=%ld", key, v); }

static void put_res(const char *key, int x, int y) { printf(" %s=%dx%d", key, x, y); }

/* spandsp 0.0.6 reports the R8 column resolution as 8031; spandsp 3 (what FreeSWITCH
 * 1.10 links) reports the T.30 nominal 8040, which is what the captures show. */
static int line_xres(int x) { return (x >= 8000 && x <= 8100) ? 8040 : x; }

/* spandsp 3's T4_COMPRESSION_* bit values and t4_compression_to_str() names. */
static int encoding_code(int e)
{
    switch (e) {
    case T4_COMPRESSION_ITU_T4_1D: return 2;
    case T4_COMPRESSION_ITU_T4_2D: return 4;
    case T4_COMPRESSION_ITU_T6: return 8;
    case T4_COMPRESSION_ITU_T85: return 16;
    case T4_COMPRESSION_ITU_T85_L0: return 32;
    default: return 0;
    }
}

static const char *encoding_name(int e)
{
    switch (e) {
    case T4_COMPRESSION_ITU_T4_1D: return "T.4 1-D";
    case T4_COMPRESSION_ITU_T4_2D: return "T.4 2-D";
    case T4_COMPRESSION_ITU_T6: return "T.6";
    case T4_COMPRESSION_ITU_T85: return "T.85";
    case T4_COMPRESSION_ITU_T85_L0: return "T.85(L0)";
    default: return "none";
    }
}

static void begin(const char *type, endpoint_t *e)
{
    printf("EVENT %s side=%s t=%lld", type, e->side, now_ms());
}

static int phase_b(t30_state_t *s, void *user, int result)
{
    endpoint_t *e = user;
    t30_stats_t st;
    t30_get_transfer_statistics(s, &st);
    begin("negotiate", e);
    put_int("rate", st.bit_rate);
    printf(" ecm=%s", st.error_correcting_mode ? "on" : "off");
    put_enc("local-id", t30_get_tx_ident(s));
    put_enc("remote-id", t30_get_rx_ident(s));
    put_enc("remote-country", t30_get_rx_country(s));
    put_enc("remote-vendor", t30_get_rx_vendor(s));
    put_enc("remote-model", t30_get_rx_model(s));
    /* FreeSWITCH reports 0 here as well (capture send-g711, txfaxnegociateresult). */
    put_int("total", 0);
    printf("\n");
    fflush(stdout);
    return T30_ERR_OK;
}

static int phase_d(t30_state_t *s, void *user, int result)
{
    endpoint_t *e = user;
    t30_stats_t st;
    t30_get_transfer_statistics(s, &st);
    int pages = e->sender ? st.pages_tx : st.pages_rx;
    e->pages_done = pages;
    int xres = line_xres(st.x_resolution);
    begin("page", e);
    put_int("pages", pages);
    put_int("total", e->sender ? e->tx_total_pages : pages);
    put_res("res", xres, st.y_resolution);
    if (e->sender)
        put_res("file-res", e->file_xres, e->file_yres);
    else
        put_res("file-res", xres, st.y_resolution);
    put_int("size", st.image_size);
    put_res("pixels", st.width, st.length);
    put_res("file-pixels", st.width, st.length);
    put_int("bad-rows", st.bad_rows);
    put_int("longest-bad-row-run", st.longest_bad_row_run);
    put_int("encoding", encoding_code(st.encoding));
    put_enc("encoding-name", encoding_name(st.encoding));
    printf("\n");
    fflush(stdout);
    /* Failure injection: the line drops once the sender has N pages confirmed (MCF). */
    if (e->sender && g_hangup_after_pages >= 0 && pages >= g_hangup_after_pages)
        g_terminate = 1;
    return T30_ERR_OK;
}

static void phase_e(t30_state_t *s, void *user, int code)
{
    endpoint_t *e = user;
    t30_stats_t st;
    t30_get_transfer_statistics(s, &st);
    int pages = e->sender ? st.pages_tx : st.pages_rx;
    begin("result", e);
    put_int("code", code);
    put_enc("text", t30_completion_code_to_str(code));
    put_int("success", code == T30_ERR_OK ? 1 : 0);
    put_int("pages", pages);
    put_int("total", e->sender ? e->tx_total_pages : pages);
    put_res("res", line_xres(st.x_resolution), st.y_resolution);
    /* rxfaxresult always carries fax-image-size 0 (capture note 8). */
    put_int("size", e->sender ? st.image_size : 0);
    put_int("bad-rows", st.bad_rows);
    put_int("rate", st.bit_rate);
    printf(" ecm=%s", st.error_correcting_mode ? "on" : "off");
    put_enc("local-id", t30_get_tx_ident(s));
    put_enc("remote-id", t30_get_rx_ident(s));
    printf("\n");
    fflush(stdout);
    e->done = 1;
}

static void tiff_info(endpoint_t *e)
{
    e->tx_total_pages = 0;
    e->file_xres = e->file_yres = 0;
    TIFFSetWarningHandler(NULL);
    TIFFSetErrorHandler(NULL);
    TIFF *t = TIFFOpen(e->file, "r");
    if (t == NULL)
        return;
    float xr = 0, yr = 0;
    uint16_t unit = RESUNIT_INCH;
    TIFFGetField(t, TIFFTAG_XRESOLUTION, &xr);
    TIFFGetField(t, TIFFTAG_YRESOLUTION, &yr);
    TIFFGetFieldDefaulted(t, TIFFTAG_RESOLUTIONUNIT, &unit);
    double f = unit == RESUNIT_CENTIMETER ? 100.0 : 100.0 / 2.54;
    e->file_xres = (int) (xr * f);
    e->file_yres = (int) (yr * f);
    e->tx_total_pages = TIFFNumberOfDirectories(t);
    TIFFClose(t);
}

static void setup_t30(endpoint_t *e)
{
    t30_state_t *t = e->t30;
    t30_set_tx_ident(t, e->ident);
    if (e->header && *e->header) {
        /* Note: spandsp 0.0.6 adds 32 header rows to each page; the Java side therefore
         * passes no header by default, so received pages keep their height like the
         * captures (1728x2292). */
        t30_set_tx_page_header_info(t, e->header);
    }
    t30_set_phase_b_handler(t, phase_b, e);
    t30_set_phase_d_handler(t, phase_d, e);
    t30_set_phase_e_handler(t, phase_e, e);
    t30_set_supported_modems(t, T30_SUPPORT_V27TER | T30_SUPPORT_V29 | (e->v17 ? T30_SUPPORT_V17 : 0));
    t30_set_supported_compressions(t, T30_SUPPORT_T4_1D_COMPRESSION | T30_SUPPORT_T4_2D_COMPRESSION
                                   | T30_SUPPORT_T6_COMPRESSION);
    t30_set_supported_resolutions(t, T30_SUPPORT_STANDARD_RESOLUTION | T30_SUPPORT_FINE_RESOLUTION
                                  | T30_SUPPORT_SUPERFINE_RESOLUTION | T30_SUPPORT_R8_RESOLUTION
                                  | T30_SUPPORT_R16_RESOLUTION);
    t30_set_supported_image_sizes(t, T30_SUPPORT_US_LETTER_LENGTH | T30_SUPPORT_US_LEGAL_LENGTH
                                  | T30_SUPPORT_UNLIMITED_LENGTH | T30_SUPPORT_215MM_WIDTH
                                  | T30_SUPPORT_255MM_WIDTH | T30_SUPPORT_303MM_WIDTH);
    t30_set_ecm_capability(t, e->ecm);
    if (e->ecm)
        t30_set_supported_compressions(t, T30_SUPPORT_T4_1D_COMPRESSION | T30_SUPPORT_T4_2D_COMPRESSION
                                       | T30_SUPPORT_T6_COMPRESSION);
    if (e->sender) {
        tiff_info(e);
        t30_set_tx_file(t, e->file, -1, -1);
    } else {
        t30_set_rx_file(t, e->file, -1);
    }
}

static int t38_tx(t38_core_state_t *s, void *user, const uint8_t *buf, int len, int count)
{
    pkt_queue_t *q = user;
    /* Redundant copies (count > 1) are not needed on a lossless in-memory link. */
    if (q->count < MAX_PKTS && len <= 512) {
        memcpy(q->buf[q->count], buf, len);
        q->len[q->count] = len;
        q->count++;
    }
    return 0;
}

static void deliver(pkt_queue_t *q, endpoint_t *to)
{
    t38_core_state_t *core = t38_terminal_get_t38_core_state(to->t38);
    for (int i = 0; i < q->count; i++)
        t38_core_rx_ifp_packet(core, q->buf[i], q->len[i], q->seq++);
    q->count = 0;
}

static const char *arg(int argc, char **argv, const char *name, const char *def)
{
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return def;
}

static int stdin_open = 1;

/* Reads control lines from stdin, waiting at most timeout_ms. */
static void poll_control(int timeout_ms)
{
    if (!stdin_open) {
        if (timeout_ms > 0) {
            struct timespec ts = { timeout_ms / 1000, (timeout_ms % 1000) * 1000000L };
            nanosleep(&ts, NULL);
        }
        return;
    }
    struct pollfd p = { 0, POLLIN, 0 };
    if (poll(&p, 1, timeout_ms) <= 0)
        return;
    char buf[256];
    ssize_t n = read(0, buf, sizeof(buf) - 1);
    if (n <= 0) {
        stdin_open = 0;
        g_terminate = 1;
        return;
    }
    buf[n] = '\0';
    if (strstr(buf, "hangup"))
        g_terminate = 1;
}

static double wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        fprintf(stderr, "usage: faxsim --local-role send|receive --local-file F --remote-file F\n"
                        "  [--transport audio|t38] [--ulaw 0|1] [--local-ecm 0|1] [--remote-ecm 0|1]\n"
                        "  [--local-v17 0|1] [--remote-v17 0|1] [--local-ident S] [--remote-ident S]\n"
                        "  [--local-header S] [--remote-header S] [--hangup-after-pages N]\n"
                        "  [--noise dBm0] [--pace factor] [--max-seconds S]\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    int local_sends = strcmp(arg(argc, argv, "--local-role", "send"), "send") == 0;
    int t38 = strcmp(arg(argc, argv, "--transport", "audio"), "t38") == 0;
    int ulaw = atoi(arg(argc, argv, "--ulaw", "1"));
    double pace = atof(arg(argc, argv, "--pace", "0"));
    double max_seconds = atof(arg(argc, argv, "--max-seconds", "900"));
    const char *noise = arg(argc, argv, "--noise", NULL);
    g_hangup_after_pages = atoi(arg(argc, argv, "--hangup-after-pages", "-1"));

    endpoint_t ep[2];
    memset(ep, 0, sizeof(ep));
    ep[0].side = "local";
    ep[0].sender = local_sends;
    ep[0].file = arg(argc, argv, "--local-file", NULL);
    ep[0].ident = arg(argc, argv, "--local-ident", "SpanDSP Fax Ident");
    ep[0].header = arg(argc, argv, "--local-header", "");
    ep[0].ecm = atoi(arg(argc, argv, "--local-ecm", "1"));
    ep[0].v17 = atoi(arg(argc, argv, "--local-v17", "1"));
    ep[1].side = "remote";
    ep[1].sender = !local_sends;
    ep[1].file = arg(argc, argv, "--remote-file", NULL);
    ep[1].ident = arg(argc, argv, "--remote-ident", "");
    ep[1].header = arg(argc, argv, "--remote-header", "");
    ep[1].ecm = atoi(arg(argc, argv, "--remote-ecm", "1"));
    ep[1].v17 = atoi(arg(argc, argv, "--remote-v17", "1"));
    if (ep[0].file == NULL || ep[1].file == NULL) {
        fprintf(stderr, "faxsim: --local-file and --remote-file are required\n");
        return 2;
    }

    static pkt_queue_t queues[2];
    awgn_state_t *awgn_state[2] = { NULL, NULL };
    for (int i = 0; i < 2; i++) {
        endpoint_t *e = &ep[i];
        /* The sender is the calling party, as with txfax (caller) and rxfax (answerer). */
        if (t38) {
            e->outq = &queues[i];
            e->t38 = t38_terminal_init(NULL, e->sender, t38_tx, e->outq);
            if (e->t38 == NULL) { fprintf(stderr, "faxsim: t38_terminal_init failed\n"); return 3; }
            t38_terminal_set_config(e->t38, pace > 0 ? 0
                                    : (T38_TERMINAL_OPTION_NO_PACING | T38_TERMINAL_OPTION_NO_INDICATORS));
            e->t30 = t38_terminal_get_t30_state(e->t38);
        } else {
            e->fax = fax_init(NULL, e->sender);
            if (e->fax == NULL) { fprintf(stderr, "faxsim: fax_init failed\n"); return 3; }
            fax_set_transmit_on_idle(e->fax, 1);
            e->t30 = fax_get_t30_state(e->fax);
            if (noise)
                awgn_state[i] = awgn_init_dbm0(NULL, 1234567 + i, (float) atof(noise));
        }
        setup_t30(e);
    }

    int16_t out[2][CHUNK], in[CHUNK];
    double start = wall_ms();
    long long chunks = 0;
    int terminated = 0;
    long long done_at = -1;
    while (!(ep[0].done && ep[1].done)) {
        if (t38) {
            for (int i = 0; i < 2; i++)
                t38_terminal_send_timeout(ep[i].t38, CHUNK);
            deliver(ep[0].outq, &ep[1]);
            deliver(ep[1].outq, &ep[0]);
        } else {
            for (int i = 0; i < 2; i++) {
                int n = fax_tx(ep[i].fax, out[i], CHUNK);
                for (int k = n; k < CHUNK; k++)
                    out[i][k] = 0;
            }
            for (int i = 0; i < 2; i++) {
                const int16_t *src = out[1 - i];
                for (int k = 0; k < CHUNK; k++) {
                    int v = src[k];
                    if (ulaw) /* the PCMU leg between FreeSWITCH and the carrier */
                        v = ulaw_to_linear(linear_to_ulaw(v));
                    if (awgn_state[i])
                        v += awgn(awgn_state[i]);
                    in[k] = (int16_t) (v > 32767 ? 32767 : v < -32768 ? -32768 : v);
                }
                fax_rx(ep[i].fax, in, CHUNK);
            }
        }
        g_samples += CHUNK;
        chunks++;
        if (pace > 0) {
            double due = start + (g_samples / 8.0) / pace;
            double wait = due - wall_ms();
            poll_control(wait > 0 ? (int) wait : 0);
        } else if (chunks % 50 == 0) {
            poll_control(0);
        }
        if (g_samples / 8000.0 > max_seconds)
            g_terminate = 1;
        /* Once one machine has finished it hangs up; the other side then sees the line
         * drop, after a short grace (the sender's own phase E follows its DCN closely). */
        if ((ep[0].done || ep[1].done) && done_at < 0)
            done_at = g_samples;
        if (done_at >= 0 && g_samples - done_at > 10 * 8000)
            g_terminate = 1;
        if (g_terminate && !terminated) {
            terminated = 1;
            for (int i = 0; i < 2; i++)
                if (!ep[i].done)
                    t30_terminate(ep[i].t30);
        }
    }
    printf("DONE t=%lld\n", now_ms());
    for (int i = 0; i < 2; i++) {
        if (t38) {
            t38_terminal_release(ep[i].t38);
            t38_terminal_free(ep[i].t38);
        } else {
            fax_release(ep[i].fax);
            fax_free(ep[i].fax);
        }
        if (awgn_state[i])
            awgn_free(awgn_state[i]);
    }
    return 0;
}
