#include "readline_shim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>
#include <readline/readline.h>

// The words Tab offers at the current prompt, owned here (copies of the caller's).
static char **induction_completion_words = NULL;
static int induction_completion_count = 0;
static int induction_completion_quotes_spaces = 1;
// Where induction_completion_generator is in the words, between readline's calls to it.
static int induction_completion_index = 0;

void induction_set_completion_quotes_spaces(int on) {
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

void induction_set_completions(const char *const *words, int count) {
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
  if (state == 0) induction_completion_index = 0;
  while (induction_completion_index < induction_completion_count) {
    const char *word = induction_completion_words[induction_completion_index++];
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
  (void)start;
  (void)end;
  // Never fall back to readline's file-name completion.
  rl_attempted_completion_over = 1;
  return rl_completion_matches(text, induction_completion_generator);
}

static char *induction_no_entries(const char *text, int state) {
  (void)text;
  (void)state;
  return NULL;
}

void induction_rl_install_completion(void) {
  rl_attempted_completion_function = induction_attempted_completion;
  rl_completion_entry_function = induction_no_entries;
}
