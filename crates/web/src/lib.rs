//! # lightbulb-web
//!
//! The page of Lightbulb, in two halves behind one opaque handle,
//! [`Lightbulb`]:
//!
//! - the [`controller`]: what the page decides (the settings, the session,
//!   the animated step, play, the narration), plain Rust tested natively;
//! - the [`view`]: the canvases, painted through web-sys from the scene the
//!   controller hands over.
//!
//! This file is the wasm-bindgen boundary: each export forwards in a few
//! lines. JavaScript wires DOM controls to these methods and runs the
//! `requestAnimationFrame` loop, calling [`Lightbulb::frame`]. Layout,
//! colours and glow are plain Rust functions, tested natively.
//!
//! ```
//! use lightbulb_web::controller::PageState;
//!
//! // The page's configuration comes from the URL hash; bad keys are reported, not fatal.
//! let (state, ignored) = PageState::from_hash("#dataset=xor&layers=8,8&lr=abc");
//! assert_eq!(state.get("layers").as_deref(), Some("8,8"));
//! assert_eq!(ignored.len(), 1);
//! // In the browser: `new Lightbulb(location.hash)`, `attach(…)`, then
//! // `frame(performance.now())` every animation frame.
//! ```
//!
//! Every exported function returns `Result<_, JsError>` (an error is thrown
//! in JavaScript, and the page shows it): a panic would abort the whole
//! instance, so this crate also denies `unwrap`, `expect`, `panic!`,
//! `unreachable!` and slice indexing outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable
    )
)]

#[cfg(feature = "bench")]
pub mod bench;
pub mod color;
pub mod controller;
pub mod digits_view;
#[cfg(test)]
mod export_results;
pub mod glow;
pub mod hit;
pub mod layout;
pub mod legible;
pub mod offscreen;
pub mod plot;
pub mod render;
pub mod scene;
pub mod thumbs;
pub mod view;

use controller::Controller;
use view::{Surface, View};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The crate version, so the page can show which build it runs.
#[wasm_bindgen]
pub fn version() -> Result<String, JsError> {
    Ok(env!("CARGO_PKG_VERSION").to_string())
}

/// The settings table as JSON, for the page's controls: key, label, type,
/// effect, default, and limits or choices (see [`controller::settings`]).
#[wasm_bindgen]
pub fn settings() -> Result<String, JsError> {
    Ok(controller::settings::table_json())
}

/// Draws a live thumbnail of a dataset on `canvas` (for the dataset picker):
/// a few hundred points of `kind` (`"circle"`, `"spiral"`, `"multi_gauss"`,
/// …) at `noise` percent (0..=50) with `classes` classes (2..=10, checked
/// for every kind, used by blobs and spiral), coloured as in the data plot.
/// The canvas's backing store is sized to its CSS size × devicePixelRatio.
/// Fails, drawing nothing, on an unknown kind, a non-finite or out-of-range
/// noise, or a class count outside 2..=10; the message names the value.
#[wasm_bindgen]
pub fn draw_dataset_preview(
    canvas: HtmlCanvasElement,
    kind: &str,
    classes: usize,
    noise: f64,
) -> Result<(), JsError> {
    if kind == controller::settings::DIGITS {
        return Ok(digits_view::tile::draw(canvas)?);
    }
    let points = controller::preview::preview_points(kind, classes, noise)
        .map_err(|e| JsError::new(&format!("dataset preview: {e}")))?;
    plot::preview::draw_preview(&canvas, &points).map_err(|e| {
        JsError::new(&format!(
            "dataset preview of {kind}: drawing failed: {}",
            e.as_string().unwrap_or_else(|| format!("{e:?}"))
        ))
    })
}

/// The longest share link the page makes, in characters after the `#`.
#[wasm_bindgen]
pub fn share_limit() -> Result<usize, JsError> {
    Ok(controller::share::SHARE_LIMIT)
}

/// The QR code of `text`: its modules row by row (1 dark, 0 light), a
/// square. Fails when no QR code holds the text.
#[wasm_bindgen]
pub fn share_qr(text: &str) -> Result<Vec<u8>, JsError> {
    let (_, modules) = controller::share::qr(text)?;
    Ok(modules.into_iter().map(u8::from).collect())
}

