//! # lightbulb-cli
//!
//! The native `lightbulb` command (`train`, `step`, `eval`) over the same core
//! as the page. This library holds the parts that read outside input, so that
//! tests and fuzz targets can call them without the binary: the batch file
//! parser ([`batch::parse_text`]), file reading and the failure type.
//!
//! ```
//! use lightbulb_cli::batch::{parse_text, Fit};
//! use lightbulb_core::FeatureSet;
//!
//! // A model that takes the 2-D point through features x1, x2 and has one output.
//! let fit = Fit { features: Some(FeatureSet::default()), inputs: 2, outputs: 1, classes: false };
//! let batch = parse_text("b.json", r#"{"inputs": [[1, 2], [3, -4]], "targets": [[1], [-1]]}"#, fit).unwrap();
//! assert_eq!(batch.inputs.dim(), (2, 2));
//!
//! // Bad values are named by their path, after the file name.
//! let bad = parse_text("b.json", r#"{"inputs": [[1, "NaN"]], "targets": [[1]]}"#, fit);
//! assert!(bad.unwrap_err().to_string().contains("inputs[0][1]"));
//! ```

pub mod batch;
pub mod fail;
pub mod files;
