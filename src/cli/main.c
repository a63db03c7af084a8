/* main.c - the nutgraf command: dispatches to one subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const ng_command commands[] = {
    {"summarize", "print the highlights of an article (or of each JSONL record)", ng_cmd_summarize},
    {"rouge", "score system summaries against references (ROUGE-1.5.5 or rouge-score)", ng_cmd_rouge},
    {"train", "train the learned highlight model (needs libxgboost)", ng_cmd_train},
    {"serve", "run the HTTP service and web page (JSON API under /v1)", ng_cmd_serve},
    {"eval", "score summarizer methods against reference highlights (ROUGE, vs Lead-3)", ng_cmd_eval},
    {"train-ner", "train the named-entity tagger on CoNLL-2003 files", ng_cmd_train_ner},
    {"eval-ner", "score the named-entity tagger on a CoNLL-2003 file (conlleval-style)", ng_cmd_eval_ner},
    {"ner-clusters", "learn word clusters for the entity tagger from JSON Lines articles", ng_cmd_ner_clusters},
    {"ner-lexicon", "gather names for the entity tagger from Debian's word lists", ng_cmd_ner_lexicon},
    {"quote-cues", "build the quote finder's verbs of saying from WordNet and PolNeAR", ng_cmd_quote_cues},
    {"analyze", "print an article's quotes (direct and reported) with their speakers, its named entities and topic tags", ng_cmd_analyze},
    {"index", "store analysed stories in an archive (SQLite) for search and related", ng_cmd_index},
    {"search", "full-text search of an archive (phrases, entity:, tag:, date ranges)", ng_cmd_search},
    {"related", "the stored stories most related to a stored story or an article", ng_cmd_related},
    {"dups", "groups of near-duplicate stories in an archive (MinHash, Jaccard)", ng_cmd_dups},
    {"extract", "print the article of a web page: metadata and body (text, Markdown, JSON)", ng_cmd_extract},
};

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: nutgraf COMMAND [OPTIONS] [ARGS]\n"
            "\n"
            "nutgraf reads news articles (web-page text, HTML, CNN/DailyMail .story files\n"
            "or JSON Lines records), finds their parts and writes story highlights.\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "Run 'nutgraf COMMAND --help' for a command's options; 'man nutgraf' for more.\n"
            "Options: --help, --version.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return NG_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return NG_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("nutgraf %s\n", NG_VERSION);
        return NG_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "nutgraf: unknown command '%s' (see 'nutgraf --help')\n", argv[1]);
    return NG_EXIT_USAGE;
}
