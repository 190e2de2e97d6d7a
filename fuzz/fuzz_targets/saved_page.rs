//! The page kept in the browser: `Controller::restore_saved`, which reads
//! whatever localStorage holds on every boot. It never panics; a refusal
//! has a message and leaves the page as it was; a page it restores saves
//! back as one that restores to the same model.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lightbulb_fuzz::{bounded, clear, text};
use lightbulb_web::controller::Controller;

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let Ok(mut page) = Controller::new("") else {
        panic!("the default page does not start");
    };
    let before = (page.hash(), page.export_model());
    // As a session file: the session builds its dataset and network too.
    let result = bounded("Controller::restore_saved", text.len(), 4 << 20, || {
        page.restore_saved(&text, "")
    });
    clear("saved page", &result);
    match result {
        Err(_) => assert_eq!((page.hash(), page.export_model()), before),
        Ok(restored) => {
            assert!(restored, "an empty link never wins");
            let Ok(Some(again)) = page.saved_page() else {
                panic!("a restored page cannot be saved");
            };
            let Ok(mut other) = Controller::new("") else {
                panic!("the default page does not start");
            };
            assert!(matches!(other.restore_saved(&again, ""), Ok(true)));
            assert_eq!(other.export_model(), page.export_model());
            assert_eq!(other.hash(), page.hash());
        }
    }
});
