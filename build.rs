//! Links the `refrain` program with packed relative relocations where the
//! toolchain and the C library support them.
//!
//! The program is a position-independent executable of about 30 MB: at each
//! start the dynamic loader reads one relocation record per pointer in its
//! tables (some 46,000, 1.1 MB of records) before `main` runs. Every command
//! pays that, and users time short commands (`refrain compare` of two
//! speeches takes a few milliseconds in all). With `-z pack-relative-relocs`
//! (GNU ld 2.38+, glibc 2.36+) the same relocations are a 15 KB bitmap, read
//! faster; the program stays position independent (its address is still
//! randomized). The option is used only when a test link with it succeeds
//! and the test program runs, so older systems build as before.

use std::path::PathBuf;
use std::process::{Command, Stdio};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = std::env::var("TARGET").unwrap_or_default();
    if !target.ends_with("-linux-gnu") {
        return;
    }
    if packs_relative_relocs() {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// True when the C compiler links a program with packed relative
/// relocations and that program runs here.
fn packs_relative_relocs() -> bool {
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else { return false };
    let (source, program) = (out.join("relr_probe.c"), out.join("relr_probe"));
    if std::fs::write(&source, "int main(void) { return 0; }\n").is_err() {
        return false;
    }
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let linked = Command::new(cc)
        .args(["-fPIE", "-pie", "-Wl,-z,pack-relative-relocs", "-o"])
        .arg(&program)
        .arg(&source)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    linked && Command::new(&program).status().is_ok_and(|s| s.success())
}
