/* eval_report.c - writes the HTML report of `nutgraf eval`: one page with
 * inline CSS and inline SVG (no scripts, no external requests) holding the
 * score table, per-article ROUGE-1 scatters against Lead-3 and mean ROUGE-1
 * by article length. */
#include <string.h>

#include "cli/eval_report.h"

static const char *const palette[] = {"#555555", "#1f77b4", "#d62728", "#2ca02c",
                                      "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"};
#define PALETTE_N (sizeof palette / sizeof palette[0])

/* Article length buckets, in words: [lo, hi). */
static const size_t bucket_lo[] = {0, 300, 500, 800, 1200};
static const char *const bucket_name[] = {"<300", "300-500", "500-800", "800-1200", ">1200"};
#define NBUCKETS (sizeof bucket_lo / sizeof bucket_lo[0])

static void esc(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}

static size_t bucket_of(size_t words)
{
    size_t b = 0;
    while (b + 1 < NBUCKETS && words >= bucket_lo[b + 1]) b++;
    return b;
}

static void write_table(FILE *f, const ng_eval *ev, const ng_eval_result *res)
{
    static const char *const mname[] = {"ROUGE-1", "ROUGE-2", "ROUGE-L"};
    fputs("<table>\n<tr><th>method</th>", f);
    for (size_t m = 0; m < NG_EVAL_METRICS; m++) fprintf(f, "<th>%s F1 [95%% CI]</th>", mname[m]);
    fputs("<th>words</th><th>&Delta;R-1 vs lead3</th><th>p</th></tr>\n", f);
    for (size_t s = 0; s < ng_eval_system_count(ev); s++) {
        const ng_eval_result *r = &res[s];
        fprintf(f, "<tr><td><span class=\"sw\" style=\"background:%s\"></span>", palette[s % PALETTE_N]);
        esc(f, ng_eval_system_name(ev, s));
        fputs("</td>", f);
        for (size_t m = 0; m < NG_EVAL_METRICS; m++)
            fprintf(f, "<td>%.2f <small>[%.2f&ndash;%.2f]</small></td>", 100 * r->f[m],
                    100 * r->low[m], 100 * r->high[m]);
        fprintf(f, "<td>%.1f</td>", r->mean_words);
        if (s == 0)
            fputs("<td>&ndash;</td><td>&ndash;</td>", f);
        else
            fprintf(f, "<td>%+.2f <small>[%+.2f, %+.2f]</small></td><td>%.3f</td>", 100 * r->diff[0],
                    100 * r->diff_low[0], 100 * r->diff_high[0], r->p[0]);
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
}

/* One scatter: x = Lead-3's ROUGE-1, y = system s's. */
static void write_scatter(FILE *f, const ng_eval *ev, size_t s)
{
    const double size = 320, pad = 40, plot = size - 2 * pad;
    size_t n = ng_eval_doc_count(ev), above = 0, below = 0;
    for (size_t d = 0; d < n; d++) {
        double x = ng_eval_doc_f(ev, 0, d, 0), y = ng_eval_doc_f(ev, s, d, 0);
        above += y > x;
        below += y < x;
    }
    fputs("<figure><figcaption>", f);
    esc(f, ng_eval_system_name(ev, s));
    fprintf(f, " vs lead3, per-article ROUGE-1 F1 (%zu better, %zu worse, %zu tied)</figcaption>\n",
            above, below, n - above - below);
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
               "viewBox=\"0 0 %.0f %.0f\" role=\"img\">\n", size, size, size, size);
    fprintf(f, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" class=\"frame\"/>\n", pad, pad,
            plot, plot);
    for (int t = 0; t <= 10; t += 2) {
        double v = t / 10.0, px = pad + v * plot, py = pad + (1 - v) * plot;
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"middle\">%.1f</text>", px,
                size - pad + 14, v);
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%.1f</text>\n", pad - 4,
                py + 4, v);
    }
    fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" class=\"diag\"/>\n", pad, pad + plot,
            pad + plot, pad);
    fprintf(f, "<g fill=\"%s\" fill-opacity=\"0.45\">\n", palette[s % PALETTE_N]);
    for (size_t d = 0; d < n; d++) {
        double x = ng_eval_doc_f(ev, 0, d, 0), y = ng_eval_doc_f(ev, s, d, 0);
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\"/>", pad + x * plot, pad + (1 - y) * plot);
        if (d % 8 == 7) fputc('\n', f);
    }
    fputs("</g>\n", f);
    fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" class=\"lab\" text-anchor=\"middle\">lead3 ROUGE-1</text>\n",
            pad + plot / 2, size - 6);
    fprintf(f, "<text x=\"12\" y=\"%.0f\" class=\"lab\" text-anchor=\"middle\" "
               "transform=\"rotate(-90 12 %.0f)\">", pad + plot / 2, pad + plot / 2);
    esc(f, ng_eval_system_name(ev, s));
    fputs(" ROUGE-1</text>\n</svg></figure>\n", f);
}

