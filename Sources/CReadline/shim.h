// GNU readline's own headers, for the Swift code that calls readline directly
// (rl_variable_bind, rl_callback_read_char, rl_forced_update_display). Induction's own C around
// readline is in CReadlineShim; this header declares nothing of its own.
#ifndef INDUCTION_CREADLINE_SHIM_H
#define INDUCTION_CREADLINE_SHIM_H

// readline.h uses FILE without including <stdio.h> itself.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

#endif
