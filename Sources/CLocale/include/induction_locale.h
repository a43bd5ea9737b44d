// The process locale for terminal input, and the display width of characters.
#ifndef INDUCTION_LOCALE_H
#define INDUCTION_LOCALE_H

/// Uses the user's locale, but always with UTF-8 character handling so names like Zoë edit correctly.
void induction_adopt_utf8_locale(void);

/// Terminal columns of one character in the calling thread's locale (glibc's wcwidth): 0 for
/// combining marks, 2 for East Asian wide characters and emoji, -1 for control characters.
int induction_wcwidth(unsigned int scalar);

#endif
