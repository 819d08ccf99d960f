//! `refrain`: the command line. Given a subcommand it runs it; without one
//! it starts the desktop app, `refrain-app`, installed beside it, with the
//! same arguments.
//!
//! The two are separate programs because users time short commands
//! (`refrain compare` of two speeches takes a few milliseconds): a program
//! holding the app's window, renderer and font code too spent about half a
//! millisecond more at every start mapping and relocating it before `main`
//! ran. The command line alone does not, and the app it starts is the same.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use refrain::cli::{Cli, exit_status};

fn main() -> ExitCode {
    refrain::core::memory::limit_arenas();
    // `refrain compare` is parsed on its own: it is timed in milliseconds.
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if refrain::cli::asks_for_compare(&args) {
        refrain::core::memory::reuse_freed_memory();
        return exit_status(refrain::cli::run_compare());
    }
    let cli = Cli::parse();
    exit_status(match cli.command {
        Some(command) => refrain::cli::run(command),
        None => start_app(std::env::args_os().skip(1).collect()),
    })
}

/// The desktop app's program: `refrain-app` in this program's folder.
fn app_program() -> anyhow::Result<PathBuf> {
    let me = std::env::current_exe().context("finding the refrain program's folder")?;
    let app = me.with_file_name(format!("refrain-app{}", std::env::consts::EXE_SUFFIX));
    if !app.is_file() {
        anyhow::bail!(
            "the desktop app is not installed: no {} beside {} (build it with `cargo build --release`, or run `cargo run --release`)",
            app.display(),
            me.display()
        );
    }
    Ok(app)
}

/// Runs the app with `args` in place of this process (Unix), or as a child
/// whose exit status becomes this one's.
fn start_app(args: Vec<OsString>) -> anyhow::Result<ExitCode> {
    let app = app_program()?;
    let mut command = std::process::Command::new(&app);
    command.args(args);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Only returns when the program could not be started.
        let error = command.exec();
        Err(error).with_context(|| format!("starting {}", app.display()))
    }
    #[cfg(not(unix))]
    {
        let status = command.status().with_context(|| format!("starting {}", app.display()))?;
        Ok(ExitCode::from(status.code().map_or(1, |c| c.clamp(0, 255) as u8)))
    }
}
