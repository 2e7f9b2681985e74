//! Signal names, as `kill()` takes them and `status.signal` gives them.

/// The POSIX signals by name, with this platform's numbers (node:os lists them too).
pub(crate) const SIGNALS: &[(&str, libc::c_int)] = &[
    ("SIGHUP", libc::SIGHUP),
    ("SIGINT", libc::SIGINT),
    ("SIGQUIT", libc::SIGQUIT),
    ("SIGILL", libc::SIGILL),
    ("SIGTRAP", libc::SIGTRAP),
    ("SIGABRT", libc::SIGABRT),
    ("SIGBUS", libc::SIGBUS),
    ("SIGFPE", libc::SIGFPE),
    ("SIGKILL", libc::SIGKILL),
    ("SIGUSR1", libc::SIGUSR1),
    ("SIGSEGV", libc::SIGSEGV),
    ("SIGUSR2", libc::SIGUSR2),
    ("SIGPIPE", libc::SIGPIPE),
    ("SIGALRM", libc::SIGALRM),
    ("SIGTERM", libc::SIGTERM),
    ("SIGCHLD", libc::SIGCHLD),
    ("SIGCONT", libc::SIGCONT),
    ("SIGSTOP", libc::SIGSTOP),
    ("SIGTSTP", libc::SIGTSTP),
    ("SIGTTIN", libc::SIGTTIN),
    ("SIGTTOU", libc::SIGTTOU),
    ("SIGURG", libc::SIGURG),
    ("SIGXCPU", libc::SIGXCPU),
    ("SIGXFSZ", libc::SIGXFSZ),
    ("SIGVTALRM", libc::SIGVTALRM),
    ("SIGPROF", libc::SIGPROF),
    ("SIGWINCH", libc::SIGWINCH),
    ("SIGIO", libc::SIGIO),
    ("SIGSYS", libc::SIGSYS),
];

/// The number of the signal called `name` ("SIGTERM").
pub fn number(name: &str) -> Option<libc::c_int> {
    SIGNALS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// The name of signal `signo`; a signal without one (a real-time signal)
/// is `SIG` and its number.
pub fn name(signo: libc::c_int) -> String {
    SIGNALS
        .iter()
        .find(|(_, s)| *s == signo)
        .map_or_else(|| format!("SIG{signo}"), |(n, _)| (*n).to_string())
}

/// Whether `signo` is one of the signals [`number`] knows.
pub fn is_known(signo: libc::c_int) -> bool {
    SIGNALS.iter().any(|(_, s)| *s == signo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_round_trip() {
        assert_eq!(number("SIGTERM"), Some(libc::SIGTERM));
        assert_eq!(number("SIGKILL"), Some(9));
        assert_eq!(number("TERM"), None);
        assert_eq!(number("sigterm"), None);
        for (name_, signo) in SIGNALS {
            assert_eq!(name(*signo), *name_);
            assert!(is_known(*signo));
        }
        assert_eq!(name(40), "SIG40");
        assert!(!is_known(0));
    }
}
