//! Hand-written argument parsing: `lightbulb <command> --flag value …`.
//!
//! Flags are `--name value` or `--name=value`; each may be given once.
//! `--help` (or `-h`) anywhere after a command prints that command's help.

use crate::fail::{Failure, Outcome};
use std::ffi::OsString;

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Print the help of a command (`None`: the general help).
    Help(Option<Name>),
    /// One training step on a batch.
    Step {
        /// The model file.
        model: String,
        /// The batch file.
        batch: String,
        /// Also print the trace of the step.
        trace: bool,
    },
    /// Outputs (and loss) of a model on a batch.
    Eval {
        /// The model file.
        model: String,
        /// The batch file.
        batch: String,
    },
    /// Train a model on a dataset; the flags are read by `train_args.rs`.
    Train(Flags),
}

/// The commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Name {
    /// `lightbulb step`.
    Step,
    /// `lightbulb eval`.
    Eval,
    /// `lightbulb train`.
    Train,
}

impl Name {
    /// Every command, in the order the help lists them.
    pub const ALL: [Name; 3] = [Name::Step, Name::Eval, Name::Train];

    /// The word on the command line.
    pub fn word(self) -> &'static str {
        match self {
            Name::Step => "step",
            Name::Eval => "eval",
            Name::Train => "train",
        }
    }

    fn parse(word: &str) -> Option<Name> {
        Name::ALL.into_iter().find(|n| n.word() == word)
    }

    /// The flags the command takes.
    fn flags(self) -> &'static [Flag] {
        const MODEL: Flag = Flag::required("model", "M.json");
        const BATCH: Flag = Flag::required("batch", "B.json");
        const TRACE: Flag = Flag::switch("trace");
        match self {
            Name::Step => &[MODEL, BATCH, TRACE],
            Name::Eval => &[MODEL, BATCH],
            Name::Train => TRAIN_FLAGS,
        }
    }

    /// One usage line, e.g. `lightbulb eval --model M.json --batch B.json`.
    pub fn usage(self) -> String {
        let mut line = format!("lightbulb {}", self.word());
        for flag in self.flags() {
            let text = match flag.value {
                Some(v) => format!("--{} {v}", flag.name),
                None => format!("--{}", flag.name),
            };
            if flag.required {
                line.push_str(&format!(" {text}"));
            } else {
                line.push_str(&format!(" [{text}]"));
            }
        }
        line
    }
}

/// The general usage line.
pub const USAGE: &str = "lightbulb <step|eval|train> [flags]; lightbulb <command> --help";

/// The flags of `lightbulb train`, all optional.
const TRAIN_FLAGS: &[Flag] = &[
    Flag::optional("dataset", "NAME"),
    Flag::optional("points", "N"),
    Flag::optional("noise", "PERCENT"),
    Flag::optional("train-percent", "PERCENT"),
    Flag::optional("classes", "K"),
    Flag::optional("features", "LIST"),
    Flag::optional("layers", "LIST"),
    Flag::optional("activation", "NAME"),
    Flag::optional("init", "NAME"),
    Flag::optional("loss", "NAME"),
    Flag::optional("optimizer", "NAME"),
    Flag::optional("lr", "RATE"),
    Flag::optional("batch-size", "N"),
    Flag::optional("regularization", "NAME"),
    Flag::optional("reg-rate", "RATE"),
    Flag::optional("epochs", "N"),
    Flag::optional("seed", "N"),
    Flag::optional("resume", "S.json"),
    Flag::optional("out", "M.json"),
    Flag::optional("session", "S.json"),
    Flag::switch("json"),
];

/// One flag of a command.
#[derive(Debug, Clone, Copy)]
struct Flag {
    name: &'static str,
    /// Placeholder of its value; `None` for a switch.
    value: Option<&'static str>,
    required: bool,
}

impl Flag {
    const fn required(name: &'static str, value: &'static str) -> Flag {
        Flag {
            name,
            value: Some(value),
            required: true,
        }
    }

    const fn optional(name: &'static str, value: &'static str) -> Flag {
        Flag {
            name,
            value: Some(value),
            required: false,
        }
    }

    const fn switch(name: &'static str) -> Flag {
        Flag {
            name,
            value: None,
            required: false,
        }
    }
}

/// The flags given to a command, by name (a switch has an empty value).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    values: Vec<(&'static str, String)>,
}

impl Flags {
    /// The value of `--name`, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether `--name` was given.
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    fn take(&mut self, name: &str) -> String {
        self.get(name).map(str::to_owned).unwrap_or_default()
    }
}

/// Parses the arguments after the program name.
pub fn parse(args: &[OsString]) -> Outcome<Command> {
    let args = args
        .iter()
        .map(|a| {
            a.to_str().map(str::to_owned).ok_or_else(|| {
                general(format!(
                    "argument {:?} is not valid UTF-8",
                    a.to_string_lossy()
                ))
            })
        })
        .collect::<Outcome<Vec<String>>>()?;
    let Some((first, rest)) = args.split_first() else {
        return Err(general("no command given"));
    };
    match first.as_str() {
        "--help" | "-h" | "help" => help_topic(rest),
        word => match Name::parse(word) {
            Some(name) => command(name, rest),
            None => Err(general(format!("unknown command \"{}\"", clip(word)))),
        },
    }
}

fn help_topic(rest: &[String]) -> Outcome<Command> {
    match rest {
        [] => Ok(Command::Help(None)),
        [word] => Name::parse(word)
            .map(|n| Command::Help(Some(n)))
            .ok_or_else(|| general(format!("unknown command \"{}\"", clip(word)))),
        _ => Err(general("help takes at most one command name")),
    }
}

