//! What, besides a key, can end or pause the reader: signals, and the
//! terminal going away. The event loop waits here instead of blocking in the
//! terminal library, which on a hung-up terminal reads end-of-input forever
//! (100% CPU) and never returns.

use std::fs::File;
use std::io::{self, IsTerminal, Read};
use std::os::fd::{AsRawFd, IntoRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use signal_hook::SigId;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};

/// Signals that end the reader, after it gave the terminal back.
const ENDING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];
/// Signals watched: the ending ones, suspend, resume and resize.
const WATCHED: [i32; 7] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH];

/// What woke the event loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// Input may be waiting (or a resize): ask the terminal library.
    Input,
    /// The terminal hung up or input failed: nothing more will come.
    Gone,
    /// A signal asks the reader to end.
    End(i32),
    /// Ctrl-z from outside (SIGTSTP): give the terminal back and stop.
    Suspend,
    /// The process was continued after a stop: draw everything again.
    Resumed,
}

/// Signal handlers and the terminal input being watched, for as long as the
/// reader runs; dropping it puts the previous handlers back.
pub struct Watch {
    /// Bit `n` set: signal `n` arrived since the last look.
    arrived: Arc<AtomicUsize>,
    wake: UnixStream,
    /// The write end of the wake-up pipe, shared by every handler.
    notify: RawFd,
    ids: Vec<SigId>,
    /// The terminal input: standard input when it is a terminal, else
    /// /dev/tty, as the terminal library reads it.
    input: Input,
}

enum Input {
    Stdin,
    Tty(File),
}

impl Watch {
    pub fn install() -> io::Result<Watch> {
        let input = if io::stdin().is_terminal() {
            Input::Stdin
        } else {
            Input::Tty(File::open("/dev/tty")?)
        };
        let (wake, notify) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        let notify = notify.into_raw_fd();
        let arrived = Arc::new(AtomicUsize::new(0));
        let mut ids = Vec::new();
        for signal in WATCHED {
            let flag = Arc::clone(&arrived);
            // Safety: the action only does an atomic or, which is
            // async-signal-safe; it runs before the wake-up byte is written.
            let id = unsafe {
                signal_hook::low_level::register(signal, move || {
                    flag.fetch_or(1 << signal, Ordering::SeqCst);
                })
            }?;
            ids.push(id);
            ids.push(signal_hook::low_level::pipe::register_raw(signal, notify)?);
        }
        spawn_hangup_watchdog(&input);
        Ok(Watch {
            arrived,
            wake,
            notify,
            ids,
            input,
        })
    }

    fn input_fd(&self) -> RawFd {
        match &self.input {
            Input::Stdin => io::stdin().as_raw_fd(),
            Input::Tty(file) => file.as_raw_fd(),
        }
    }

    /// Waits for input, a signal, or the terminal to go away, for at most
    /// `timeout` (`None`: for ever); `None` when nothing came in that time.
    pub fn wait_up_to(&mut self, timeout: Option<std::time::Duration>) -> io::Result<Option<Wake>> {
        let timeout_ms = timeout.map_or(-1, |t| i32::try_from(t.as_millis()).unwrap_or(i32::MAX));
        loop {
            if let Some(wake) = self.take_signal() {
                return Ok(Some(wake));
            }
            let mut fds = [
                libc::pollfd {
                    fd: self.input_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                },
                libc::pollfd {
                    fd: self.wake.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                },
            ];
            // Safety: `fds` is a valid array of two pollfd for the call.
            let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, timeout_ms) };
            if ready < 0 {
                let error = io::Error::last_os_error();
                if error.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(error);
            }
            if ready == 0 {
                return Ok(None);
            }
            if fds[1].revents != 0 {
                // Empty the wake-up pipe; the flags say what came.
                let mut buf = [0u8; 64];
                while matches!((&self.wake).read(&mut buf), Ok(n) if n > 0) {}
                continue;
            }
            let input = fds[0].revents;
            if input & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                return Ok(Some(Wake::Gone));
            }
            if input & libc::POLLIN != 0 {
                return Ok(Some(Wake::Input));
            }
        }
    }

    /// The most pressing signal that arrived, if any: ending before
    /// suspending before resuming; a resize is input.
    fn take_signal(&self) -> Option<Wake> {
        let arrived = self.arrived.swap(0, Ordering::SeqCst);
        let has = |signal: i32| arrived & (1 << signal) != 0;
        if let Some(&signal) = ENDING.iter().find(|&&s| has(s)) {
            return Some(Wake::End(signal));
        }
        if has(SIGTSTP) {
            return Some(Wake::Suspend);
        }
        if has(SIGCONT) {
            return Some(Wake::Resumed);
        }
        has(SIGWINCH).then_some(Wake::Input)
    }
}

/// A last resort: the event loop notices a hung-up terminal itself, but a
/// hangup in the instant between its check and the terminal library's read
/// would leave that library reading end-of-input forever. A thread waits for
/// the hangup too and, if the reader has not ended a moment later, ends the
/// process (there is no terminal left to restore, and corrections are saved
/// as they are made).
fn spawn_hangup_watchdog(input: &Input) {
    let fd = match input {
        Input::Stdin => io::stdin().as_raw_fd(),
        Input::Tty(file) => file.as_raw_fd(),
    };
    // Its own descriptor, so that it stays valid whatever the loop closes.
    // Safety: dup of a descriptor that is open; -1 on failure is checked.
    let fd = unsafe { libc::dup(fd) };
    if fd < 0 {
        return;
    }
    let _ = std::thread::Builder::new()
        .name("hangup watchdog".into())
        .spawn(move || {
            let mut pollfd = libc::pollfd {
                fd,
                events: 0,
                revents: 0,
            };
            loop {
                // Safety: one valid pollfd. With no events asked for, only
                // a hangup or an error wakes it.
                let ready = unsafe { libc::poll(&mut pollfd, 1, -1) };
                if ready > 0 {
                    break;
                }
                if ready < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
                    return;
                }
            }
            std::thread::sleep(std::time::Duration::from_secs(2));
            std::process::exit(1);
        });
}

impl Drop for Watch {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
        // Safety: no handler writes to it any more, and nothing else owns it.
        unsafe { libc::close(self.notify) };
    }
}

/// Stops the process as Ctrl-z would (the terminal must already be given
/// back); returns once it is continued.
pub fn stop() {
    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
}

/// Ends the process as `signal` would have without the reader's handler, so
/// that the shell sees how it ended; the terminal must already be restored.
pub fn die_of(signal: i32) -> ! {
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    std::process::exit(128 + signal)
}
