//! Gives the WebAssembly build an 8 MiB stack, as a native main thread has, instead of
//! wasm-ld's 1 MiB: the analysis of deeply nested expressions recurses, and with the stack
//! placed first in memory an overflow traps (the npm package then restarts the instance)
//! rather than corrupting data.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg=-zstack-size=8388608");
    }
}
