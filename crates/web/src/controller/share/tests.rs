//! Share links: the points and the model come back exactly; past the limit
//! the link is refused; a damaged link is reported and the settings still
//! apply.

use super::*;

fn controller(hash: &str) -> Controller {
    Controller::new(hash).unwrap_or_else(|e| panic!("{hash}: {e}"))
}

fn points(c: &Controller) -> (Vec<lightbulb_core::Point>, Vec<lightbulb_core::Point>) {
    (
        c.session().data().train.clone(),
        c.session().data().test.clone(),
    )
}

#[test]
fn base64url_round_trips_and_refuses_other_text() {
    for n in 0..40u8 {
        let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(97).wrapping_add(n)).collect();
        let text = base64::encode(&bytes);
        assert!(text
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_eq!(base64::decode(&text), Some(bytes));
    }
    assert_eq!(base64::encode(b"Man"), "TWFu");
    assert_eq!(base64::decode("A"), None);
    assert_eq!(base64::decode("TW+u"), None);
    assert_eq!(base64::decode("TW=="), None);
}

#[test]
fn points_round_trip_exactly_and_on_the_grid_in_seven_bytes() {
    use lightbulb_core::Point;
    let train = vec![
        Point {
            x1: 1.25,
            x2: -6.0,
            label: 1.0,
        },
        Point {
            x1: 0.1 + 0.2,
            x2: std::f64::consts::PI,
            label: 0.0,
        },
    ];
    let test = vec![Point {
        x1: -0.01,
        x2: 5.99,
        label: -0.37,
    }];
    let bytes = codec::encode(&train, &test);
    assert_eq!(bytes.len(), 4 + 7 + (1 + 8 + 8 + 2) + 7);
    assert_eq!(codec::decode(&bytes), Ok((train, test)));
    let cut = codec::decode(&bytes[..bytes.len() - 1]).unwrap_err();
    assert!(cut.contains("end early"), "{cut}");
    let mut long = bytes.clone();
    long.push(0);
    assert!(codec::decode(&long)
        .unwrap_err()
        .contains("1 bytes are left"));
}

#[test]
fn generated_points_need_nothing_added_ones_travel_and_come_back() {
    let mut a = controller("dataset=xor&layers=3");
    assert!(!a.share_hash(false).unwrap().contains("add="));
    assert!(!a.share_hash(false).unwrap().contains("data="));
    a.add_point(0.5, -0.25, 1.0).unwrap();
    a.add_point(2.123456789, 3.3, 0.0).unwrap();
    let link = a.share_hash(false).unwrap();
    assert!(link.contains("&add="), "{link}");
    assert!(link.len() < 500, "{}", link.len());
    let b = controller(&link);
    assert_eq!(b.notice(), "");
    assert_eq!(points(&b), points(&a));
    assert_eq!(b.hash(), a.hash());
}

#[test]
fn drawn_points_and_the_trained_model_travel_exactly() {
    let mut a = controller("dataset=circle&layers=4");
    a.clear_points().unwrap();
    for i in 0..30 {
        // Placed by hand: on the 0.01 grid, 7 bytes each.
        let t = f64::from(i) * 0.37;
        a.add_point(3.0 * t.cos(), 3.0 * t.sin(), f64::from(i % 2))
            .unwrap();
    }
    assert_eq!(a.session().data().train[1].x1, 2.8);
    a.play();
    for i in 0..3 {
        a.frame(16.0 * f64::from(i)).unwrap();
    }
    a.pause();
    let link = a.share_hash(true).unwrap();
    assert!(
        link.contains("&data=") && link.contains("&model="),
        "{link}"
    );
    let b = controller(&format!("#{link}"));
    assert_eq!(b.notice(), "");
    assert_eq!(points(&b), points(&a));
    assert_eq!(b.export_model(), a.export_model());
    // Without weights: the same points, the untrained network of the seed.
    let c = controller(&a.share_hash(false).unwrap());
    assert_eq!(points(&c), points(&a));
    assert_eq!(c.export_model(), controller(&a.hash()).export_model());
}

#[test]
fn past_the_limit_the_link_is_refused() {
    let mut a = controller("dataset=spiral");
    // One generated point removed: every point would have to travel.
    a.remove_point(0.0, 0.0).unwrap();
    let e = a.share_hash(false).unwrap_err().to_string();
    assert!(e.contains("more than the 2000 a link holds"), "{e}");
    assert!(e.contains("session file"), "{e}");
    // Six hidden layers of 8: 393 weights and biases, 2,098 characters even
    // as 32-bit floats.
    let b = controller("dataset=xor&layers=8,8,8,8,8,8&optimizer=adam");
    assert!(b.share_hash(false).is_ok());
    assert!(matches!(
        b.share_hash(true),
        Err(ShareError::TooLong { .. })
    ));
}

fn layers(c: &Controller) -> serde_json::Value {
    let model: serde_json::Value = serde_json::from_str(&c.export_model()).unwrap();
    model["layers"].clone()
}

fn trained(hash: &str) -> Controller {
    let mut a = controller(hash);
    a.play();
    for i in 0..6 {
        a.frame(16.0 * f64::from(i)).unwrap();
    }
    a.pause();
    assert!(a.steps() > 0);
    a
}

