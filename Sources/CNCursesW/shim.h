#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D flags, so the wide API is switched on here.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// glibc declares wcwidth only under _XOPEN_SOURCE, and wchar.h comes from Swift's
// Glibc module, where the macros above have no effect.
extern int wcwidth(wchar_t c);

// ---------------------------------------------------------------------------
// What Swift cannot import: macros with arguments or casts, and the globals
// that Swift 6 rejects as shared mutable state.

static inline WINDOW *cr_stdscr(void) { return stdscr; }
static inline int cr_lines(void) { return LINES; }
static inline int cr_cols(void) { return COLS; }
static inline int cr_colors(void) { return COLORS; }
static inline int cr_color_pairs(void) { return COLOR_PAIRS; }
static inline int cr_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int cr_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }

static inline attr_t cr_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t cr_A_BOLD(void) { return A_BOLD; }
static inline attr_t cr_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t cr_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t cr_A_DIM(void) { return A_DIM; }
static inline attr_t cr_COLOR_PAIR(int n) { return (attr_t)COLOR_PAIR(n); }

static inline int cr_KEY_F(int n) { return KEY_F(n); }

static inline mmask_t cr_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED; }
static inline mmask_t cr_BUTTON1_CLICKED(void) { return BUTTON1_CLICKED; }
static inline mmask_t cr_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
static inline mmask_t cr_BUTTON5_PRESSED(void) { return BUTTON5_PRESSED; }

// newterm wants the C streams, which Swift 6 rejects as shared mutable state.
static inline SCREEN *cr_newterm(void) { return newterm(NULL, stdout, stdin); }

// The terminal's size from the kernel (ioctl is variadic, so Swift cannot call it);
// used after a resume, when a SIGWINCH may have gone to the shell instead of us.
static inline int cr_terminal_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

// ---------------------------------------------------------------------------
// Restoring the terminal on every way out, from signal handlers.
//
// A signal handler may only make async-signal-safe calls (write, tcsetattr,
// sigaction, raise, _exit), so everything it needs is prepared beforehand: the
// termios found at start, the escape strings that leave the alternate screen and
// show the cursor again, the previous signal actions. That is kept in the one
// block below, the only global mutable state of CursesUI: a signal handler has
// nowhere else to find it.
//
// The accessor is a weak function, not `static inline`: Swift emits a private copy
// of every static inline function (and its static variables) into each Swift file
// that calls it, which would give each file its own state. A weak definition is
// merged by the linker into one.

#define CR_SEQ 256
#define CR_NSIG 65

struct cr_seq { char bytes[CR_SEQ]; int len; };

struct cr_terminal_state {
    volatile sig_atomic_t armed;          // a session owns the terminal
    volatile sig_atomic_t on_screen;      // curses modes are in effect
    volatile sig_atomic_t resumed;        // set on SIGCONT: the run loop repaints
    volatile sig_atomic_t mouse_reporting;
    volatile sig_atomic_t cursor_visible;
    int fd;                               // the terminal (stdout)
    int have_shell_modes, have_program_modes;
    struct termios shell_modes;           // as found at start; restored on the way out
    struct termios program_modes;         // as curses set them; re-applied on resume
    struct cr_seq leave;                  // sgr0 op rmkx cnorm clear rmcup
    struct cr_seq enter;                  // smcup smkx
    struct cr_seq mouse_off, mouse_on, cursor_show, cursor_hide;
    int held_stderr;                      // file that collects stderr while the screen is up, or -1
    int saved_stderr;                     // the real stderr meanwhile, or -1
    int atexit_registered;
    int crash_to_previous;                // SWIFT_BACKTRACE was set: crashes go on to the backtracer
    int installed[CR_NSIG];
    struct sigaction previous[CR_NSIG];
    char altstack[65536];                 // so a stack overflow can still restore
};

__attribute__((weak)) struct cr_terminal_state *cr_state(void) {
    static struct cr_terminal_state s = { .fd = -1, .held_stderr = -1, .saved_stderr = -1 };
    return &s;
}

