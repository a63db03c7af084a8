/* rouge_tables.c - compiles the generated ROUGE data tables
 * (src/eval/data/rouge_tables.c, written by scripts/gen-rouge-data.py) into
 * the library (the build compiles only the .c files directly in src/eval). */
#include "eval/data/rouge_tables.c"
