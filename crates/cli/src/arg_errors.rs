//! clap's parse errors as one line that names the offending argument or
//! value, followed by the usage of the command: exit code 2.
//!
//! clap's own rendering spans several lines (a tip, the usage, a pointer to
//! `--help`); every failure of `lightbulb` is one line on stderr, so the
//! error is rebuilt here from its context, e.g.
//! `unknown flag "--lr"; usage: lightbulb step --model <M.json> --batch <B.json> [--trace]`.

use crate::args::Cli;
use crate::fail::Failure;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::CommandFactory;
use lightbulb_core::clip;
use std::ffi::OsString;

/// The general usage line.
pub const USAGE: &str =
    "lightbulb <step|eval|train|completions> [flags]; lightbulb <command> --help";

/// One line for a clap error; `args` (after the program name) tell which
/// command's usage to show.
pub fn from_clap(e: &clap::Error, args: &[OsString]) -> Failure {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let list = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let (flag, placeholder) = split_arg(&arg);
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::UnknownArgument => {
            let what = if arg.starts_with('-') {
                "unknown flag"
            } else {
                "unexpected argument"
            };
            format!(
                "{what} \"{}\"{}",
                clip(&arg),
                did_you_mean(&list(ContextKind::SuggestedArg))
            )
        }
        ErrorKind::InvalidSubcommand => format!(
            "unknown command \"{}\"{}",
            clip(&text(ContextKind::InvalidSubcommand).unwrap_or_default()),
            did_you_mean(&list(ContextKind::SuggestedSubcommand))
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "no command given".to_owned()
        }
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = list(ContextKind::InvalidArg)
                .iter()
                .map(|a| match split_arg(a) {
                    (f, Some(p)) => format!("{f} {p}"),
                    (f, None) => f,
                })
                .collect();
            format!("missing {}", missing.join(", "))
        }
        ErrorKind::ArgumentConflict => {
            let prior = list(ContextKind::PriorArg);
            if prior.len() == 1 && prior[0] == arg {
                format!("{flag} is given twice")
            } else {
                let prior: Vec<String> = prior.iter().map(|p| split_arg(p).0).collect();
                format!("{flag} cannot be used with {}", prior.join(", "))
            }
        }
        ErrorKind::InvalidValue if value.is_empty() => match placeholder {
            Some(p) => format!("{flag} needs a value ({p})"),
            None => format!("{flag} needs a value"),
        },
        ErrorKind::InvalidValue => format!(
            "{flag}: unknown value \"{}\"; expected one of: {}",
            clip(&value),
            list(ContextKind::ValidValue).join(", ")
        ),
        ErrorKind::ValueValidation => match std::error::Error::source(e) {
            Some(source) => format!("{flag}: {source}"),
            None => format!("{flag}: invalid value \"{}\"", clip(&value)),
        },
        ErrorKind::TooManyValues => {
            format!("{flag} takes no value, got \"{}\"", clip(&value))
        }
        ErrorKind::InvalidUtf8 => "an argument is not valid UTF-8".to_owned(),
        // Anything else: clap's own first line.
        _ => {
            let rendered = e.to_string();
            let first = rendered.lines().next().unwrap_or_default();
            first.strip_prefix("error: ").unwrap_or(first).to_owned()
        }
    };
    Failure::input(format!("{message}; usage: {}", usage(args)))
}

/// `--model <M.json>` → (`--model`, `Some("M.json")`); `<SHELL>` → (`SHELL`, `None`).
fn split_arg(arg: &str) -> (String, Option<String>) {
    let strip = |s: &str| s.trim_start_matches('<').trim_end_matches('>').to_owned();
    match arg.split_once(' ') {
        Some((flag, value)) => (flag.to_owned(), Some(strip(value))),
        None if arg.starts_with('<') => (strip(arg), None),
        None => (arg.to_owned(), None),
    }
}

fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions.first() {
        Some(s) => format!(" (did you mean \"{s}\"?)"),
        None => String::new(),
    }
}

/// The usage line of the command named first in `args`, or the general one.
fn usage(args: &[OsString]) -> String {
    let mut cli = Cli::command();
    cli.build();
    let name = args.first().and_then(|a| a.to_str()).unwrap_or_default();
    match cli.find_subcommand_mut(name) {
        Some(sub) if name != "help" => {
            let line = sub.render_usage().to_string();
            line.trim()
                .strip_prefix("Usage: ")
                .unwrap_or(line.trim())
                .to_owned()
        }
        _ => USAGE.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use crate::args::{parse, Parsed};
    use crate::fail::Outcome;
    use std::ffi::OsString;

    fn run(args: &[&str]) -> Outcome<Parsed> {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        parse(&args)
    }

    #[test]
    fn mistakes_name_the_problem_and_show_usage() {
        let step_usage = "usage: lightbulb step [OPTIONS] --model <M.json> --batch <B.json>";
        let cases: [(&[&str], &str, &str); 13] = [
            (&[], "no command given", "usage: lightbulb <step|eval"),
            (
                &["stpe"],
                "unknown command \"stpe\" (did you mean \"step\"?)",
                "usage: lightbulb <step|eval",
            ),
            (
                &["step", "--model", "m", "--batch", "b", "--lr", "1"],
                "unknown flag \"--lr\"",
                step_usage,
            ),
            (
                &["step", "--model", "m", "--bach", "b"],
                "unknown flag \"--bach\" (did you mean \"--batch\"?)",
                step_usage,
            ),
            (
                &["step", "--model", "m"],
                "missing --batch B.json",
                step_usage,
            ),
            (
                &["step", "--model", "m", "--model", "n", "--batch", "b"],
                "--model is given twice",
                step_usage,
            ),
            (
                &["step", "--model", "--batch", "b"],
                "--model needs a value (M.json)",
                step_usage,
            ),
            (
                &["step", "--model", "m", "--batch", "b", "--trace=yes"],
                "--trace takes no value, got \"yes\"",
                step_usage,
            ),
            (
                &["eval", "m.json"],
                "unexpected argument \"m.json\"",
                "usage: lightbulb eval",
            ),
            (
                &["eval", "--model=", "--batch", "b"],
                "--model: needs a non-empty value",
                "usage: lightbulb eval",
            ),
            (
                &["train", "--lr", "fast"],
                "--lr: expected a number, got \"fast\"",
                "usage: lightbulb train",
            ),
            (
                &["completions"],
                "missing SHELL",
                "usage: lightbulb completions",
            ),
            (
                &["completions", "ksh"],
                "SHELL: unknown value \"ksh\"; expected one of: bash, zsh, fish",
                "usage: lightbulb completions",
            ),
        ];
        for (args, needle, usage) in cases {
            let err = run(args).expect_err(needle);
            assert_eq!(err.code, 2);
            assert!(
                err.message.contains(needle),
                "{err} should contain {needle}"
            );
            assert!(err.message.contains(usage), "{err} should contain {usage}");
            assert!(!err.message.contains('\n'), "{err}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn arguments_that_are_not_utf8_are_refused() {
        use std::os::unix::ffi::OsStringExt;
        let args = [
            OsString::from("step"),
            OsString::from("--model"),
            OsString::from_vec(vec![b'm', 0xff]),
            OsString::from("--batch"),
            OsString::from("b"),
        ];
        let err = parse(&args).expect_err("not UTF-8");
        assert_eq!(err.code, 2);
        assert!(err.message.contains("not valid UTF-8"), "{err}");
    }
}