static inline void cr_write_all(int fd, const char *p, int n) {
    while (n > 0) {
        ssize_t w = write(fd, p, (size_t)n);
        if (w < 0) { if (errno == EINTR) continue; return; }
        p += w;
        n -= (int)w;
    }
}

static inline void cr_seq_put(struct cr_seq *q, const char *s) {
    // tigetstr answers NULL (absent) or (char *)-1 (not a string capability).
    if (s == NULL || s == (char *)-1) return;
    // Padding ($<2>, $<50/>: vt100's sgr0 and clear) is a delay for tputs, not
    // bytes for the terminal, which would show it as text.
    char bytes[CR_SEQ];
    int n = 0;
    for (const char *p = s; *p; p++) {
        if (p[0] == '$' && p[1] == '<') {
            const char *e = p + 2;
            while ((*e >= '0' && *e <= '9') || *e == '.' || *e == '*' || *e == '/') e++;
            if (*e == '>') { p = e; continue; }
        }
        if (n + 1 >= CR_SEQ) return;
        bytes[n++] = *p;
    }
    if (q->len + n >= CR_SEQ) return;
    memcpy(q->bytes + q->len, bytes, (size_t)n);
    q->len += n;
}

static inline void cr_seq_cap(struct cr_seq *q, const char *cap) {
    cr_seq_put(q, tigetstr(cap));
}

/// Moves stderr into a temporary file while the screen is up, so that a stray
/// message (or Swift's "Fatal error" line before a crash) neither scribbles over
/// the screen nor vanishes with the alternate screen; it is replayed on the way out.
static inline void cr_hold_stderr(void) {
    struct cr_terminal_state *s = cr_state();
    if (s->held_stderr >= 0 || !isatty(2)) return;
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/crossroads-stderr-XXXXXX", (dir && *dir) ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) return;
    unlink(path);
    int saved = dup(2);
    if (saved < 0 || dup2(fd, 2) < 0) { close(fd); if (saved >= 0) close(saved); return; }
    s->held_stderr = fd;
    s->saved_stderr = saved;
}

/// Puts the real stderr back and replays what was written meanwhile. Async-signal-safe.
static inline void cr_release_stderr(void) {
    struct cr_terminal_state *s = cr_state();
    if (s->held_stderr < 0) return;
    int held = s->held_stderr;
    s->held_stderr = -1;
    dup2(s->saved_stderr, 2);
    close(s->saved_stderr);
    s->saved_stderr = -1;
    char buf[4096];
    if (lseek(held, 0, SEEK_SET) == 0) {
        ssize_t n;
        while ((n = read(held, buf, sizeof buf)) > 0) cr_write_all(2, buf, (int)n);
    }
    close(held);
}

/// Leaves curses modes with raw writes and tcsetattr. Async-signal-safe.
static inline void cr_leave_screen(void) {
    struct cr_terminal_state *s = cr_state();
    if (!s->on_screen) return;
    s->on_screen = 0;
    if (s->mouse_reporting) cr_write_all(s->fd, s->mouse_off.bytes, s->mouse_off.len);
    cr_write_all(s->fd, s->leave.bytes, s->leave.len);
    if (s->have_shell_modes) tcsetattr(s->fd, TCSADRAIN, &s->shell_modes);
}

/// Re-enters curses modes after a suspend. Async-signal-safe.
static inline void cr_enter_screen(void) {
    struct cr_terminal_state *s = cr_state();
    if (s->on_screen) return;
    if (s->have_program_modes) tcsetattr(s->fd, TCSADRAIN, &s->program_modes);
    cr_write_all(s->fd, s->enter.bytes, s->enter.len);
    if (s->mouse_reporting) cr_write_all(s->fd, s->mouse_on.bytes, s->mouse_on.len);
    if (s->cursor_visible) cr_write_all(s->fd, s->cursor_show.bytes, s->cursor_show.len);
    else cr_write_all(s->fd, s->cursor_hide.bytes, s->cursor_hide.len);
    s->on_screen = 1;
}

