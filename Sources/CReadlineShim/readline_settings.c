#include "readline_shim.h"

#include <stdio.h>
#include <readline/readline.h>

void induction_rl_configure(const char *name) {
  rl_readline_name = name;
  rl_catch_signals = 0;
  rl_catch_sigwinch = 1;
  rl_change_environment = 0;
  rl_inhibit_completion = 0;
  rl_completer_quote_characters = "\"'";
}

int induction_rl_input_fd(void) { return fileno(rl_instream ? rl_instream : stdin); }
