//! The CLI's batch file: `batch::parse_text` for three model shapes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lightbulb_cli::batch::{parse_text, Fit, MAX_ROWS};
use lightbulb_core::FeatureSet;
use lightbulb_fuzz::{bounded, text};

fn fits() -> [Fit; 3] {
    let two = FeatureSet::from_names(&["x1", "x2_sq"]).unwrap_or_default();
    [
        Fit {
            features: Some(two),
            inputs: two.len(),
            outputs: 2,
            classes: true,
        },
        Fit {
            features: None,
            inputs: 3,
            outputs: 1,
            classes: false,
        },
        Fit {
            features: Some(FeatureSet::all()),
            inputs: FeatureSet::all().len(),
            outputs: 4,
            classes: true,
        },
    ]
}

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    for fit in fits() {
        let batch = bounded("batch::parse_text", text.len(), 0, || {
            parse_text("batch.json", &text, fit)
        });
        match batch {
            Ok(b) => {
                let rows = b.inputs.nrows();
                assert!((1..=MAX_ROWS).contains(&rows));
                assert_eq!(b.inputs.ncols(), fit.inputs);
                assert!(b.inputs.iter().all(|v| v.is_finite()));
                if let Some(t) = &b.targets {
                    assert_eq!(t.dim(), (rows, fit.outputs));
                    assert!(t.iter().all(|v| v.is_finite()));
                }
            }
            Err(e) => {
                let reason = e.message.strip_prefix("batch.json: ").unwrap_or("");
                assert!(!reason.trim().is_empty(), "{:?}", e.message);
                assert!(!e.message.contains('\n') && e.message.len() <= 400);
            }
        }
    }
});