fn command(name: Name, rest: &[String]) -> Outcome<Command> {
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(Command::Help(Some(name)));
    }
    let mut given = flags(name, rest)?;
    Ok(match name {
        Name::Step => Command::Step {
            model: given.take("model"),
            batch: given.take("batch"),
            trace: given.has("trace"),
        },
        Name::Eval => Command::Eval {
            model: given.take("model"),
            batch: given.take("batch"),
        },
        Name::Train => Command::Train(given),
    })
}

fn flags(name: Name, rest: &[String]) -> Outcome<Flags> {
    let specs = name.flags();
    let usage_error =
        |message: String| Failure::input(format!("{message}; usage: {}", name.usage()));
    let mut values: Vec<(&'static str, String)> = Vec::new();
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        let Some(body) = arg.strip_prefix("--") else {
            return Err(usage_error(format!(
                "unexpected argument \"{}\"",
                clip(arg)
            )));
        };
        let (key, inline) = match body.split_once('=') {
            Some((k, v)) => (k, Some(v.to_owned())),
            None => (body, None),
        };
        let Some(&spec) = specs.iter().find(|f| f.name == key) else {
            return Err(usage_error(format!("unknown flag \"--{}\"", clip(key))));
        };
        if values.iter().any(|(n, _)| *n == spec.name) {
            return Err(usage_error(format!("--{key} is given twice")));
        }
        let value = match (spec.value, inline) {
            (None, None) => String::new(),
            (None, Some(_)) => return Err(usage_error(format!("--{key} takes no value"))),
            (Some(_), Some(v)) => v,
            (Some(placeholder), None) => match args.next() {
                Some(v) if !v.starts_with("--") => v.clone(),
                _ => {
                    return Err(usage_error(format!(
                        "--{key} needs a value ({placeholder})"
                    )))
                }
            },
        };
        if spec.value.is_some() && value.is_empty() {
            return Err(usage_error(format!("--{key} needs a non-empty value")));
        }
        values.push((spec.name, value));
    }
    if let Some(spec) = specs
        .iter()
        .find(|spec| spec.required && !values.iter().any(|(n, _)| *n == spec.name))
    {
        return Err(usage_error(format!(
            "missing --{} {}",
            spec.name,
            spec.value.unwrap_or_default()
        )));
    }
    Ok(Flags { values })
}

fn general(message: impl std::fmt::Display) -> Failure {
    Failure::input(format!("{message}; usage: {USAGE}"))
}

/// At most 40 characters of an argument, for messages.
fn clip(s: &str) -> String {
    lightbulb_core::json_read::clip(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Outcome<Command> {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        parse(&args)
    }

    #[test]
    fn flags_in_any_order_and_with_equals() {
        let expected = Command::Step {
            model: "m.json".into(),
            batch: "b.json".into(),
            trace: true,
        };
        assert_eq!(
            run(&["step", "--trace", "--batch", "b.json", "--model=m.json"]),
            Ok(expected)
        );
        assert_eq!(
            run(&["eval", "--model", "m", "--batch", "b"]),
            Ok(Command::Eval {
                model: "m".into(),
                batch: "b".into()
            })
        );
    }

    #[test]
    fn help_forms() {
        assert_eq!(run(&["--help"]), Ok(Command::Help(None)));
        assert_eq!(run(&["help", "eval"]), Ok(Command::Help(Some(Name::Eval))));
        assert_eq!(
            run(&["step", "--bogus", "-h"]),
            Ok(Command::Help(Some(Name::Step)))
        );
    }

    #[test]
    fn mistakes_name_the_problem_and_show_usage() {
        let cases: [(&[&str], &str); 9] = [
            (&[], "no command given"),
            (&["stpe"], "unknown command \"stpe\""),
            (
                &["step", "--model", "m", "--batch", "b", "--lr", "1"],
                "unknown flag \"--lr\"",
            ),
            (&["step", "--model", "m"], "missing --batch B.json"),
            (
                &["step", "--model", "m", "--model", "n", "--batch", "b"],
                "--model is given twice",
            ),
            (
                &["step", "--model", "--batch", "b"],
                "--model needs a value (M.json)",
            ),
            (
                &["step", "--model", "m", "--batch", "b", "--trace=yes"],
                "--trace takes no value",
            ),
            (&["eval", "m.json"], "unexpected argument \"m.json\""),
            (
                &["eval", "--model=", "--batch", "b"],
                "--model needs a non-empty value",
            ),
        ];
        for (args, needle) in cases {
            let err = run(args).expect_err(needle);
            assert_eq!(err.code, 2);
            assert!(
                err.message.contains(needle),
                "{err} should contain {needle}"
            );
            assert!(err.message.contains("usage: lightbulb"), "{err}");
        }
    }

    #[test]
    fn train_flags_by_name() {
        let Ok(Command::Train(flags)) = run(&["train", "--lr=0.1", "--json", "--layers", "8,8"])
        else {
            panic!("train should parse");
        };
        assert_eq!(flags.get("lr"), Some("0.1"));
        assert_eq!(flags.get("layers"), Some("8,8"));
        assert!(flags.has("json"));
        assert!(!flags.has("out"));
        assert!(run(&["train", "--model", "m"]).is_err());
    }

    #[test]
    fn usage_lines() {
        assert_eq!(
            Name::Step.usage(),
            "lightbulb step --model M.json --batch B.json [--trace]"
        );
        assert_eq!(
            Name::Eval.usage(),
            "lightbulb eval --model M.json --batch B.json"
        );
    }
}
