// Induction's signal handling for parent and kiosk sessions (and for SQLite writing under them).
// The flags the handlers set are defined once, in process_signals.c, and read only through these
// functions, so the handler installed by the executable and the line reader in InductionTerminal
// always share one copy.
#ifndef INDUCTION_PROCESS_SIGNALS_H
#define INDUCTION_PROCESS_SIGNALS_H

/// Installs Induction's handlers: SIGINT is noted (the flow asks "Start over?"), SIGTERM and SIGHUP are
/// noted (the session ends cleanly), SIGTSTP and SIGQUIT are ignored so a parent cannot suspend or dump.
/// No SA_RESTART, so a blocking select() returns EINTR and the reader sees the flag at once.
void induction_install_signal_handlers(void);

/// Returns how many SIGINTs arrived since the last call, and resets the count.
int induction_take_sigint(void);

/// The terminating signal received (SIGTERM or SIGHUP), or 0.
int induction_terminate_requested(void);

#endif