// ^C, SIGTERM, SIGHUP: restore and exit 128+n. Exiting (rather than dying by the
// signal) lets a calling shell script carry on and read the status.
static inline void cr_on_quit_signal(int sig) {
    cr_leave_screen();
    cr_release_stderr();
    _exit(128 + sig);
}

// ^Z: restore, stop with the default action, and on SIGCONT take the screen back;
// the run loop sees `resumed` and repaints everything.
static inline void cr_on_suspend(int sig) {
    int saved_errno = errno;
    struct cr_terminal_state *s = cr_state();
    int was_on_screen = s->on_screen;
    cr_leave_screen();
    struct sigaction dfl, mine;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, &mine);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);                            // stops here until SIGCONT
    sigprocmask(SIG_BLOCK, &set, NULL);
    sigaction(sig, &mine, NULL);
    if (was_on_screen && s->armed) cr_enter_screen();
    s->resumed = 1;
    errno = saved_errno;
}

// SIGCONT after a stop we did not see (kill -STOP): the shell may have drawn over us.
static inline void cr_on_continue(int sig) {
    (void)sig;
    cr_state()->resumed = 1;
}

// A crash: restore, then die by the signal's default action, so the shell still
// reports a crash (128 + the signal: 132 for Swift's trap on x86-64, 133 on arm64)
// and stderr keeps just the runtime's one "Fatal error" line. Swift's backtracer,
// which had the signal before us, would print a screenful of backtrace to the
// terminal and then wait 30 seconds for a key; it only gets the crash when the
// user asked for it by setting SWIFT_BACKTRACE.
static inline void cr_on_crash(int sig, siginfo_t *info, void *context) {
    (void)context;
    struct cr_terminal_state *s = cr_state();
    cr_leave_screen();
    cr_release_stderr();
    struct sigaction prev = s->previous[sig];
    if (prev.sa_handler == SIG_IGN || !s->crash_to_previous) {
        memset(&prev, 0, sizeof prev);
        prev.sa_handler = SIG_DFL;
        sigemptyset(&prev.sa_mask);
    }
    sigaction(sig, &prev, NULL);
    // A fault raised by the kernel happens again when the handler returns; a
    // signal sent by raise/abort/kill (or a trap, whose PC has moved on) is resent.
    int kernel_fault = info != NULL && info->si_code > 0 && sig != SIGTRAP && sig != SIGABRT && sig != SIGQUIT;
    if (!kernel_fault) raise(sig);
}

static inline void cr_install(int sig, void (*handler)(int), void (*action)(int, siginfo_t *, void *)) {
    struct cr_terminal_state *s = cr_state();
    struct sigaction old;
    if (sigaction(sig, NULL, &old) != 0) return;
    // A signal ignored by whoever started us (nohup, a background job) stays ignored.
    if (handler != NULL && old.sa_handler == SIG_IGN) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigfillset(&sa.sa_mask);
    if (action != NULL) { sa.sa_sigaction = action; sa.sa_flags = SA_SIGINFO | SA_ONSTACK; }
    else { sa.sa_handler = handler; sa.sa_flags = SA_RESTART; }
    if (sigaction(sig, &sa, NULL) != 0) return;
    s->previous[sig] = old;
    s->installed[sig] = 1;
}

static inline void cr_atexit(void) {
    cr_leave_screen();
    cr_release_stderr();
}

