#include "induction_locale.h"

#include <locale.h>
#include <stdlib.h>

void induction_adopt_utf8_locale(void) {
  setlocale(LC_ALL, "");
  if (MB_CUR_MAX == 1) setlocale(LC_CTYPE, "C.UTF-8");
}
