#include "readline_shim.h"

#include <stdio.h>
#include <readline/readline.h>

static void induction_redisplay_hidden(void) {}

void induction_rl_begin_hidden(void) {
  rl_redisplay_function = induction_redisplay_hidden;
  induction_rl_begin("");
}

void induction_rl_end_hidden(void) { rl_redisplay_function = rl_redisplay; }
