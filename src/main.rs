//! The `refrain` executable: the command line when given a subcommand, the
//! desktop app otherwise.

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
        #[cfg(feature = "gui")]
        None => refrain::ui::run(refrain::ui::Launch {
            paths: cli.paths,
            workspace: cli.workspace,
            screenshot: cli.screenshot,
            size: cli.size,
        })
        .map(|()| ExitCode::SUCCESS),
        // Built without the app (`--no-default-features`): say so rather
        // than exit silently.
        #[cfg(not(feature = "gui"))]
        None => {
            Err(anyhow::anyhow!("this build has no desktop app (built without the `gui` feature); give a subcommand"))
        }
    }
}
