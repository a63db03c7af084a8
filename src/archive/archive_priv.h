/* archive_priv.h - the archive handle itself, shared by archive.c,
 * related.c and dups.c (not by the back ends, which only see the
 * ng_arch_backend interface). */
#ifndef NG_ARCHIVE_PRIV_H
#define NG_ARCHIVE_PRIV_H

#include "archive/archive_int.h"

struct sb_stemmer;

struct ng_archive {
    const ng_arch_backend *vt;
    void *be;
    struct sb_stemmer *stemmer; /* porter, as FTS5 stems; made on first use */
    ng_related_weights related;
    double search_w[6];
};

void ng_arch_stemmer_free(ng_archive *a);

/* Makes results from candidates (taking them over) with the given scores
 * (NULL: -bm25). */
ng_status ng_arch_results_make(ng_arch_cands *c, const double *score, ng_archive_results **out,
                               ng_error *err);

#endif
