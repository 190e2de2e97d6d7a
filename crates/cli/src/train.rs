//! `lightbulb train`: a session trained for some epochs, written as a model
//! file (and optionally a session file).

use crate::args::TrainArgs;
use crate::fail::{Failure, Outcome};
use crate::files::{parse_json, read_text};
use crate::output::print_json;
use crate::progress::{describe, Progress};
use crate::train_args::{plan, Plan, Start};
use crate::train_digits;
use lightbulb_core::{Diverged, Model, Session, StepOutcome};
use serde_json::{json, Map, Value};

/// Runs `lightbulb train`.
pub fn run(args: &TrainArgs) -> Outcome {
    let plan = plan(args)?;
    let mut session = match &plan.start {
        Start::Digits(config) => return train_digits::run(&plan, config),
        Start::New(config) => {
            Session::new((**config).clone()).map_err(|e| Failure::input(e.to_string()))?
        }
        Start::Resume(path) => resume(path)?,
    };
    let first = session.epoch();
    let target = first + plan.epochs;
    let progress = Progress::new(plan.epochs, !plan.json);
    let mut diverged = None;
    while session.epoch() < target {
        match session
            .epoch_run()
            .map_err(|e| Failure::input(e.to_string()))?
        {
            StepOutcome::Diverged(_) => {
                diverged = session.diverged();
                break;
            }
            StepOutcome::Applied { .. } => {
                progress.epoch(session.epoch() - first, session.history().last());
            }
        }
    }
    progress.finish();

    let model = Model::from_trainer(
        session.trainer(),
        Some(session.config().features),
        session.config().seed,
    )
    .to_value();
    if let Some(path) = &plan.out {
        write(path, &model)?;
    }
    if let Some(path) = &plan.session {
        write(path, &session.to_value())?;
    }
    report(&plan, &mut session, model, first)?;
    diverged.map_or(Ok(()), |d| Err(diverged_failure(d)))
}

/// The failure of a run that stopped at a diverged step: exit code 3.
pub fn diverged_failure(d: Diverged) -> Failure {
    Failure::numeric(format!(
        "training diverged at step {}: {}; the model written is the one from before that step",
        d.step, d.divergence
    ))
}

fn resume(path: &str) -> Outcome<Session> {
    let text = read_text(path)?;
    // Parsed here first for a JSON error that names the file.
    parse_json(path, &text)?;
    Session::from_json(&text).map_err(|e| Failure::in_file(path, e))
}

/// Prints the model (if not written to a file) or, with `--json`, a summary.
fn report(plan: &Plan, session: &mut Session, model: Value, first: u64) -> Outcome {
    let last = session.metrics();
    if plan.json {
        let mut doc = Map::new();
        doc.insert("epochs".into(), json!(session.epoch() - first));
        doc.insert("total_epochs".into(), json!(session.epoch()));
        doc.insert("steps".into(), json!(session.steps()));
        doc.insert("final".into(), json!(last));
        doc.insert("history".into(), json!(session.history()));
        doc.insert(
            "diverged".into(),
            match session.diverged() {
                Some(d) => json!({"step": d.step, "reason": d.divergence.to_string()}),
                None => Value::Null,
            },
        );
        if plan.out.is_none() {
            doc.insert("model".into(), model);
        }
        return print_json(&Value::Object(doc));
    }
    let epochs = session.epoch() - first;
    let state = match describe(&last) {
        s if s.is_empty() => "no finite loss".to_owned(),
        s => s,
    };
    eprintln!(
        "trained {epochs} epoch{} ({} steps in all): {state}",
        if epochs == 1 { "" } else { "s" },
        session.steps(),
    );
    if plan.out.is_none() {
        print_json(&model)?;
    }
    Ok(())
}

/// Writes pretty JSON to `path`. A new or regular file is written through a
/// temporary file and renamed, so that a failed write never leaves half a
/// file; anything else (a device such as /dev/stdout, a symlink) is written
/// in place, never replaced.
pub fn write(path: &str, value: &Value) -> Outcome {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::io(format!("{path}: cannot encode: {e}")))?
        + "\n";
    let fail = |e: std::io::Error| Failure::io(format!("{path}: cannot write: {e}"));
    let replaceable = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta.file_type().is_file(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    };
    if !replaceable {
        return std::fs::write(path, text).map_err(fail);
    }
    let tmp = format!("{path}.tmp");
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            fail(e)
        })
}
