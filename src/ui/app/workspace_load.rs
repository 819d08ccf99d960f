//! What loading a workspace checks before anything opens: sources not found
//! are set aside as missing (`missing_sources`), kept and listed, not
//! dropped; columns are held to [`MAX_COLUMNS`] (a hand-edited or hostile
//! file listing thousands would take seconds and hundreds of megabytes to
//! lay out); the other lists to their limits. The user is told what was
//! found missing and what was left out.

use super::missing_sources::MissingSources;
use super::{MAX_COLUMNS, RefrainApp};
use crate::ui::persistence::workspace::Workspace;

/// How many of `columns` are left out to hold them to `max` (the first are kept).
fn hold_to(columns: &mut Vec<std::path::PathBuf>, max: usize) -> usize {
    let left_out = columns.len().saturating_sub(max);
    columns.truncate(max);
    left_out
}

/// `workspace` checked for loading, with its missing sources (and their
/// columns) taken out of it, and what the user is told. The columns of the
/// sources found and those of the missing ones are each held to
/// [`MAX_COLUMNS`]: the missing ones are not shown, and come back only when
/// their source does.
pub fn checked(
    mut workspace: Workspace,
    exists: impl Fn(&std::path::Path) -> bool,
) -> (Workspace, MissingSources, Vec<String>) {
    let mut notices = Vec::new();
    workspace.hold_lists_to_limits();
    let listed = workspace.columns.len();
    let mut missing = MissingSources::split(&mut workspace, exists);
    let left_out = hold_to(&mut workspace.columns, MAX_COLUMNS) + hold_to(&mut missing.columns, MAX_COLUMNS);
    if left_out > 0 {
        notices.push(format!(
            "the workspace lists {listed} columns; at most {MAX_COLUMNS} are shown side by side, so the first \
             {MAX_COLUMNS} are kept and {left_out} were left out"
        ));
    }
    for m in &missing.sources {
        notices.push(format!(
            "{}: not found (a drive not mounted? moved?); kept in the workspace with its columns and listed as \
             missing: Locate… or Remove it in the list",
            m.display()
        ));
    }
    (workspace, missing, notices)
}

impl RefrainApp {
    /// `workspace` checked for loading ([`checked`], sources looked for on
    /// disk); what the user is told goes to the notifications. Returns it
    /// with its missing sources.
    pub(super) fn check_loaded_workspace(&mut self, workspace: Workspace) -> (Workspace, MissingSources) {
        let (workspace, missing, notices) = checked(workspace, |p| p.exists());
        self.notifications.extend(notices);
        (workspace, missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn ten_thousand_columns_are_held_to_the_cap_and_said() {
        let columns: Vec<PathBuf> = (0..10_000).map(|k| PathBuf::from(format!("/c/{k}.txt"))).collect();
        let workspace = Workspace { sources: vec!["/c".into()], columns: columns.clone(), ..Default::default() };
        let (workspace, missing, notices) = checked(workspace, |_| true);
        assert_eq!(workspace.columns, columns[..MAX_COLUMNS]);
        assert!(missing.is_empty());
        assert_eq!(
            notices,
            [format!(
                "the workspace lists 10000 columns; at most {MAX_COLUMNS} are shown side by side, so the first \
                 {MAX_COLUMNS} are kept and {} were left out",
                10_000 - MAX_COLUMNS
            )]
        );
    }

    #[test]
    fn missing_sources_keep_their_columns_and_are_named() {
        let workspace = Workspace {
            sources: vec!["/here".into(), "/mnt/gone".into()],
            columns: vec!["/here/a.txt".into(), "/mnt/gone/b.txt".into()],
            ..Default::default()
        };
        let (workspace, missing, notices) = checked(workspace, |p| p.starts_with("/here"));
        assert_eq!(workspace.columns, [PathBuf::from("/here/a.txt")]);
        assert_eq!(missing.columns, [PathBuf::from("/mnt/gone/b.txt")]);
        assert_eq!(notices.len(), 1);
        assert!(notices[0].starts_with("/mnt/gone: not found"), "{notices:?}");
    }
}