/// Saves the shell's termios and installs the handlers. Called before newterm so
/// that ncurses, which only catches signals still at their default, leaves ^C,
/// SIGTERM and ^Z to us (it keeps SIGWINCH, which turns into KEY_RESIZE).
static inline int cr_arm(int fd) {
    struct cr_terminal_state *s = cr_state();
    if (s->armed) return -1;
    s->fd = fd;
    s->have_shell_modes = tcgetattr(fd, &s->shell_modes) == 0;
    s->have_program_modes = 0;
    s->on_screen = 0;
    s->resumed = 0;
    s->mouse_reporting = 0;
    s->cursor_visible = 0;
    s->crash_to_previous = getenv("SWIFT_BACKTRACE") != NULL;
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        stack_t alt = { .ss_sp = s->altstack, .ss_size = sizeof s->altstack, .ss_flags = 0 };
        sigaltstack(&alt, NULL);
    }
    cr_install(SIGINT, cr_on_quit_signal, NULL);
    cr_install(SIGTERM, cr_on_quit_signal, NULL);
    cr_install(SIGHUP, cr_on_quit_signal, NULL);
    cr_install(SIGTSTP, cr_on_suspend, NULL);
    cr_install(SIGCONT, cr_on_continue, NULL);
    int crashes[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGQUIT };
    for (unsigned i = 0; i < sizeof crashes / sizeof crashes[0]; i++) cr_install(crashes[i], NULL, cr_on_crash);
    if (!s->atexit_registered) { atexit(cr_atexit); s->atexit_registered = 1; }
    s->armed = 1;
    return 0;
}

/// Records what leaving and re-entering the screen takes, once the terminal
/// description is loaded (after newterm), and the termios curses set up.
static inline void cr_screen_ready(void) {
    struct cr_terminal_state *s = cr_state();
    memset(&s->leave, 0, sizeof s->leave);
    memset(&s->enter, 0, sizeof s->enter);
    memset(&s->mouse_on, 0, sizeof s->mouse_on);
    memset(&s->mouse_off, 0, sizeof s->mouse_off);
    memset(&s->cursor_show, 0, sizeof s->cursor_show);
    memset(&s->cursor_hide, 0, sizeof s->cursor_hide);
    cr_seq_cap(&s->leave, "sgr0");
    cr_seq_cap(&s->leave, "op");
    cr_seq_cap(&s->leave, "rmkx");
    cr_seq_cap(&s->leave, "cnorm");
    // The screen is cleared before it is left. tmux, leaving the alternate
    // screen after the window grew, shrinks it to the old size around the cursor
    // and keeps those rows on the shell's screen (a browser started in a small
    // pane, then enlarged, would leave its last rows behind); a terminal with no
    // alternate screen would keep the whole browser under the shell's prompt.
    cr_seq_cap(&s->leave, "clear");
    cr_seq_cap(&s->leave, "rmcup");
    cr_seq_cap(&s->enter, "smcup");
    cr_seq_cap(&s->enter, "smkx");
    cr_seq_cap(&s->cursor_show, "cnorm");
    cr_seq_cap(&s->cursor_hide, "civis");
    // ncurses switches xterm mouse reporting with the XM capability when the
    // terminal description has one, else with DEC mode 1000.
    const char *xm = tigetstr("XM");
    if (xm != NULL && xm != (char *)-1) {
        cr_seq_put(&s->mouse_on, tiparm(xm, 1));
        cr_seq_put(&s->mouse_off, tiparm(xm, 0));
    } else {
        cr_seq_put(&s->mouse_on, "\033[?1000h");
        cr_seq_put(&s->mouse_off, "\033[?1000l");
    }
    s->have_program_modes = tcgetattr(s->fd, &s->program_modes) == 0;
    s->on_screen = 1;
}

static inline void cr_note_mouse(int on) { cr_state()->mouse_reporting = on; }
static inline void cr_note_cursor(int visible) { cr_state()->cursor_visible = visible; }

/// True once after a SIGCONT.
static inline int cr_take_resumed(void) {
    struct cr_terminal_state *s = cr_state();
    if (!s->resumed) return 0;
    s->resumed = 0;
    return 1;
}

/// After endwin on the normal way out: the shell's termios exactly as found, the
/// previous signal actions, and stderr back.
static inline void cr_disarm(void) {
    struct cr_terminal_state *s = cr_state();
    if (!s->armed) return;
    s->on_screen = 0;
    if (s->have_shell_modes) tcsetattr(s->fd, TCSADRAIN, &s->shell_modes);
    for (int sig = 1; sig < CR_NSIG; sig++) {
        if (s->installed[sig]) { sigaction(sig, &s->previous[sig], NULL); s->installed[sig] = 0; }
    }
    cr_release_stderr();
    s->armed = 0;
}

#endif