/// What an embedded page can show, as JSON: `[[name, what it shows,
/// whether lock= can name it], …]`.
#[wasm_bindgen]
pub fn embed_controls() -> Result<String, JsError> {
    let pairs: Vec<String> = controller::settings::EMBED_CONTROLS
        .iter()
        .map(|(n, what, lockable)| format!("[\"{n}\",\"{what}\",{lockable}]"))
        .collect();
    Ok(format!("[{}]", pairs.join(",")))
}

/// Lightbulb's state, behind one opaque handle: the controller decides, the view paints.
#[wasm_bindgen]
pub struct Lightbulb {
    ctl: Controller,
    view: View,
    digits: digits_view::DigitsView,
}

#[wasm_bindgen]
impl Lightbulb {
    /// Builds the page state from a URL hash. A bad hash never fails: what
    /// can be read is used, and [`Lightbulb::notice`] says what was ignored.
    #[wasm_bindgen(constructor)]
    pub fn new(hash: &str) -> Result<Lightbulb, JsError> {
        let mut ctl = Controller::new(hash)?;
        // Turbo's work budget is measured with the page's clock, to a
        // fraction of a millisecond where the page has one.
        match web_sys::window().and_then(|w| w.performance()) {
            Some(clock) => ctl.set_clock(Box::new(move || clock.now())),
            None => ctl.set_clock(Box::new(js_sys::Date::now)),
        }
        Ok(Lightbulb {
            ctl,
            view: View::new(),
            digits: digits_view::DigitsView::default(),
        })
    }

    /// The canvases to draw on: the network view, the data plot and the loss chart.
    pub fn attach(
        &mut self,
        network: HtmlCanvasElement,
        data: HtmlCanvasElement,
        chart: HtmlCanvasElement,
    ) -> Result<(), JsError> {
        let surfaces = (
            Surface::new(network)?,
            Surface::new(data)?,
            Surface::new(chart)?,
        );
        self.view.attach(surfaces.0, surfaces.1, surfaces.2);
        Ok(())
    }

    /// Canvas `which` (0 the network view, 1 the data plot, 2 the loss
    /// chart) is on or near the screen (`on`), or scrolled away. While
    /// playing, one away is not painted; it is painted in the first frame
    /// after it comes back.
    pub fn set_canvas_visible(&mut self, which: usize, on: bool) -> Result<(), JsError> {
        self.view.set_visible(which, on);
        Ok(())
    }

    /// How many times each canvas has been painted since the page opened:
    /// `[network, data plot, loss chart]` (a canvas whose picture did not
    /// change is not painted).
    pub fn canvas_paints(&self) -> Result<Vec<f64>, JsError> {
        Ok(self.view.painted().map(|n| n as f64).to_vec())
    }

    /// Advances training or the animation to time `now` (ms) and draws everything.
    pub fn frame(&mut self, now: f64) -> Result<(), JsError> {
        self.ctl.frame(now)?;
        if self.ctl.digits_wanted() {
            self.digits.draw(&self.ctl)?;
            return Ok(());
        }
        self.view.draw(self.ctl.frame_view()?)?;
        self.ctl.frame_drawn();
        Ok(())
    }

    /// The canvas of the digits task's network view.
    pub fn attach_digits(&mut self, canvas: HtmlCanvasElement) -> Result<(), JsError> {
        self.digits.attach(Surface::new(canvas)?);
        Ok(())
    }

    /// Whether the page is on the digits task (`dataset=digits`).
    pub fn digits_wanted(&self) -> Result<bool, JsError> {
        Ok(self.ctl.digits_wanted())
    }

    /// Whether the digits images have been handed over.
    pub fn digits_loaded(&self) -> Result<bool, JsError> {
        Ok(self.ctl.digits_loaded())
    }

    /// Hands over the digits file the page fetched (`digits.bin`); the core
    /// decodes it. A file that cannot be read is refused and nothing changes.
    pub fn load_digits(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        Ok(self.ctl.load_digits(bytes)?)
    }

    /// A drawing of `side` × `side` ink values in [0, 1], row by row: it is
    /// reduced to 8 × 8 and becomes the input. Refused (nothing changes)
    /// when it cannot be read.
    pub fn digits_draw(&mut self, ink: &[f64], side: usize) -> Result<(), JsError> {
        Ok(self.ctl.digits_draw(ink, side)?)
    }

