//! A check on the boundary's source: every function the page can call
//! returns `Result<_, JsError>`, so that a failure is an exception in
//! JavaScript, never a panic that ends the page.

/// The signature of every `pub fn` in `source`, from its name to the `{`
/// that opens its body, on one line.
fn public_signatures(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("pub fn ") {
        let from = &rest[at..];
        let end = from.find('{').unwrap_or(from.len());
        found.push(from[..end].split_whitespace().collect::<Vec<_>>().join(" "));
        rest = &from[end..];
    }
    found
}

#[test]
fn every_export_returns_a_result() {
    let files = [
        ("lib.rs", include_str!("lib.rs")),
        ("bench.rs", include_str!("bench.rs")),
        (
            "bench/digits_epoch.rs",
            include_str!("bench/digits_epoch.rs"),
        ),
    ];
    let mut seen = 0;
    for (name, source) in files {
        for signature in public_signatures(source) {
            seen += 1;
            assert!(
                signature.contains("-> Result<") && signature.contains("JsError>"),
                "{name}: `{signature}` does not return Result<_, JsError>"
            );
        }
    }
    assert!(seen >= 70, "only {seen} exports found: the scan is broken");
}

#[test]
fn the_scan_finds_a_plain_export_and_a_signature_over_several_lines() {
    let source = "pub fn a(&self) -> u32 {\n 1\n}\npub fn b(\n x: u8,\n) -> Result<(), JsError> {\n Ok(())\n}";
    assert_eq!(
        public_signatures(source),
        [
            "pub fn a(&self) -> u32",
            "pub fn b( x: u8, ) -> Result<(), JsError>"
        ]
    );
}
