//! The output side of the transport: one writer for the client's input, fed with the
//! transport's messages and with notifications the server serializes itself.
//!
//! tower-lsp-server sends a notification by turning its parameters into a
//! `serde_json::Value` tree, queueing it, then serializing the tree. For the diagnostics
//! of a large file, thousands of them on every keystroke, building and dropping that tree
//! cost more than the analysis. So `publishDiagnostics` is serialized straight from the
//! core's diagnostics (`convert::publish_frame`) and written here, between the
//! transport's own messages, never inside one: the transport writes into a pipe, a task
//! cuts what it writes into whole messages, and both kinds of message reach the output
//! through bounded queues (a client that stops reading blocks the transport as it did
//! before, rather than growing a buffer).

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

/// How many of the transport's whole messages may wait for the output.
const TRANSPORT_QUEUE: usize = 64;

/// A message of the transport for the output, header and body, or the end of the
/// transport's output.
#[derive(Debug)]
pub(crate) enum Frame {
    Message(Vec<u8>),
    End,
}

/// The server's own messages, header and body. The queue holds one: while the client
/// reads slowly, newer diagnostics wait in the owner's outbox, where they replace the
/// ones they supersede, instead of stale ones piling up here.
pub(crate) type Frames = mpsc::Sender<Vec<u8>>;

/// The receiving ends of the two queues to the output, for [`write`].
pub(crate) struct Queued {
    transport: mpsc::Receiver<Frame>,
    own: mpsc::Receiver<Vec<u8>>,
}

/// The two queues to the output: the transport's (for [`split`]) and the server's own.
pub(crate) fn queues() -> (mpsc::Sender<Frame>, Frames, Queued) {
    let (transport, transport_queued) = mpsc::channel(TRANSPORT_QUEUE);
    let (own, own_queued) = mpsc::channel(1);
    (transport, own, Queued { transport: transport_queued, own: own_queued })
}

/// Reads what the transport writes, cuts it into whole messages and queues them; queues
/// [`Frame::End`] when the transport's output ends.
pub(crate) async fn split<R: AsyncRead + Unpin>(mut transport: R, frames: mpsc::Sender<Frame>) {
    let mut buffer = Vec::new();
    let mut chunk = vec![0; 64 * 1024];
    loop {
        let read = match transport.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(read) => read,
        };
        buffer.extend_from_slice(&chunk[..read]);
        let mut start = 0;
        while let Some(length) = message_end(&buffer[start..]) {
            if frames.send(Frame::Message(buffer[start..start + length].to_vec())).await.is_err() {
                return;
            }
            start += length;
        }
        buffer.drain(..start);
    }
    // An unfinished message at the end is dropped (the transport never leaves one).
    let _ = frames.send(Frame::End).await;
}

/// Writes queued messages to `output` until the transport's [`Frame::End`], then the
/// server's own messages still queued. After a failed write (the client has gone) the
/// rest is read and dropped, so that nothing waits on a full queue.
pub(crate) async fn write<O: AsyncWrite>(output: O, queued: Queued) {
    let Queued { mut transport, mut own } = queued;
    let mut output = std::pin::pin!(output);
    let mut open = true;
    loop {
        let message = tokio::select! {
            frame = transport.recv() => match frame {
                Some(Frame::Message(message)) => message,
                Some(Frame::End) | None => break,
            },
            Some(message) = own.recv() => message,
        };
        if open {
            open = output.write_all(&message).await.is_ok() && output.flush().await.is_ok();
        }
    }
    while let Ok(message) = own.try_recv() {
        if open {
            open = output.write_all(&message).await.is_ok() && output.flush().await.is_ok();
        }
    }
}

/// Where the first message in `buffer` ends, once it is all there. The transport writes
/// `Content-Length: N\r\n\r\n` and N bytes; a header block without a length (which it
/// never writes) is passed on as a message of its own.
fn message_end(buffer: &[u8]) -> Option<usize> {
    let header_end = buffer.windows(4).position(|window| window == b"\r\n\r\n")? + 4;
    let length = std::str::from_utf8(&buffer[..header_end]).ok().and_then(|header| {
        header.lines().find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim().eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok())?
        })
    });
    match length {
        Some(length) => (buffer.len() >= header_end + length).then_some(header_end + length),
        None => Some(header_end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[test]
    fn messages_end_after_their_length() {
        let first = frame("{\"a\":1}");
        let mut buffer = first.clone();
        buffer.extend(frame("{}"));
        assert_eq!(message_end(&buffer), Some(first.len()));
        assert_eq!(message_end(&first[..first.len() - 1]), None);
        assert_eq!(message_end(b"Content-Length: 2\r\n"), None);
        assert_eq!(message_end(b"X: y\r\n\r\n{}"), Some(8));
    }

    /// The transport's messages, written in chunks that cut through headers and bodies,
    /// come out whole and in order, interleaved with the server's own only between them.
    #[tokio::test]
    async fn transport_messages_stay_whole_between_the_servers_own() {
        let bodies: Vec<String> =
            (0..50).map(|i| format!("{{\"id\":{i},\"pad\":\"{}\"}}", "é".repeat(i * 37))).collect();
        let stream: Vec<u8> = bodies.iter().flat_map(|body| frame(body)).collect();
        let (mut transport_out, transport_in) = tokio::io::duplex(61);
        let (frames, own, receivers) = queues();
        tokio::spawn(split(transport_in, frames));
        tokio::spawn(async move {
            for chunk in stream.chunks(13) {
                transport_out.write_all(chunk).await.unwrap();
            }
        });
        tokio::spawn(async move {
            for i in 0..20 {
                own.send(frame(&format!("{{\"own\":{i}}}"))).await.unwrap();
                tokio::task::yield_now().await;
            }
        });
        let mut written = Vec::new();
        write(&mut written, receivers).await;

        let mut transport = Vec::new();
        let mut own = Vec::new();
        let mut rest = written.as_slice();
        while !rest.is_empty() {
            let end = message_end(rest).expect("only whole messages");
            let body = std::str::from_utf8(&rest[..end]).unwrap().split_once("\r\n\r\n").unwrap().1.to_owned();
            if body.starts_with("{\"own\"") {
                own.push(body)
            } else {
                transport.push(body)
            }
            rest = &rest[end..];
        }
        assert_eq!(transport, bodies);
        // Those queued before the transport's output ended were written.
        assert!(own.iter().enumerate().all(|(i, body)| *body == format!("{{\"own\":{i}}}")), "{own:?}");
    }
}
