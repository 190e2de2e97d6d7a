//! The model file: `Model::from_json`, as the CLI and the page read it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lightbulb_core::Model;
use lightbulb_fuzz::{bounded, clear, text};

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let model = bounded("Model::from_json", text.len(), 0, || {
        Model::from_json(&text)
    });
    clear("model file", &model);
    if let Ok(model) = model {
        // What was read writes a file that reads back the same.
        let again = Model::from_json(&model.to_json());
        assert_eq!(again.ok().as_ref(), Some(&model));
    }
});
