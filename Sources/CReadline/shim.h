// Induction's bridge to GNU readline. Swift 6 refuses to touch C globals directly, so every readline
// global the terminal adapter needs is set through a static inline function here. The line handler,
// signal flags and completion list live here too, so no Swift global state is needed.
#ifndef INDUCTION_READLINE_SHIM_H
#define INDUCTION_READLINE_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <errno.h>
#include <sys/select.h>
#include <wchar.h>
#include <wctype.h>
#include <readline/readline.h>
#include <readline/history.h>

// Every mutable variable here is one per process. A `static` variable in a header gets a copy in
// each module whose code uses it, and a release build inlines Swift code across modules: the signal
// handler installed from the executable then counted Ctrl-C in one copy while the line reader, in
// InductionTerminal, read another, so Ctrl-C and SIGTERM did nothing. A weak definition is emitted
// wherever it is used and merged into one by the linker.
#define INDUCTION_ONE_PER_PROCESS __attribute__((weak))

// MARK: - Line handler for the callback interface

INDUCTION_ONE_PER_PROCESS char *induction_rl_line = NULL;
INDUCTION_ONE_PER_PROCESS int induction_rl_line_ready = 0;
INDUCTION_ONE_PER_PROCESS int induction_rl_line_eof = 0;

static void induction_rl_line_handler(char *line) {
  induction_rl_line_ready = 1;
  induction_rl_line_eof = (line == NULL);
  induction_rl_line = line;
  // Removing the handler inside the callback stops readline redisplaying the prompt.
  rl_callback_handler_remove();
}

static inline void induction_rl_begin(const char *prompt) {
  induction_rl_line = NULL;
  induction_rl_line_ready = 0;
  induction_rl_line_eof = 0;
  // The window may have been resized since the last prompt (while the program was writing).
  // Before readline's first prompt it has no input stream yet, and reads the size itself.
  if (rl_instream) rl_reset_screen_size();
  rl_callback_handler_install(prompt, induction_rl_line_handler);
}

static inline int induction_rl_line_is_ready(void) { return induction_rl_line_ready; }
static inline int induction_rl_line_is_eof(void) { return induction_rl_line_eof; }

/// Takes ownership of the finished line; the caller must free() it.
static inline char *induction_rl_take_line(void) {
  char *line = induction_rl_line;
  induction_rl_line = NULL;
  induction_rl_line_ready = 0;
  return line;
}

/// Abandons the line being edited (after Ctrl-C or an idle timeout) and restores the terminal.
static inline void induction_rl_abandon(void) {
  rl_free_line_state();
  rl_callback_sigcleanup();
  rl_cleanup_after_signal();
  rl_callback_handler_remove();
  induction_rl_line_ready = 0;
}

// MARK: - Hidden input (the staff PIN)

static void induction_redisplay_hidden(void) {}

/// Starts reading a line that is never drawn: the caller has written the prompt itself. Readline
/// keeps the terminal in its own mode throughout, so keys typed ahead are neither lost nor echoed.
static inline void induction_rl_begin_hidden(void) {
  rl_redisplay_function = induction_redisplay_hidden;
  induction_rl_begin("");
}

/// Draws lines normally again.
static inline void induction_rl_end_hidden(void) { rl_redisplay_function = rl_redisplay; }

// MARK: - Terminal mode between prompts

INDUCTION_ONE_PER_PROCESS int induction_terminal_prepared = 0;

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

/// Keeps the terminal in readline's mode (no echo) from the first prompt until the program exits,
/// instead of restoring it between prompts: keys a parent or staff member types ahead, such as a PIN
/// typed straight after the staff word, are then never echoed by the terminal itself.
static inline void induction_rl_keep_terminal_prepared(void) {
  rl_prep_term_function = induction_prep_once;
  rl_deprep_term_function = induction_keep_prepared;
  atexit(induction_restore_terminal);
}

// MARK: - Kill ring

/// Readline has no call to empty its kill ring, so where one person follows another the commands that
/// paste from it (and from history) are unbound: nothing one parent erased can be yanked by the next.
static inline void induction_rl_disable_yank(void) {
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

// MARK: - Signals

INDUCTION_ONE_PER_PROCESS volatile sig_atomic_t induction_sigint_count = 0;
INDUCTION_ONE_PER_PROCESS volatile sig_atomic_t induction_terminate_signal = 0;

static void induction_on_sigint(int sig) { (void)sig; induction_sigint_count++; }
static void induction_on_terminate(int sig) { induction_terminate_signal = sig; }

/// Installs Induction's handlers: SIGINT is noted (the flow asks "Start over?"), SIGTERM and SIGHUP are
/// noted (the session ends cleanly), SIGTSTP and SIGQUIT are ignored so a parent cannot suspend or dump.
/// No SA_RESTART, so a blocking select() returns EINTR and the reader sees the flag at once.
static inline void induction_install_signal_handlers(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sigemptyset(&sa.sa_mask);
  sa.sa_handler = induction_on_sigint;
  sigaction(SIGINT, &sa, NULL);
  sa.sa_handler = induction_on_terminate;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  signal(SIGTSTP, SIG_IGN);
  signal(SIGQUIT, SIG_IGN);
  signal(SIGTTOU, SIG_IGN);
  signal(SIGTTIN, SIG_IGN);
  // A full file-size limit must give SQLite an error to report, not kill a kiosk mid-signing.
  signal(SIGXFSZ, SIG_IGN);
  signal(SIGPIPE, SIG_IGN);
}

/// Returns how many SIGINTs arrived since the last call, and resets the count.
static inline int induction_take_sigint(void) {
  int n = induction_sigint_count;
  induction_sigint_count = 0;
  return n;
}

/// The terminating signal received (SIGTERM or SIGHUP), or 0.
static inline int induction_terminate_requested(void) { return induction_terminate_signal; }

// MARK: - Locale

#include <locale.h>

/// Uses the user's locale, but always with UTF-8 character handling so names like Zoë edit correctly.
static inline void induction_adopt_utf8_locale(void) {
  setlocale(LC_ALL, "");
  if (MB_CUR_MAX == 1) setlocale(LC_CTYPE, "C.UTF-8");
}

// MARK: - Display width

// glibc declares wcwidth only under _XOPEN_SOURCE, which Swift's Glibc module is not built with; the
// function is always in the library.
extern int wcwidth(wchar_t c);

/// Terminal columns of one character in the calling thread's locale (glibc's wcwidth): 0 for
/// combining marks, 2 for East Asian wide characters and emoji, -1 for control characters.
static inline int induction_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }

