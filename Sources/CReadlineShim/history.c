#include "readline_shim.h"

#include <stdio.h>
#include <readline/history.h>

void induction_history_clear(void) { clear_history(); }

void induction_history_add(const char *line) { add_history(line); }
