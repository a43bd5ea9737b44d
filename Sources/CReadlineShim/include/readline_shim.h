// Induction's bridge to GNU readline. Swift 6 refuses to touch C globals directly, so every readline
// global the terminal adapter needs is set through a function here. The state behind them (the
// finished line, the completion words, whether the terminal is prepared) is defined once, in this
// target's .c files, so every module that imports this header sees the same copy.
#ifndef INDUCTION_READLINE_SHIM_H
#define INDUCTION_READLINE_SHIM_H

// MARK: - Readline settings

/// Sets readline up for Induction: `name` for ~/.inputrc conditionals (kept, never freed), no
/// signal handlers of readline's own, and no changes to LINES and COLUMNS in the environment.
void induction_rl_configure(const char *name);

/// The file descriptor readline reads keys from.
int induction_rl_input_fd(void);

// MARK: - Line handler for the callback interface

/// Shows `prompt` and starts editing a line; feed keys with rl_callback_read_char().
void induction_rl_begin(const char *prompt);

/// Whether Enter or Ctrl-D has finished the line.
int induction_rl_line_is_ready(void);

/// Whether the finished line was end of input (Ctrl-D on an empty line).
int induction_rl_line_is_eof(void);

/// Takes ownership of the finished line; the caller must free() it.
char *induction_rl_take_line(void);

/// Abandons the line being edited (after Ctrl-C or an idle timeout) and restores the terminal.
void induction_rl_abandon(void);

// MARK: - Hidden input (the staff PIN)

/// Starts reading a line that is never drawn: the caller has written the prompt itself. Readline
/// keeps the terminal in its own mode throughout, so keys typed ahead are neither lost nor echoed.
void induction_rl_begin_hidden(void);

/// Draws lines normally again.
void induction_rl_end_hidden(void);

// MARK: - Terminal mode between prompts

/// Keeps the terminal in readline's mode (no echo) from the first prompt until the program exits,
/// instead of restoring it between prompts: keys a parent or staff member types ahead, such as a PIN
/// typed straight after the staff word, are then never echoed by the terminal itself.
void induction_rl_keep_terminal_prepared(void);

// MARK: - Kill ring

/// Readline has no call to empty its kill ring, so where one person follows another the commands that
/// paste from it (and from history) are unbound: nothing one parent erased can be yanked by the next.
void induction_rl_disable_yank(void);

// MARK: - Completion: only the words Induction offers, never file names

/// Whether a completion with a space is put in quotes (the admin command line, where "Year 1" must
/// stay one word) or inserted as it is (a parent's answer).
void induction_set_completion_quotes_spaces(int on);

/// Replaces the words offered by Tab with copies of `count` strings from `words`.
void induction_set_completions(const char *const *words, int count);

/// Makes Tab complete only the words set with induction_set_completions.
void induction_rl_install_completion(void);

// MARK: - History

/// Empties readline's history.
void induction_history_clear(void);

/// Adds a copy of `line` to readline's history.
void induction_history_add(const char *line);

#endif
