/* fuzz_charset.c - libFuzzer target for the charset decoder (read/charset.c),
 * a parser of outside input: the first byte picks a declared charset (none,
 * a Content-Type header's, or one from a list), the second whether the
 * bytes are HTML; the rest goes through ng_charset_decode, the <meta>
 * sniffer and the Content-Type parser.  Whatever comes out must be valid
 * UTF-8 of the length reported, the names lowercase and NUL-terminated. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/charset.h"
#include "text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_utf8(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t n = ng_utf8_seq_len((const unsigned char *)s + i, len - i);
        if (n == 0) abort();
        i += n;
    }
    if (s[len] != '\0') abort();
}

static void check_name(const char *s, size_t cap)
{
    size_t n = strnlen(s, cap);
    if (n == cap) abort();
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'A' && s[i] <= 'Z') abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const declared[] = {NULL, "iso-8859-1", "utf-8", "shift_jis", "koi8-r",
                                           "utf-16", "utf-16le", "iso-2022-jp", "euc-kr", "gb18030",
                                           "big5", "windows-1251", "x-nonsense", "UTF-7", ""};
    if (size < 2) return 0;
    const char *decl = declared[data[0] % (sizeof declared / sizeof declared[0])];
    int html = data[1] & 1;
    const char *bytes = (const char *)data + 2;
    size_t len = size - 2;
    char name[NG_CHARSET_NAME_MAX], used[NG_CHARSET_NAME_MAX];
    char *out = NULL;
    size_t out_len = 0;
    ng_error err;

    if (ng_charset_sniff_html(bytes, len, name, sizeof name)) check_name(name, sizeof name);
    /* the input as a Content-Type header value */
    char *ctype = malloc(len + 1);
    if (!ctype) return 0;
    memcpy(ctype, bytes, len);
    ctype[len] = '\0';
    if (ng_charset_from_content_type(ctype, name, sizeof name)) check_name(name, sizeof name);
    free(ctype);
    if (data[1] & 2) decl = name[0] ? name : NULL;

    if (ng_charset_decode(bytes, len, decl, html, &out, &out_len, used, &err) == NG_OK && out) {
        check_utf8(out, out_len);
        check_name(used, sizeof used);
    }
    free(out);
    return 0;
}