/// 2-8-8-1 with Adam: 105 weights and biases, exactly, in 1,122
/// characters of base64url (1 + 105 × 8 bytes); Adam's moments stay behind
/// and the panel says so.
#[test]
fn a_trained_adam_network_travels_exactly_without_its_moments() {
    let a = trained("dataset=xor&layers=8,8&optimizer=adam");
    let link = a.share_hash(true).unwrap();
    let model = split(&link).1.model.unwrap();
    assert_eq!(
        model.len(),
        ((1 + 105 * 8usize) * 4).div_ceil(3),
        "{}",
        model.len()
    );
    assert!(link.len() <= SHARE_LIMIT);
    let b = controller(&link);
    assert_eq!(b.notice(), "");
    assert_eq!(layers(&b), layers(&a), "the weights, bit for bit");
    assert!(
        a.export_model().contains("\"state\""),
        "the sender has Adam's moments"
    );
    assert!(
        !b.export_model().contains("\"state\""),
        "the receiver starts them afresh"
    );
    let note = a.share_note(&link);
    assert!(note.starts_with("The weights travel exactly."), "{note}");
    assert!(note.contains("Adam's running averages do not"), "{note}");
    assert_eq!(a.share_note(&a.share_hash(false).unwrap()), "");
    // Plain SGD has nothing else to say.
    let s = trained("dataset=xor&layers=3");
    assert_eq!(
        s.share_note(&s.share_hash(true).unwrap()),
        "The weights travel exactly."
    );
}

/// Four hidden layers of 8 (249 weights and biases) fit only as 32-bit
/// floats: within a relative 6e-8 of the sender's, and the panel says so.
#[test]
fn a_larger_network_travels_rounded_to_32_bits() {
    let a = trained("dataset=xor&layers=8,8,8,8&optimizer=adam");
    let link = a.share_hash(true).unwrap();
    assert!(link.len() <= SHARE_LIMIT, "{}", link.len());
    assert!(a
        .share_note(&link)
        .starts_with("The weights are rounded to 7 digits"));
    let b = controller(&link);
    assert_eq!(b.notice(), "");
    let flat = |v: serde_json::Value| -> Vec<f64> {
        let mut out = Vec::new();
        for l in v.as_array().unwrap() {
            for row in l["weights"].as_array().unwrap() {
                out.extend(row.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()));
            }
            out.extend(
                l["biases"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_f64().unwrap()),
            );
        }
        out
    };
    let (x, y) = (flat(layers(&a)), flat(layers(&b)));
    assert_eq!(x.len(), 249);
    assert_ne!(x, y);
    for (p, q) in x.iter().zip(&y) {
        assert!((p - q).abs() <= p.abs() * 6e-8, "{p} {q}");
    }
}

/// A link made before the compact weights (the model file as JSON) opens.
#[test]
fn an_older_link_with_the_model_file_still_opens() {
    let a = trained("dataset=xor&layers=3");
    let old = format!(
        "{}&model={}",
        a.hash(),
        base64::encode(a.export_model_value().to_string().as_bytes())
    );
    let b = controller(&old);
    assert_eq!(b.notice(), "");
    assert_eq!(b.export_model(), a.export_model());
}

#[test]
fn a_damaged_link_is_reported_and_its_settings_still_apply() {
    for (tail, words) in [
        ("&add=%%%", "add could not be read: not base64url"),
        ("&data=AAAB", "data could not be read: the points end early"),
        ("&model=e30", "model could not be read: format: is missing"),
        ("&model=AQAA", "model could not be read: 2 bytes of weights"),
        (
            "&model=CQ",
            "model could not be read: unknown weights format 9",
        ),
    ] {
        let c = controller(&format!("dataset=xor&layers=5{tail}"));
        assert_eq!(c.get("layers").as_deref(), Some("5"));
        assert!(c.notice().contains(words), "{tail}: {}", c.notice());
        assert_eq!(points(&c), points(&controller("dataset=xor&layers=5")));
    }
}

#[test]
fn a_qr_code_holds_a_link_up_to_the_limit() {
    let (side, modules) = qr("http://127.0.0.1:8000/#dataset=xor").unwrap();
    assert_eq!(modules.len(), side * side);
    assert!(side >= 21 && modules.iter().any(|&m| m) && modules.iter().any(|&m| !m));
    let long = format!("http://127.0.0.1:8000/#{}", "a".repeat(SHARE_LIMIT));
    assert!(qr(&long).is_ok());
    assert!(qr(&"a".repeat(3000)).is_err());
    // Never version 23 (side 109), which jsQR misreads: 24 (side 113) instead.
    let sides: Vec<usize> = (900..1200)
        .step_by(10)
        .map(|n| qr(&"a".repeat(n)).unwrap().0)
        .collect();
    assert!(!sides.contains(&109) && sides.contains(&113), "{sides:?}");
}

#[test]
fn capital_is_the_unicode_capital_of_every_optimizer_name() {
    use lightbulb_core::Named;
    for name in lightbulb_core::OptimizerKind::names() {
        let mut chars = name.chars();
        let unicode: String = chars
            .next()
            .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect());
        assert_eq!(capital(name), unicode);
    }
    assert_eq!(capital("adam"), "Adam");
    assert_eq!(capital(""), "");
}
