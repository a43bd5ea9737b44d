#include "readline_shim.h"

#include <stdio.h>
#include <stdlib.h>
#include <readline/readline.h>

static int induction_terminal_prepared = 0;

static void induction_prep_once(int meta) {
  if (!induction_terminal_prepared) {
    rl_prep_terminal(meta);
    induction_terminal_prepared = 1;
  }
}

static void induction_keep_prepared(void) {}

static void induction_restore_terminal(void) {
  if (induction_terminal_prepared) {
    rl_deprep_terminal();
    induction_terminal_prepared = 0;
  }
}

void induction_rl_keep_terminal_prepared(void) {
  rl_prep_term_function = induction_prep_once;
  rl_deprep_term_function = induction_keep_prepared;
  atexit(induction_restore_terminal);
}
