#include "readline_shim.h"

#include <stddef.h>
#include <stdio.h>
#include <readline/readline.h>

// The line the callback interface finished, until the reader takes it.
static char *induction_rl_line = NULL;
static int induction_rl_line_ready = 0;
static int induction_rl_line_eof = 0;

static void induction_rl_line_handler(char *line) {
  induction_rl_line_ready = 1;
  induction_rl_line_eof = (line == NULL);
  induction_rl_line = line;
  // Removing the handler inside the callback stops readline redisplaying the prompt.
  rl_callback_handler_remove();
}

void induction_rl_begin(const char *prompt) {
  induction_rl_line = NULL;
  induction_rl_line_ready = 0;
  induction_rl_line_eof = 0;
  // The window may have been resized since the last prompt (while the program was writing).
  // Before readline's first prompt it has no input stream yet, and reads the size itself.
  if (rl_instream) rl_reset_screen_size();
  rl_callback_handler_install(prompt, induction_rl_line_handler);
}

int induction_rl_line_is_ready(void) { return induction_rl_line_ready; }

int induction_rl_line_is_eof(void) { return induction_rl_line_eof; }

char *induction_rl_take_line(void) {
  char *line = induction_rl_line;
  induction_rl_line = NULL;
  induction_rl_line_ready = 0;
  return line;
}

void induction_rl_abandon(void) {
  rl_free_line_state();
  rl_callback_sigcleanup();
  rl_cleanup_after_signal();
  rl_callback_handler_remove();
  induction_rl_line_ready = 0;
}
