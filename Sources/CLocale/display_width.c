// glibc declares wcwidth only under _XOPEN_SOURCE.
#define _XOPEN_SOURCE 700

#include "induction_locale.h"

#include <wchar.h>

int induction_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }
