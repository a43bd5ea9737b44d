#include "process_signals.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t induction_sigint_count = 0;
static volatile sig_atomic_t induction_terminate_signal = 0;

static void induction_on_sigint(int sig) {
  (void)sig;
  induction_sigint_count++;
}

static void induction_on_terminate(int sig) { induction_terminate_signal = sig; }

void induction_install_signal_handlers(void) {
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

int induction_take_sigint(void) {
  int n = induction_sigint_count;
  induction_sigint_count = 0;
  return n;
}

int induction_terminate_requested(void) { return induction_terminate_signal; }
