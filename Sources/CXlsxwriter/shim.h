// Induction's bridge to libxlsxwriter (Debian's libxlsxwriter-dev, 1.1.x) and to zlib, which the
// workbook check uses to read a finished workbook back. Only InductionCore's xlsx writer imports it.
#ifndef INDUCTION_XLSXWRITER_SHIM_H
#define INDUCTION_XLSXWRITER_SHIM_H

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zlib.h>

/// Whether a constant-memory worksheet's row file lost data: libxlsxwriter writes rows to it with
/// stdio and never checks, so a full disk or a file-size limit would otherwise go unnoticed.
static inline int induction_xlsx_rows_lost(lxw_worksheet *worksheet) {
  FILE *file = worksheet->optimize_tmpfile;
  if (file == NULL) return 0;
  return fflush(file) != 0 || ferror(file) != 0;
}

/// inflateInit2 is a macro, which Swift cannot call: starts a raw deflate stream (as in a zip).
static inline int induction_inflate_init_raw(z_stream *stream) {
  return inflateInit2(stream, -MAX_WBITS);
}

/// How many times `</row>` occurs in `count` bytes (memmem is a GNU extension Swift does not see).
static inline size_t induction_count_row_ends(const unsigned char *bytes, size_t count) {
  static const char needle[] = "</row>";
  const size_t length = sizeof needle - 1;
  const unsigned char *at = bytes, *end = bytes + count;
  size_t found = 0;
  while ((size_t)(end - at) >= length) {
    const unsigned char *hit = memchr(at, '<', (size_t)(end - at) - length + 1);
    if (hit == NULL) break;
    if (memcmp(hit, needle, length) == 0) {
      found++;
      at = hit + length;
    } else {
      at = hit + 1;
    }
  }
  return found;
}

#endif
