//! CSV paste: `parse_csv` for two classes, seven classes and regression.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lightbulb_core::dataset::parse_csv;
use lightbulb_core::Problem;
use lightbulb_fuzz::{bounded, clear, text};

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    for problem in [
        Problem::Classification { classes: 2 },
        Problem::Classification { classes: 7 },
        Problem::Regression,
    ] {
        let points = bounded("parse_csv", text.len(), 0, || parse_csv(&text, problem));
        clear("CSV", &points);
        if let Ok(points) = points {
            assert!(!points.is_empty());
            assert!(points.iter().all(|p| p.x1.is_finite() && p.x2.is_finite()));
        }
    }
});
