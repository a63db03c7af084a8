/* lead.c - the Lead baseline: earlier sentences score higher. */
#include "summarize/methods.h"

ng_status ng_score_lead(ng_doc *doc, double *scores)
{
    for (size_t i = 0; i < doc->sentences.count; i++) scores[i] = 1.0 / (double)(i + 1);
    return NG_OK;
}
