#include "readline_shim.h"

#include <stdio.h>
#include <readline/readline.h>

void induction_rl_disable_yank(void) {
  Keymap map = rl_get_keymap();
  rl_unbind_function_in_map(rl_yank, map);
  rl_unbind_function_in_map(rl_yank_pop, map);
  rl_unbind_function_in_map(rl_yank_nth_arg, map);
  rl_unbind_function_in_map(rl_yank_last_arg, map);
  Keymap meta = rl_get_keymap_by_name("emacs-meta");
  if (meta) {
    rl_unbind_function_in_map(rl_yank_pop, meta);
    rl_unbind_function_in_map(rl_yank_nth_arg, meta);
    rl_unbind_function_in_map(rl_yank_last_arg, meta);
  }
}
