//! Hands a PDF letter to the team's print command (`print.command`, `lp`
//! by default): the command gets the file as its one argument, no shell.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Why a letter was not printed.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("printing {}: `{command}` did not start: {reason}", file.display())]
    Start {
        file: PathBuf,
        command: String,
        reason: String,
    },
    #[error("printing {}: `{command}` failed ({status}){}", file.display(), if stderr.is_empty() { String::new() } else { format!(": {stderr}") })]
    Failed {
        file: PathBuf,
        command: String,
        status: String,
        stderr: String,
    },
}

/// Runs `command pdf` and waits for it; an error names the file, the
/// command and what the command wrote on its standard error.
pub fn print(pdf: &Path, command: &str) -> Result<(), PrintError> {
    let out = Command::new(command)
        .arg(pdf)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| PrintError::Start {
            file: pdf.to_path_buf(),
            command: command.to_string(),
            reason: crate::fault::io_reason(&e),
        })?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stderr = crate::domain::text::printable(stderr.trim()).into_owned();
    Err(PrintError::Failed {
        file: pdf.to_path_buf(),
        command: command.to_string(),
        status: out.status.to_string(),
        stderr: stderr.chars().take(500).collect(),
    })
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[test]
    fn the_command_gets_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let printed = dir.path().join("printed.pdf");
        let fake = script(
            dir.path(),
            "fake-lp",
            &format!("cp \"$1\" '{}'", printed.display()),
        );
        let letter = dir.path().join("a letter; rm -rf x.pdf");
        std::fs::write(&letter, b"%PDF-1.7 test").unwrap();
        print(&letter, fake.to_str().unwrap()).unwrap();
        assert_eq!(std::fs::read(&printed).unwrap(), b"%PDF-1.7 test");
    }

    #[test]
    fn a_failure_names_the_file_the_command_and_its_error() {
        let dir = tempfile::tempdir().unwrap();
        let fake = script(
            dir.path(),
            "broken-lp",
            "echo 'lp: no default destination' >&2; exit 1",
        );
        let letter = dir.path().join("C-1042.pdf");
        let e = print(&letter, fake.to_str().unwrap())
            .unwrap_err()
            .to_string();
        assert!(e.contains("C-1042.pdf") && e.contains("broken-lp"), "{e}");
        assert!(e.contains("no default destination"), "{e}");
        let e = print(&letter, "/nonexistent/lp").unwrap_err().to_string();
        assert!(
            e.contains("did not start") && e.contains("C-1042.pdf"),
            "{e}"
        );
    }
}
