/* analyze.c - ng_analyze(): the analysis stage in order over one segmented
 * document: quotes, then the tagger, entity grouping (which also resolves
 * the quotes' speakers), the learned speaker ranker and tags; the scratch
 * space callers may keep
 * between documents; and the accessors of what the stage stores. */
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "analyze/speaker.h"

struct ng_analyze_work {
    ng_ner_work ner;
};

ng_analyze_work *ng_analyze_work_new(void)
{
    return calloc(1, sizeof(ng_analyze_work));
}

void ng_analyze_work_free(ng_analyze_work *work)
{
    if (!work) return;
    ng_ner_work_free(&work->ner);
    free(work);
}

void ng_analyze_options_init(ng_analyze_options *opts)
{
    if (!opts) return;
    memset(opts, 0, sizeof *opts);
    opts->max_tags = NG_DEFAULT_MAX_TAGS;
    opts->ner_passes = NG_DEFAULT_NER_PASSES;
}

/* The learned ranker over the rules' speakers, when a model is built in. */
static ng_status rank_speakers(ng_doc *doc, ng_error *err)
{
    const ng_speaker_model *sm = ng_speaker_model_default();
    if (sm && ng_rank_speakers(doc, sm) != NG_OK)
        return ng_fail(err, NG_E_NOMEM, 0, "analyze: out of memory ranking speakers");
    return NG_OK;
}

ng_status ng_analyze(ng_doc *doc, const ng_analyze_options *opts, ng_error *err)
{
    return ng_analyze_speakers(doc, opts, 0, err);
}

ng_status ng_analyze_speakers(ng_doc *doc, const ng_analyze_options *opts, int rule_speakers, ng_error *err)
{
    if (!doc) return ng_fail(err, NG_E_ARG, 0, "analyze: no document");
    const ng_ner_model *m = opts && opts->ner ? opts->ner : ng_ner_model_default();
    size_t max_tags = opts && opts->max_tags ? opts->max_tags : NG_DEFAULT_MAX_TAGS;
    int passes = opts && opts->ner_passes ? opts->ner_passes : NG_DEFAULT_NER_PASSES;
    if (passes < 1 || passes > 2) return ng_fail(err, NG_E_ARG, 0, "analyze: %d tagger passes (0 to 2)", passes);
    doc->entities.count = doc->mentions.count = doc->tags.count = 0;
    ng_status st = ng_analyze_quotes(doc, err);
    if (st != NG_OK) return st;
    ng_ner_input in;
    ng_analyze_work local = {{0}}, *work = opts && opts->work ? opts->work : &local;
    work->ner.passes = passes == 1;
    st = ng_ner_tag_doc(doc, m, &work->ner, &in, err);
    ng_ner_work_free(&local.ner);
    if (st == NG_OK) st = ng_group_entities(doc, &in, err);
    if (st == NG_OK && !rule_speakers) st = rank_speakers(doc, err);
    if (st == NG_OK) st = ng_find_tags(doc, max_tags, err);
    if (st == NG_OK) doc->entities_analyzed = 1;
    return st;
}

size_t ng_doc_entity_count(const ng_doc *doc)
{
    return doc ? doc->entities.count : 0;
}

ng_entity ng_doc_entity(const ng_doc *doc, size_t i)
{
    ng_entity none;
    memset(&none, 0, sizeof none);
    return doc && i < doc->entities.count ? doc->entities.items[i] : none;
}

size_t ng_doc_mention_count(const ng_doc *doc)
{
    return doc ? doc->mentions.count : 0;
}

ng_mention ng_doc_mention(const ng_doc *doc, size_t i)
{
    ng_mention none;
    memset(&none, 0, sizeof none);
    return doc && i < doc->mentions.count ? doc->mentions.items[i] : none;
}

size_t ng_doc_tag_count(const ng_doc *doc)
{
    return doc ? doc->tags.count : 0;
}

ng_tag ng_doc_tag(const ng_doc *doc, size_t i)
{
    ng_tag none;
    memset(&none, 0, sizeof none);
    return doc && i < doc->tags.count ? doc->tags.items[i] : none;
}
