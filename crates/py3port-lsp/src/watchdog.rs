//! Exits the server when the editor that started it dies without saying `exit`, so that
//! no orphaned server keeps running (LSP's `processId`).

use std::time::Duration;

/// How often the parent is checked.
const INTERVAL: Duration = Duration::from_secs(1);

/// Watches `pid` on the current runtime; when it is gone, logs one line and exits.
pub fn watch_parent(pid: u32) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(INTERVAL);
        loop {
            ticks.tick().await;
            if !alive(pid) {
                eprintln!("py3port-lsp: the editor process {pid} is gone; exiting");
                std::process::exit(1);
            }
        }
    });
}

#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else { return true };
    // Signal 0 checks existence only. A process of another user answers EPERM: alive.
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(error) => error != rustix::io::Errno::SRCH,
    }
}

/// Other platforms: no liveness probe without `unsafe` platform calls (the workspace
/// forbids them), so the editor counts as alive and the server ends on `exit` or when its
/// input closes, which is how editors there stop it.
#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    true
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive_and_a_reaped_child_is_not() {
        assert!(alive(std::process::id()));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(!alive(pid));
    }
}
