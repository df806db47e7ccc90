//! A real terminal for the tests: the binary run in tmux on a private socket, read back
//! with capture-pane, driven with send-keys, and the server killed when dropped.

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new(crate::harness::ensure_command("tmux", "tmux"))
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux is installed (.ci/run installs it)");
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "demo"])
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "demo"];
        args.extend(keys);
        self.run(&args);
    }

    /// Press `key` until `done` holds (up to three presses, 5 s apart). For idempotent keys
    /// only: on a machine loaded by a parallel test run a key sent right after another (Esc,
    /// then a letter) is now and then read as one chord and dropped.
    pub fn press_until(&self, key: &str, what: &str, done: impl Fn() -> bool) {
        for _ in 0..3 {
            self.keys(&[key]);
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if done() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        panic!(
            "{what} did not happen after pressing {key} three times; screen:\n{}",
            self.screen()
        );
    }

    pub fn try_wait(&self, within: Duration, cond: impl Fn(&str) -> bool) -> bool {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if cond(&self.screen()) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    pub fn wait_for(&self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.screen();
            if cond(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

impl Tmux {
    pub fn new(tag: &str) -> Tmux {
        Tmux {
            socket: format!("vpce-doctor-test-{tag}-{}", std::process::id()),
        }
    }

    pub fn wait_exited(&self, within: Duration) -> Duration {
        let start = Instant::now();
        loop {
            let state = self.run(&[
                "display-message",
                "-p",
                "-t",
                "demo",
                "#{pane_dead} #{alternate_on}",
            ]);
            if state.trim() == "1 0" {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < within,
                "the program did not exit and restore the screen: {state:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Tmux {
    /// Run `command` in a detached `width`×`height` session (the user's tmux configuration
    /// ignored) and keep the pane after it exits, to read how it left the screen.
    pub fn start(&self, command: &str, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "demo",
            "-x",
            &w,
            "-y",
            &h,
            command,
        ]);
        self.run(&["set-option", "-t", "demo", "remain-on-exit", "on"]);
    }
}