    /// Clears the drawing: a blank input.
    pub fn digits_clear(&mut self) -> Result<(), JsError> {
        Ok(self.ctl.digits_clear()?)
    }

    /// Shows test image `k` as the input.
    pub fn digits_show_test(&mut self, k: usize) -> Result<(), JsError> {
        Ok(self.ctl.digits_show_test(k)?)
    }

    /// The 10 probabilities the output bulbs show (empty before they are computed).
    pub fn digits_outputs(&self) -> Result<Vec<f64>, JsError> {
        Ok(self.ctl.digits_outputs())
    }

    /// The 8 × 8 input the bulbs show, pixels 0–16 (empty without the task).
    pub fn digits_pixels(&self) -> Result<Vec<u8>, JsError> {
        Ok(self
            .ctl
            .digits()
            .map_or_else(Vec::new, |t| t.pixels().to_vec()))
    }

    /// A number that changes whenever the results panel may have changed.
    pub fn digits_results_version(&self) -> Result<u32, JsError> {
        Ok(self.ctl.digits_results_version())
    }

    /// The results panel (accuracy, confusion matrix, misclassified images) as HTML.
    pub fn digits_results_html(&self) -> Result<String, JsError> {
        Ok(self.ctl.digits_results_html())
    }

    /// The pointer is at CSS (x, y) on the digits canvas (NaN: it left):
    /// the equation of the bulb there, or "".
    pub fn digits_hover(&mut self, x: f64, y: f64) -> Result<String, JsError> {
        let bulb = self.digits.hit(x, y);
        Ok(self.ctl.digits_hover(bulb))
    }

    /// What the link's hash held that could not be used ("" if nothing).
    pub fn notice(&self) -> Result<String, JsError> {
        Ok(self.ctl.notice().to_string())
    }

    /// The controls an embedded page shows, comma-separated (`embed=…` in
    /// the link), or `undefined` when the page is not embedded.
    pub fn embedded(&self) -> Result<Option<String>, JsError> {
        Ok(self.ctl.embedded().map(|names| names.join(",")))
    }

    /// The controls the link locks, comma-separated (`lock=…`; "" for none):
    /// shown but disabled, and every change through them is refused.
    pub fn locked(&self) -> Result<String, JsError> {
        Ok(self.ctl.locked().join(","))
    }

    /// The whole configuration as a URL hash (without `#`).
    pub fn hash(&self) -> Result<String, JsError> {
        Ok(self.ctl.hash())
    }

    /// One setting's current value, as text (see the settings table).
    pub fn get(&self, key: &str) -> Result<String, JsError> {
        let setting = controller::settings::lookup(key)?;
        Ok(setting.format(self.ctl.state()))
    }

