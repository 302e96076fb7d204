//! The input pump in front of the transport: re-frames what the client sends so that a
//! malformed message costs one error response, never the session.
//!
//! tower-lsp-server reads messages through tokio-util's `FramedRead`, which ends the
//! stream after the first decoding error (tokio issue #3976): one frame with invalid
//! JSON, a bad header or invalid UTF-8 and the server stops reading and exits. This
//! pump reads the client's bytes itself and hands the transport only frames it will
//! decode: each well-formed message as it came (under a canonical header), and in place
//! of anything else a [`INVALID_MESSAGE`] notification, which `ordered.rs` answers with
//! the JSON-RPC error the transport would have sent (`-32700` or `-32600`, id `null`).
//! After garbage, it resynchronises on the next `Content-Length` header, as the
//! transport's own codec tries to.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The method of the notification that stands for a message that could not be read.
pub(crate) const INVALID_MESSAGE: &str = "$/py3port/invalidMessage";

/// The longest header block read before the bytes are taken for garbage.
const MAX_HEADER: usize = 8 * 1024;
/// The largest message accepted: a 50 MB file opened in the editor, escaped, fits.
pub(crate) const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// Why a message could not be read, as the JSON-RPC error it is answered with.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Invalid {
    /// Not JSON, not UTF-8, or no usable frame around it: `-32700`.
    Parse(String),
    /// JSON, but not a JSON-RPC message: `-32600`.
    Request(String),
}

/// Returns the reading end of the re-framed input; a task copies `input` into it until
/// the input ends (or the transport stops reading). The receiver is told when the input
/// has ended.
pub(crate) fn repair<I>(input: I) -> (DuplexStream, tokio::sync::oneshot::Receiver<()>)
where
    I: AsyncRead + Unpin + Send + 'static,
{
    let (reader, writer) = tokio::io::duplex(64 * 1024);
    let (ended, receiver) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        pump(input, writer).await;
        let _ = ended.send(());
    });
    (reader, receiver)
}

async fn pump<I, O>(mut input: I, mut output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let mut frames = Reframer::default();
    let mut chunk = vec![0; 64 * 1024];
    loop {
        let read = match input.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(read) => read,
        };
        for frame in frames.push(&chunk[..read]) {
            if output.write_all(&frame).await.is_err() {
                return;
            }
        }
    }
    // An unfinished frame at the end of the input is dropped, as the transport would.
    let _ = output.shutdown().await;
}

/// The framing state: bytes received and not yet part of a complete frame.
#[derive(Default)]
pub(crate) struct Reframer {
    buffer: Vec<u8>,
    /// The body length of the frame whose header has been read.
    body: Option<usize>,
    /// Garbage has been reported and no header has been found since: the rest of the
    /// same garbage, read in another chunk, is not reported again.
    in_garbage: bool,
}

impl Reframer {
    /// Takes more input; returns the frames it completes, ready for the transport.
    pub(crate) fn push(&mut self, bytes: &[u8]) -> Vec<Vec<u8>> {
        self.buffer.extend_from_slice(bytes);
        let mut frames = Vec::new();
        loop {
            if let Some(length) = self.body {
                if self.buffer.len() < length {
                    return frames;
                }
                let body: Vec<u8> = self.buffer.drain(..length).collect();
                self.body = None;
                frames.push(match validate(&body) {
                    Ok(()) => frame(&body),
                    Err(invalid) => invalid_frame(&invalid),
                });
                continue;
            }
            // Garbage before the next header (`Content-Length`, or `Content-Type` first) is
            // reported once and skipped.
            let start = find(&self.buffer, b"Content-");
            let skip = start.unwrap_or(self.buffer.len().saturating_sub(b"Content-".len()));
            if skip > 0 {
                let garbage: Vec<u8> = self.buffer.drain(..skip).collect();
                let visible = garbage.iter().any(|byte| !byte.is_ascii_whitespace());
                if visible && !self.in_garbage {
                    frames.push(invalid_frame(&Invalid::Parse(
                        "bytes outside any message (expected a `Content-Length` header)".to_owned(),
                    )));
                }
                self.in_garbage |= visible;
            }
            if start.is_none() {
                return frames;
            }
            self.in_garbage = false;
            let Some(end) = find(&self.buffer, b"\r\n\r\n") else {
                if self.buffer.len() > MAX_HEADER {
                    // A header that never ends: drop its first byte and look again.
                    self.buffer.drain(..1);
                    frames.push(invalid_frame(&Invalid::Parse("a message header longer than 8 KiB".to_owned())));
                    continue;
                }
                return frames;
            };
            let header: Vec<u8> = self.buffer.drain(..end + 4).collect();
            match content_length(&header[..end]) {
                Ok(length) => self.body = Some(length),
                Err(reason) => frames.push(invalid_frame(&Invalid::Parse(reason))),
            }
        }
    }
}

/// The `Content-Length` of a header block, which must be its only length and within
/// [`MAX_MESSAGE`].
fn content_length(header: &[u8]) -> Result<usize, String> {
    let header = std::str::from_utf8(header).map_err(|_| "a message header that is not UTF-8".to_owned())?;
    let mut length = None;
    for line in header.split("\r\n") {
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("a malformed header line: {:?}", truncate(line)));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            if length.is_some() {
                return Err("two `Content-Length` headers".to_owned());
            }
            let value = value.trim();
            let parsed: usize =
                value.parse().map_err(|_| format!("an invalid `Content-Length`: {:?}", truncate(value)))?;
            if parsed > MAX_MESSAGE {
                return Err(format!("a message of {parsed} bytes, more than the {MAX_MESSAGE} accepted"));
            }
            length = Some(parsed);
        }
    }
    length.ok_or_else(|| "a message header without `Content-Length`".to_owned())
}