static void write_buckets(FILE *f, const ng_eval *ev)
{
    size_t nsys = ng_eval_system_count(ev), n = ng_eval_doc_count(ev);
    size_t count[NBUCKETS] = {0};
    for (size_t d = 0; d < n; d++) count[bucket_of(ng_eval_doc_article_words(ev, d))]++;
    const double w = 640, h = 300, padl = 44, padb = 46, padt = 14;
    const double plot_h = h - padb - padt, group = (w - padl - 10) / NBUCKETS;
    const double bar = (group - 16) / (double)(nsys ? nsys : 1);
    double top = 0;
    for (size_t s = 0; s < nsys; s++)
        for (size_t b = 0; b < NBUCKETS; b++) {
            double sum = 0;
            for (size_t d = 0; d < n; d++)
                if (bucket_of(ng_eval_doc_article_words(ev, d)) == b) sum += ng_eval_doc_f(ev, s, d, 0);
            if (count[b] && sum / (double)count[b] > top) top = sum / (double)count[b];
        }
    double ymax = 0.1;
    while (ymax < top && ymax < 1) ymax += 0.1;
    fputs("<figure><figcaption>Mean ROUGE-1 F1 by article length (words)</figcaption>\n", f);
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
               "viewBox=\"0 0 %.0f %.0f\" role=\"img\">\n", w, h, w, h);
    for (int t = 0; t <= 4; t++) {
        double v = ymax * t / 4, y = padt + plot_h * (1 - v / ymax);
        fprintf(f, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" class=\"grid\"/>"
                   "<text x=\"%.0f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%.2f</text>\n",
                padl, y, w - 10, y, padl - 4, y + 4, v);
    }
    for (size_t b = 0; b < NBUCKETS; b++) {
        double gx = padl + group * (double)b + 8;
        for (size_t s = 0; s < nsys && count[b]; s++) {
            double sum = 0;
            for (size_t d = 0; d < n; d++)
                if (bucket_of(ng_eval_doc_article_words(ev, d)) == b) sum += ng_eval_doc_f(ev, s, d, 0);
            double mean = sum / (double)count[b], bh = plot_h * mean / ymax;
            fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>",
                    gx + bar * (double)s, padt + plot_h - bh, bar - 2, bh, palette[s % PALETTE_N]);
            esc(f, ng_eval_system_name(ev, s));
            fprintf(f, " %s: %.2f (n=%zu)</title></rect>\n", bucket_name[b], 100 * mean, count[b]);
        }
        fprintf(f, "<text x=\"%.1f\" y=\"%.0f\" class=\"tick\" text-anchor=\"middle\">",
                gx + (group - 16) / 2, h - padb + 16);
        esc(f, bucket_name[b]);
        fprintf(f, "</text><text x=\"%.1f\" y=\"%.0f\" class=\"tick\" text-anchor=\"middle\">n=%zu</text>\n",
                gx + (group - 16) / 2, h - padb + 30, count[b]);
    }
    fputs("</svg>\n<p class=\"legend\">", f);
    for (size_t s = 0; s < nsys; s++) {
        fprintf(f, "<span class=\"sw\" style=\"background:%s\"></span>", palette[s % PALETTE_N]);
        esc(f, ng_eval_system_name(ev, s));
        fputs(" &nbsp; ", f);
    }
    fputs("</p></figure>\n", f);
}

int ng_eval_write_report(FILE *f, const ng_eval *ev, const ng_eval_result *res,
                         const ng_eval_report_info *info)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>nutgraf eval: ", f);
    esc(f, info->input);
    fputs("</title>\n<style>\n"
          "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}\n"
          "table{border-collapse:collapse;margin:1em 0}th,td{padding:.3em .7em;border-bottom:1px solid #ddd;"
          "text-align:right}th:first-child,td:first-child{text-align:left}\n"
          "small{color:#777}.sw{display:inline-block;width:.8em;height:.8em;margin-right:.4em;border-radius:2px}\n"
          "figure{display:inline-block;margin:1em 1.5em 1em 0;vertical-align:top}figcaption{font-weight:600}\n"
          "svg .frame{fill:none;stroke:#999}svg .diag{stroke:#444;stroke-dasharray:4 3}"
          "svg .grid{stroke:#e4e4e4}svg text{font:11px system-ui,sans-serif;fill:#444}svg .lab{font-size:12px}\n"
          "</style></head><body>\n<h1>nutgraf eval</h1>\n<p>", f);
    fprintf(f, "%zu articles from <code>", ng_eval_doc_count(ev));
    esc(f, info->input);
    fprintf(f, "</code>; %zu records could not be scored. lead and textrank use k=%d, learned its "
               "model's choice unless -k was given", info->errors, info->k);
    if (info->max_words) fprintf(f, " and a budget of %d words", info->max_words);
    fputs(". ROUGE-1.5.5 options <code>-c 95 -m -r 1000 -n 2 -a</code>, F1 &times; 100. "
          "&Delta;R-1 is the mean per-article difference from lead3 with its paired-bootstrap 95% interval; "
          "p is the one-sided paired-bootstrap p-value (share of 1000 resamples where the difference is "
          "&le; 0).</p>\n", f);
    write_table(f, ev, res);
    fprintf(f, "<p>Throughput: %.1f articles/s reading and summarizing (all methods), %.1f articles/s "
               "scoring.</p>\n", info->read_summarize_rate, info->score_rate);
    fputs("<h2>Per-article ROUGE-1 against lead3</h2>\n", f);
    if (ng_eval_system_count(ev) < 2) fputs("<p>Only lead3 was run.</p>\n", f);
    for (size_t s = 1; s < ng_eval_system_count(ev); s++) write_scatter(f, ev, s);
    fputs("<h2>By article length</h2>\n", f);
    write_buckets(f, ev);
    fputs("</body></html>\n", f);
    return ferror(f) ? -1 : 0;
}
