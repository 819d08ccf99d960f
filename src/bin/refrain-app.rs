//! `refrain-app`: the desktop app (and, given a subcommand, the command
//! line too, so it can stand in for `refrain`). `refrain` starts it when run
//! without a subcommand; `cargo run --release` runs it directly.

use std::process::ExitCode;

use clap::Parser;
use refrain::cli::{Cli, exit_status};

fn main() -> ExitCode {
    refrain::core::memory::limit_arenas();
    exit_status(run(Cli::parse()))
}

/// Runs what the arguments ask for; an error that ends the run is returned,
/// to be reported once by [`exit_status`].
fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(command) => refrain::cli::run(command),
        None => refrain::ui::run(refrain::ui::Launch {
            paths: cli.paths,
            workspace: cli.workspace,
            screenshot: cli.screenshot,
            size: cli.size,
        })
        .map(|()| ExitCode::SUCCESS),
    }
}