    /// Changes one setting (see its effect in the settings table). On error nothing changes.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), JsError> {
        Ok(self.ctl.set(key, value)?)
    }

    /// The losses that fit the current problem, as `[value, label, …]` pairs flattened.
    pub fn loss_choices(&self) -> Result<Vec<String>, JsError> {
        let pairs = self.ctl.loss_choices().into_iter();
        Ok(pairs
            .flat_map(|(v, l)| [v.to_string(), l.to_string()])
            .collect())
    }

    /// Whether a setting means something now (the class count only for blobs and spiral).
    pub fn applies(&self, key: &str) -> Result<bool, JsError> {
        Ok(self.ctl.applies(key))
    }

    /// Starts again from the same seed: the same starting weights, counters at 0.
    pub fn reset(&mut self) -> Result<(), JsError> {
        Ok(self.ctl.reset()?)
    }

    /// New data from a new seed.
    pub fn regenerate(&mut self) -> Result<(), JsError> {
        Ok(self.ctl.regenerate()?)
    }

    /// Play: one epoch per frame until paused or diverged.
    pub fn play(&mut self) -> Result<(), JsError> {
        self.ctl.play();
        Ok(())
    }

    /// Pause; the narration says where training stopped.
    pub fn pause(&mut self) -> Result<(), JsError> {
        self.ctl.pause();
        Ok(())
    }

    /// Whether playing.
    pub fn playing(&self) -> Result<bool, JsError> {
        Ok(self.ctl.playing())
    }

    /// Whether an animated step or phase is running (the page keeps every
    /// frame then, even where a phase's picture holds still).
    pub fn animating(&self) -> Result<bool, JsError> {
        Ok(self.ctl.animating())
    }

    /// One mini-batch, animated phase by phase.
    pub fn step(&mut self) -> Result<(), JsError> {
        Ok(self.ctl.step()?)
    }

    /// Exactly one phase, then stop.
    pub fn phase(&mut self) -> Result<(), JsError> {
        Ok(self.ctl.phase()?)
    }

    /// Goes back one phase (projector mode's PageUp), into the step before
    /// through the history when at a step's first phase; returns false,
    /// saying why, when the history holds no earlier phase.
    pub fn phase_back(&mut self) -> Result<bool, JsError> {
        Ok(self.ctl.phase_back()?)
    }

    /// Projector mode: a click at CSS px (x, y) on the network puts the bulb
    /// there in the spotlight, or ends it. Returns `[layer, index]` or `[]`.
    pub fn spotlight(&mut self, x: f64, y: f64) -> Result<Vec<f64>, JsError> {
        let hit = self.view.hit(x, y);
        Ok(self
            .ctl
            .spotlight(hit)
            .map_or_else(Vec::new, |(l, i)| vec![l as f64, i as f64]))
    }

    /// Moves the probe point (the input sliders) and shows its activations.
    pub fn set_input(&mut self, x1: f64, x2: f64) -> Result<(), JsError> {
        Ok(self.ctl.set_input(x1, x2)?)
    }

    /// Hover over the network canvas at CSS px (x, y): the read-out for the
    /// bulb or wire there ("" for nothing).
    pub fn hover_network(&mut self, x: f64, y: f64) -> Result<String, JsError> {
        Ok(self.ctl.hover_network(self.view.hit(x, y)))
    }

    /// The wire under CSS px (x, y) as `[layer, from, to, weight]`, or an empty list.
    pub fn wire_at(&self, x: f64, y: f64) -> Result<Vec<f64>, JsError> {
        Ok(self
            .ctl
            .wire(self.view.hit(x, y))
            .map_or_else(Vec::new, |(l, f, t, w)| {
                vec![l as f64, f as f64, t as f64, w]
            }))
    }

    /// Sets one weight (matrix `layer`, from input `from` to neuron `to`).
    pub fn set_weight(
        &mut self,
        layer: usize,
        from: usize,
        to: usize,
        value: f64,
    ) -> Result<(), JsError> {
        Ok(self.ctl.set_weight(layer, from, to, value)?)
    }

    /// Data coordinates of CSS px (x, y) on the data plot.
    pub fn plot_point(&self, x: f64, y: f64) -> Result<Vec<f64>, JsError> {
        let (x1, x2) = self.view.plot_point(x, y);
        Ok(vec![x1, x2])
    }

    /// Adds a point of `label` (a class index, or a value for regression).
    pub fn add_point(&mut self, x1: f64, x2: f64, label: f64) -> Result<(), JsError> {
        Ok(self.ctl.add_point(x1, x2, label)?)
    }

    /// Removes the point nearest to (x1, x2); returns whether one was removed.
    pub fn remove_point(&mut self, x1: f64, x2: f64) -> Result<bool, JsError> {
        Ok(self.ctl.remove_point(x1, x2)?)
    }

    /// Removes every point.
    pub fn clear_points(&mut self) -> Result<(), JsError> {
        Ok(self.ctl.clear_points()?)
    }

    /// Replaces the points with `x1,x2,label` rows; returns their number.
    pub fn paste_csv(&mut self, text: &str) -> Result<usize, JsError> {
        Ok(self.ctl.paste_csv(text)?)
    }

    /// The model file of the current network.
    pub fn export_model(&self) -> Result<String, JsError> {
        Ok(self.ctl.export_model())
    }

    /// Loads a model file. On error nothing changes.
    pub fn import_model(&mut self, text: &str) -> Result<(), JsError> {
        Ok(self.ctl.import_model(text)?)
    }

    /// The session file: model, data (custom points too), counters and history.
    pub fn save_session(&self) -> Result<String, JsError> {
        Ok(self.ctl.save_session())
    }

    /// What a session file saved now holds and leaves out, in words.
    pub fn save_note(&self) -> Result<String, JsError> {
        Ok(self.ctl.save_note())
    }

    /// Opens a session file. On error nothing changes.
    pub fn open_session(&mut self, text: &str) -> Result<(), JsError> {
        Ok(self.ctl.open_session(text)?)
    }

    /// Weight `from → to` of matrix `layer` checked on the batch of the step
    /// on screen: backprop beside a finite difference, and each example's
    /// share (JSON).
    pub fn inspect_weight(&self, layer: usize, from: usize, to: usize) -> Result<String, JsError> {
        Ok(self.ctl.inspect_weight(layer, from, to)?)
    }

    /// The training point nearest data coordinates (x1, x2), within
    /// `radius`: its push on every weight and bias (JSON, `null` if none).
    pub fn point_push(&self, x1: f64, x2: f64, radius: f64) -> Result<String, JsError> {
        Ok(self.ctl.point_push(x1, x2, radius)?)
    }

    /// Every gradient checked on the batch of the step on screen (JSON).
    pub fn check_all_gradients(&self) -> Result<String, JsError> {
        Ok(self.ctl.check_all_gradients()?)
    }

    /// Takes one step and returns three files' text: its model (before the
    /// step), its batch and its trace.
    pub fn export_step(&mut self) -> Result<Vec<String>, JsError> {
        Ok(self.ctl.export_step()?.to_vec())
    }

    /// The page as kept in the browser: the session file with the page's
    /// settings ("" in learn mode). Fails when it is too large to keep.
    pub fn saved_page(&self) -> Result<String, JsError> {
        Ok(self.ctl.saved_page()?.unwrap_or_default())
    }

    /// Restores a saved page unless `link` (the URL hash) asks for other
    /// settings; returns whether it did. A corrupt, too large or older saved
    /// page is refused with the reason, and nothing changes.
    pub fn restore_saved(&mut self, text: &str, link: &str) -> Result<bool, JsError> {
        Ok(self.ctl.restore_saved(text, link)?)
    }

    /// The share link's hash (without `#`): the settings, the points when
    /// they are not the generated ones, and with `weights` the model. Fails,
    /// naming the length, past the limit (then the session file carries it).
    pub fn share_hash(&self, weights: bool) -> Result<String, JsError> {
        Ok(self.ctl.share_hash(weights)?)
    }

    /// What the Share panel says about the weights in a share link's hash:
    /// exact or rounded, and that the optimizer's running averages stay
    /// behind ("" for a link without weights).
    pub fn share_note(&self, hash: &str) -> Result<String, JsError> {
        Ok(self.ctl.share_note(hash))
    }

    /// Completed steps.
    pub fn steps(&self) -> Result<f64, JsError> {
        Ok(self.ctl.steps() as f64)
    }

    /// Completed epochs.
    pub fn epoch(&self) -> Result<f64, JsError> {
        Ok(self.ctl.epoch() as f64)
    }

    /// One of the metrics as of the last frame: 0 train loss, 1 test loss,
    /// 2 train accuracy, 3 test accuracy; −1 when missing.
    pub fn metric(&self, index: usize) -> Result<f64, JsError> {
        Ok(self.ctl.metric(index))
    }

    /// The loss in words, e.g. "mean squared error".
    pub fn loss_name(&self) -> Result<String, JsError> {
        Ok(self.ctl.loss_name().to_string())
    }

    /// Changes whenever the narration or the notice does.
    pub fn revision(&self) -> Result<u32, JsError> {
        Ok(self.ctl.revision())
    }

    /// Changes whenever the page should rewrite its counters, metrics and
    /// history slider: every frame when paused, a few times a second while playing.
    pub fn readout(&self) -> Result<u32, JsError> {
        Ok(self.ctl.readout())
    }

    /// What the last phase did, in words.
    pub fn narration(&self) -> Result<String, JsError> {
        Ok(self.ctl.narration().to_string())
    }

    /// The guard's notice, or "" while training is healthy.
    pub fn divergence(&self) -> Result<String, JsError> {
        Ok(self.ctl.divergence())
    }

    /// Changes whenever the probe point moves.
    pub fn probe_moves(&self) -> Result<u32, JsError> {
        Ok(self.ctl.probe_moves())
    }

    /// What the notice is about: "diverged", "growing", "stalled" or "".
    pub fn alert_kind(&self) -> Result<String, JsError> {
        Ok(self.ctl.alert_kind().to_string())
    }

    /// The offered learning rate as the lists write it ("0.1"), or "" for none.
    pub fn safe_rate_text(&self) -> Result<String, JsError> {
        Ok(self
            .ctl
            .safe_rate()
            .map(controller::settings::fmt)
            .unwrap_or_default())
    }

    /// Sets the offered learning rate and resets: same seed, same data.
    pub fn reset_with_rate(&mut self) -> Result<(), JsError> {
        Ok(self.ctl.reset_with_rate()?)
    }

    /// What Undo would bring back after a reset, new data, a rebuild or
    /// cleared points, as a sentence; "" when nothing is on offer.
    pub fn bring_back_offer(&self) -> Result<String, JsError> {
        Ok(self.ctl.bring_back_offer().unwrap_or_default())
    }

    /// Undo: brings back the run put aside, as it was.
    pub fn bring_back(&mut self) -> Result<(), JsError> {
        Ok(self.ctl.bring_back()?)
    }

    /// Forgets the run put aside (Dismiss on the Undo offer).
    pub fn forget_put_aside(&mut self) -> Result<(), JsError> {
        self.ctl.forget_put_aside();
        Ok(())
    }

    /// Hides a warning (a blow-up, a stall) until the next run.
    pub fn dismiss_alert(&mut self) -> Result<(), JsError> {
        self.ctl.dismiss_alert();
        Ok(())
    }

    /// The oldest step the history can show.
    pub fn history_first(&self) -> Result<f64, JsError> {
        Ok(self.ctl.history_first() as f64)
    }

    /// The newest step of the history.
    pub fn history_last(&self) -> Result<f64, JsError> {
        Ok(self.ctl.history_last() as f64)
    }

    /// Whether a past step is on screen.
    pub fn in_the_past(&self) -> Result<bool, JsError> {
        Ok(self.ctl.in_the_past())
    }

    /// Shows the network exactly as it was after `step` steps. On error nothing changes.
    pub fn seek(&mut self, step: f64) -> Result<(), JsError> {
        Ok(self.ctl.seek(step)?)
    }

    /// Forgets the steps after the one on screen (with `keep`, kept as a branch first).
    pub fn continue_from_here(&mut self, keep: bool) -> Result<(), JsError> {
        Ok(self.ctl.continue_from_here(keep)?)
    }

    /// Whether `action` ("train", "weight" or a setting's key) at the step on
    /// screen first needs the later steps dropped or kept as a branch.
    pub fn asks_before(&self, action: &str) -> Result<bool, JsError> {
        Ok(self.ctl.asks_before(action))
    }

    /// The question asked before going on from a past step.
    pub fn continue_prompt(&self) -> Result<String, JsError> {
        Ok(self.ctl.continue_prompt())
    }

    /// Whether another branch can be kept.
    pub fn can_keep_branch(&self) -> Result<bool, JsError> {
        Ok(self.ctl.can_keep_branch())
    }

    /// The lines of the run as `[name, label, …]` pairs flattened, the one on screen first.
    pub fn branches(&self) -> Result<Vec<String>, JsError> {
        let pairs = self.ctl.branches().into_iter();
        Ok(pairs.flat_map(|(n, l)| [n, l]).collect())
    }

    /// How many branches are kept besides the line on screen (the page
    /// lists them only when there are some).
    pub fn kept_branches(&self) -> Result<usize, JsError> {
        Ok(self.ctl.kept_branches())
    }

    /// Shows the kept branch `name` at its newest step. On error nothing changes.
    pub fn switch_branch(&mut self, name: &str) -> Result<(), JsError> {
        Ok(self.ctl.switch_branch(name)?)
    }

    /// Forgets the kept branch `name`. On error nothing changes.
    pub fn delete_branch(&mut self, name: &str) -> Result<(), JsError> {
        Ok(self.ctl.delete_branch(name)?)
    }

    /// Pins the run on screen (run A) and starts run B from the same initial
    /// weights and data. On error nothing changes.
    pub fn compare(&mut self) -> Result<(), JsError> {
        Ok(self.ctl.compare()?)
    }

    /// While comparing, shows the other run at the same step. On error nothing changes.
    pub fn switch_run(&mut self) -> Result<(), JsError> {
        Ok(self.ctl.switch_run()?)
    }

    /// Stops comparing: the run not on screen is forgotten.
    pub fn stop_comparing(&mut self) -> Result<(), JsError> {
        self.ctl.stop_comparing();
        Ok(())
    }

    /// While comparing, `[the run on screen, the other run]` ("run A", "run B"); else empty.
    pub fn run_names(&self) -> Result<Vec<String>, JsError> {
        Ok(self
            .ctl
            .run_names()
            .map_or_else(Vec::new, |(a, b)| vec![a.to_string(), b.to_string()]))
    }

    /// Undoes the last weight set by hand at this step; returns whether there was one.
    pub fn undo(&mut self) -> Result<bool, JsError> {
        Ok(self.ctl.undo()?)
    }

    /// Adds a lesson file (checked: a bad one is refused with a message that
    /// names the lesson and the field). Returns how many lessons there are.
    pub fn add_lesson(&mut self, name: &str, text: &str) -> Result<usize, JsError> {
        Ok(self.ctl.add_lesson(name, text)?)
    }

    /// The lessons loaded, as JSON: `[{"title": …, "screens": n}, …]`.
    pub fn lessons_json(&self) -> Result<String, JsError> {
        Ok(self.ctl.lessons_json())
    }

    /// Opens screen `screen` of lesson `lesson` (both from 0) on the real app.
    pub fn open_lesson(&mut self, lesson: usize, screen: usize) -> Result<(), JsError> {
        Ok(self.ctl.open_lesson(lesson, screen)?)
    }

    /// Leaves learn mode, keeping the state on screen for the playground.
    pub fn leave_lesson(&mut self) -> Result<(), JsError> {
        self.ctl.leave_lesson();
        Ok(())
    }

    /// The lesson screen on show as JSON ("null" outside learn mode).
    pub fn lesson_json(&mut self) -> Result<String, JsError> {
        Ok(self.ctl.lesson_json())
    }

    /// Answers the prediction with choice `choice` (from 0), or skips it with
    /// −1 (the first skip only reminds: returns false). Then reveals.
    pub fn predict(&mut self, choice: i32) -> Result<bool, JsError> {
        Ok(self.ctl.predict(usize::try_from(choice).ok())?)
    }

    /// Whether the screen's task is met by the live state.
    pub fn task_met(&mut self) -> Result<bool, JsError> {
        Ok(self.ctl.task_met())
    }

    /// What the last frame drew, as JSON, for tests and tools that cannot read a canvas.
    pub fn view_report(&self) -> Result<String, JsError> {
        Ok(self.view.report(self.ctl.scene()))
    }

    /// Projector mode's type on the canvases (24 px text at 7:1 contrast)
    /// on or off; the next frame draws with it.
    pub fn set_projector(&mut self, on: bool) -> Result<(), JsError> {
        self.view.set_projector(on);
        self.digits
            .set_min_font(if on { legible::PROJECTOR_TEXT } else { 0.0 });
        Ok(())
    }

    /// Which input the bulbs show, in words.
    pub fn shown_input(&self) -> Result<String, JsError> {
        Ok(self.ctl.shown_input())
    }

    /// The numbers panel as HTML tables.
    pub fn numbers_html(&mut self) -> Result<String, JsError> {
        Ok(self.ctl.numbers_html().to_string())
    }

    /// How many points there are, as `[train, test]`.
    pub fn point_counts(&self) -> Result<Vec<f64>, JsError> {
        Ok(self.ctl.point_counts().map(|n| n as f64).to_vec())
    }

    /// How many classes the problem has (0 for regression).
    pub fn classes(&self) -> Result<usize, JsError> {
        Ok(self.ctl.classes())
    }

    /// Hover over the loss chart at CSS px x (or leave it with NaN): the read-out.
    pub fn hover_chart(&mut self, x: f64) -> Result<String, JsError> {
        self.ctl.hover_chart(x.is_finite().then_some(x));
        Ok(self.view.chart_readout(x, self.ctl.chart_records()))
    }

    /// Log scale for the loss chart.
    pub fn set_log_chart(&mut self, on: bool) -> Result<(), JsError> {
        self.ctl.set_log_chart(on);
        Ok(())
    }

    /// Index of the training point the bulbs show, or −1 while they show the probe.
    pub fn followed_point(&self) -> Result<f64, JsError> {
        Ok(self.ctl.followed_point().map_or(-1.0, |i| i as f64))
    }
}