// MARK: - Readline settings

static inline void induction_rl_configure(const char *name) {
  rl_readline_name = name;
  rl_catch_signals = 0;
  rl_catch_sigwinch = 1;
  rl_change_environment = 0;
  rl_inhibit_completion = 0;
  rl_completer_quote_characters = "\"'";
}

static inline int induction_rl_input_fd(void) { return fileno(rl_instream ? rl_instream : stdin); }

static inline void induction_rl_set_instream(FILE *in) { rl_instream = in; }
static inline void induction_rl_set_outstream(FILE *out) { rl_outstream = out; }

// MARK: - Completion: only the words Induction offers, never file names

INDUCTION_ONE_PER_PROCESS char **induction_completion_words = NULL;
INDUCTION_ONE_PER_PROCESS int induction_completion_count = 0;
INDUCTION_ONE_PER_PROCESS int induction_completion_quotes_spaces = 1;

/// Whether a completion with a space is put in quotes (the admin command line, where "Year 1" must
/// stay one word) or inserted as it is (a parent's answer).
static inline void induction_set_completion_quotes_spaces(int on) {
  induction_completion_quotes_spaces = on;
  // A parent's answer is completed as a whole line ("Zerówka (Niebieska)"), not word by word; an
  // admin command line word by word. Set both ways: a staff prompt shown while the admin prompt was
  // opened left whole-line completion behind, and only the first word ever completed.
  static char whole_line[] = "\n";
  static char words[] = " \t\n\"\\'`@$><=;|&{(";
  rl_completer_word_break_characters = on ? words : whole_line;
}

/// Whether `word` starts with `text`, ignoring case letter by letter in the locale's encoding
/// (UTF-8), so that "ł" completes "Łabędzie" and "ŵ" completes "Ŵyn".
static int induction_starts_with_ignoring_case(const char *word, const char *text) {
  mbstate_t word_state, text_state;
  memset(&word_state, 0, sizeof word_state);
  memset(&text_state, 0, sizeof text_state);
  const char *w = word, *t = text;
  while (*t) {
    wchar_t tc, wc;
    size_t tn = mbrtowc(&tc, t, MB_CUR_MAX, &text_state);
    if (tn == (size_t)-1 || tn == (size_t)-2 || tn == 0) {
      return strncmp(word, text, strlen(text)) == 0;
    }
    size_t wn = mbrtowc(&wc, w, MB_CUR_MAX, &word_state);
    if (wn == (size_t)-1 || wn == (size_t)-2 || wn == 0) return 0;
    if (towlower((wint_t)wc) != towlower((wint_t)tc)) return 0;
    t += tn;
    w += wn;
  }
  return 1;
}

static inline void induction_set_completions(const char *const *words, int count) {
  for (int i = 0; i < induction_completion_count; i++) free(induction_completion_words[i]);
  free(induction_completion_words);
  induction_completion_words = NULL;
  induction_completion_count = 0;
  if (count <= 0) return;
  induction_completion_words = (char **)calloc((size_t)count, sizeof(char *));
  if (!induction_completion_words) return;
  for (int i = 0; i < count; i++) induction_completion_words[i] = strdup(words[i]);
  induction_completion_count = count;
}

static char *induction_completion_generator(const char *text, int state) {
  static int index;
  if (state == 0) { index = 0; }
  while (index < induction_completion_count) {
    const char *word = induction_completion_words[index++];
    if (!word || !induction_starts_with_ignoring_case(word, text)) continue;
    // A class name such as "Year 1" must stay one word on the admin command line.
    if (induction_completion_quotes_spaces && rl_completion_quote_character == 0
        && strchr(word, ' ')) {
      size_t size = strlen(word) + 3;
      char *quoted = (char *)malloc(size);
      if (quoted) snprintf(quoted, size, "\"%s\"", word);
      return quoted;
    }
    return strdup(word);
  }
  return NULL;
}

static char **induction_attempted_completion(const char *text, int start, int end) {
  (void)start; (void)end;
  // Never fall back to readline's file-name completion.
  rl_attempted_completion_over = 1;
  return rl_completion_matches(text, induction_completion_generator);
}

static char *induction_no_entries(const char *text, int state) { (void)text; (void)state; return NULL; }

static inline void induction_rl_install_completion(void) {
  rl_attempted_completion_function = induction_attempted_completion;
  rl_completion_entry_function = induction_no_entries;
}

// MARK: - History

static inline void induction_history_clear(void) { clear_history(); }
static inline void induction_history_add(const char *line) { add_history(line); }
static inline int induction_history_count(void) { return history_length; }

#endif