/// Whether the transport will decode `body`: a JSON-RPC request, notification or
/// response.
fn validate(body: &[u8]) -> Result<(), Invalid> {
    serde_json::from_slice::<serde::de::IgnoredAny>(body).map_err(|error| Invalid::Parse(error.to_string()))?;
    // From the bytes, as the transport reads them: through a `Value` a duplicate key
    // would pass here and fail there.
    if serde_json::from_slice::<Request>(body).is_ok() || serde_json::from_slice::<Response>(body).is_ok() {
        Ok(())
    } else {
        Err(Invalid::Request("JSON that is not a JSON-RPC 2.0 request, notification or response".to_owned()))
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    frame
}

fn invalid_frame(invalid: &Invalid) -> Vec<u8> {
    let (kind, reason) = match invalid {
        Invalid::Parse(reason) => ("parse", reason),
        Invalid::Request(reason) => ("request", reason),
    };
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "method": INVALID_MESSAGE,
        "params": { "kind": kind, "reason": reason },
    });
    frame(body.to_string().as_bytes())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

fn truncate(text: &str) -> String {
    text.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(frames: Vec<Vec<u8>>) -> Vec<serde_json::Value> {
        frames
            .iter()
            .map(|frame| {
                let end = find(frame, b"\r\n\r\n").unwrap();
                serde_json::from_slice(&frame[end + 4..]).unwrap()
            })
            .collect()
    }

    fn kinds(frames: Vec<Vec<u8>>) -> Vec<String> {
        bodies(frames)
            .iter()
            .map(|body| match body["method"].as_str() {
                Some(INVALID_MESSAGE) => format!("invalid {}", body["params"]["kind"].as_str().unwrap()),
                Some(method) => method.to_owned(),
                None => "response".to_owned(),
            })
            .collect()
    }

    const SHUTDOWN: &str = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;

    fn framed(body: &str) -> Vec<u8> {
        frame(body.as_bytes())
    }

    #[test]
    fn passes_messages_through_whatever_the_chunking() {
        let mut input = framed(SHUTDOWN);
        input.extend(framed(r#"{"jsonrpc":"2.0","id":2,"result":null}"#));
        for size in [1, 3, 7, input.len()] {
            let mut reframer = Reframer::default();
            let frames: Vec<_> = input.chunks(size).flat_map(|chunk| reframer.push(chunk)).collect();
            assert_eq!(kinds(frames), ["shutdown", "response"], "chunks of {size}");
        }
    }

    #[test]
    fn garbage_is_reported_once_whatever_the_chunking() {
        let mut input = b"some garbage between messages\r\n".to_vec();
        input.extend(framed(SHUTDOWN));
        for size in [1, 5, 16, input.len()] {
            let mut reframer = Reframer::default();
            let frames: Vec<_> = input.chunks(size).flat_map(|chunk| reframer.push(chunk)).collect();
            assert_eq!(kinds(frames), ["invalid parse", "shutdown"], "chunks of {size}");
        }
    }

    #[test]
    fn reads_a_content_type_before_the_length() {
        let mut input = format!(
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
            SHUTDOWN.len()
        )
        .into_bytes();
        input.extend(SHUTDOWN.as_bytes());
        assert_eq!(kinds(Reframer::default().push(&input)), ["shutdown"]);
    }

    #[test]
    fn answers_bad_bodies_and_keeps_reading() {
        let mut input = framed(r#"{"jsonrpc":"2.0","id":2,"method":"#);
        input.extend(framed(r#"{"hello":"world"}"#));
        input.extend(framed(r#"{"jsonrpc":"2.0","id":2,"params":"x","params":{}}"#));
        input.extend(b"Content-Length: 2\r\n\r\n\xff\xfe");
        input.extend(framed(SHUTDOWN));
        let frames = Reframer::default().push(&input);
        assert_eq!(kinds(frames), ["invalid parse", "invalid request", "invalid request", "invalid parse", "shutdown"]);
    }

    #[test]
    fn resynchronises_after_bad_headers_and_garbage() {
        let mut input = b"garbage\r\n".to_vec();
        input.extend(b"Content-Length: nope\r\n\r\n");
        input.extend(b"Content-Length: 99999999999999999999\r\n\r\n");
        input.extend(b"Content-Type: application/json\r\n\r\n");
        input.extend(framed(SHUTDOWN));
        let frames = Reframer::default().push(&input);
        let kinds = kinds(frames);
        assert_eq!(kinds.last().map(String::as_str), Some("shutdown"), "{kinds:?}");
        assert!(kinds[..kinds.len() - 1].iter().all(|kind| kind == "invalid parse"), "{kinds:?}");
        assert_eq!(kinds.len(), 5, "{kinds:?}");
    }

    #[test]
    fn a_header_that_never_ends_is_dropped() {
        let mut reframer = Reframer::default();
        let mut input = b"Content-Length: 5".to_vec();
        input.extend(vec![b'x'; MAX_HEADER + 10]);
        let frames = reframer.push(&input);
        assert!(!frames.is_empty());
        assert!(reframer.buffer.len() <= MAX_HEADER, "the buffer grows without bound");
        assert_eq!(kinds(reframer.push(&framed(SHUTDOWN))).last().map(String::as_str), Some("shutdown"));
    }
}
