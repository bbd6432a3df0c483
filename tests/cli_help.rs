//! Every argument of every subcommand says what it does in `--help`.

use clap::CommandFactory;
use dun::cli::Cli;

/// The arguments without a help line, as `dun SUBCOMMAND --ARG`.
fn missing_help(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
    for arg in cmd.get_arguments() {
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" || arg.is_hide_set() {
            continue;
        }
        let said = arg
            .get_help()
            .or_else(|| arg.get_long_help())
            .is_some_and(|h| !h.to_string().trim().is_empty());
        if !said {
            let name = arg
                .get_long()
                .map_or_else(|| id.to_uppercase(), |l| format!("--{l}"));
            missing.push(format!("{path} {name}"));
        }
    }
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        if sub.get_about().is_none() && sub.get_long_about().is_none() {
            missing.push(format!("{path} {} (the subcommand)", sub.get_name()));
        }
        missing_help(sub, &format!("{path} {}", sub.get_name()), missing);
    }
}

#[test]
fn every_argument_of_every_subcommand_has_a_help_line() {
    let cmd = Cli::command();
    cmd.clone().debug_assert();
    let mut missing = Vec::new();
    missing_help(&cmd, "dun", &mut missing);
    assert!(
        missing.is_empty(),
        "arguments without help text:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_walk_sees_arguments_of_nested_subcommands() {
    // A guard on the test above: it must reach `dun rates set` and
    // `dun settings show`, not only the first level.
    let cmd = Cli::command();
    let rates = cmd.find_subcommand("rates").expect("dun rates");
    let set = rates.find_subcommand("set").expect("dun rates set");
    assert!(set.get_arguments().any(|a| a.get_long() == Some("source")));
    let log = cmd.find_subcommand("log").expect("dun log");
    let note = log
        .get_arguments()
        .find(|a| a.get_long() == Some("note"))
        .expect("dun log --note");
    assert!(note.get_help().is_some(), "dun log --note has no help");
}
