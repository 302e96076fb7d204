//! The language server reading arbitrary input after a valid `initialize`: framed and
//! unframed garbage, malformed JSON-RPC, unknown methods, documents opened and edited
//! with out-of-range positions. It must neither panic outside its guard, nor hang, nor
//! stop answering: a `shutdown` sent after the input is answered.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fuzz_target!(|data: &[u8]| {
    // The first byte chooses how the rest is sent: as one framed message (JSON-RPC the
    // fuzzer mutates), as raw bytes (framing errors), or as a `didChange` of an open
    // document with the rest as its change JSON.
    let Some((&mode, rest)) = data.split_first() else { return };
    let body = String::from_utf8_lossy(rest);
    let mut input =
        frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"capabilities":{}}}"#);
    input.extend(frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#));
    input.extend(frame(
        r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///f/a.py","languageId":"python","version":1,"text":"print 'x'\nexec code in ns\n"}}}"#,
    ));
    match mode % 3 {
        0 => input.extend(frame(&body)),
        1 => input.extend_from_slice(rest),
        _ => input.extend(frame(&format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"file:///f/a.py","version":2}},"contentChanges":{body}}}}}"#
        ))),
    }
    // Raw bytes may leave a frame open, and the input may ask the server to exit itself.
    let answerable = mode % 3 != 1 && !body.contains("exit");
    if answerable {
        input.extend(frame(r#"{"jsonrpc":"2.0","id":"last","method":"shutdown"}"#));
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let (client, server) = tokio::io::duplex(1 << 16);
        let (server_read, server_write) = tokio::io::split(server);
        let (mut client_read, mut client_write) = tokio::io::split(client);
        let serving = tokio::spawn(py3port_lsp::serve(server_read, server_write, py3port_lsp::Options::default()));
        let writing = async move {
            client_write.write_all(&input).await.unwrap();
            client_write.shutdown().await.unwrap();
        };
        let mut output = Vec::new();
        let reading = client_read.read_to_end(&mut output);
        let (_, read) =
            tokio::time::timeout(std::time::Duration::from_secs(20), async { tokio::join!(writing, reading) })
                .await
                .expect("the server hung");
        read.unwrap();
        serving.await.expect("the server task panicked");
        if answerable {
            let text = String::from_utf8_lossy(&output);
            assert!(text.contains(r#""id":"last""#), "the server stopped answering: {text}");
        }
    });
});
