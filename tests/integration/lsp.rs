//! A small Language Server Protocol client for the editor test: JSON-RPC 2.0 over a
//! child's standard input and output, each message framed by a `Content-Length`
//! header, as an editor speaks to yaml-language-server.
//!
//! Every wait is bounded: past its deadline the server is killed and the test fails
//! with what was received, so a server that hangs or dies fails the test, never
//! blocks it.

use serde_json::{Value as Json, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// No message of ours is near this; a larger header means a confused peer.
const MAX_MESSAGE: usize = 64 << 20;

/// How many received messages a failure shows.
const SHOWN: usize = 20;

/// A running language server and the messages it sent.
pub struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Json>,
    next_id: u64,
    /// What the server sent so far, oldest first, for failure reports.
    received: Vec<Json>,
    stderr: Arc<Mutex<String>>,
    /// The answer to `workspace/configuration`, by section.
    settings: Json,
}

impl Server {
    /// Starts `program --stdio`; `settings` (an object keyed by section) answers the
    /// server's `workspace/configuration` requests.
    pub fn start(program: &Path, settings: Json) -> Server {
        let mut child = Command::new(program)
            .arg("--stdio")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{} does not start: {e}", program.display()));
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut err = child.stderr.take().unwrap();
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            // Ends at end of file or at the first malformed message; the receiver then
            // sees the channel close and reports it.
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Server {
            child,
            stdin,
            incoming,
            next_id: 0,
            received: Vec::new(),
            stderr,
            settings,
        }
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Json) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its result, answering the server's own requests
    /// meanwhile; fails on an error response or after `timeout`.
    pub fn request(&mut self, method: &str, params: Json, timeout: Duration) -> Json {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let reply = self.wait_for(&format!("the reply to {method}"), timeout, |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        });
        if let Some(error) = reply.get("error") {
            self.fail(&format!("{method} failed: {error}"));
        }
        reply.get("result").cloned().unwrap_or(Json::Null)
    }

    /// The next message `wanted` accepts, answering the server's requests meanwhile;
    /// fails after `timeout`, or when the server exits.
    pub fn wait_for(
        &mut self,
        what: &str,
        timeout: Duration,
        mut wanted: impl FnMut(&Json) -> bool,
    ) -> Json {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.incoming.recv_timeout(left) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => {
                    self.fail(&format!("waited {timeout:?} for {what}, in vain"));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    self.fail(&format!("the server exited before {what}"));
                }
            };
            self.received.push(message.clone());
            if message.get("method").is_some() && message.get("id").is_some() {
                self.answer(&message);
            }
            if wanted(&message) {
                return message;
            }
        }
    }

    /// Answers a request from the server: its configuration, and a null result to
    /// the rest (capability registration, progress tokens).
    fn answer(&mut self, request: &Json) {
        let result = if request["method"] == "workspace/configuration" {
            let items = request["params"]["items"].as_array().cloned();
            Json::Array(
                items
                    .unwrap_or_default()
                    .iter()
                    .map(|item| {
                        let section = item["section"].as_str().unwrap_or_default();
                        self.settings.get(section).cloned().unwrap_or(Json::Null)
                    })
                    .collect(),
            )
        } else {
            Json::Null
        };
        let id = request["id"].clone();
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    fn send(&mut self, message: &Json) {
        let body = message.to_string();
        let sent = write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.stdin.flush());
        if let Err(e) = sent {
            self.fail(&format!("cannot write to the server: {e}"));
        }
    }

    /// Kills the server and fails the test with `why` and what was received.
    pub fn fail(&mut self, why: &str) -> ! {
        self.stop();
        let skipped = self.received.len().saturating_sub(SHOWN);
        let shown: Vec<String> = self.received[skipped..]
            .iter()
            .map(|m| {
                let text = m.to_string();
                match text.char_indices().nth(600) {
                    Some((cut, _)) => format!("{}…", &text[..cut]),
                    None => text,
                }
            })
            .collect();
        let stderr = self.stderr.lock().map(|s| s.clone()).unwrap_or_default();
        panic!(
            "yaml-language-server: {why}\nthe last {} of {} messages received:\n{}\nits stderr:\n{stderr}",
            shown.len(),
            self.received.len(),
            shown.join("\n"),
        );
    }

    /// Kills the server (if it still runs) and reaps it.
    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One framed message, or `None` at end of file or on a malformed one.
fn read_message(reader: &mut impl BufRead) -> Option<Json> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let length = length.filter(|&n| n <= MAX_MESSAGE)?;
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// A `file://` URI for an absolute path, percent-encoding what a URI path cannot hold.
pub fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_str().expect("a UTF-8 path").bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}
