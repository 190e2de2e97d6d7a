//! The seven named choices: every name round-trips through `Display` and
//! `FromStr`, and an unknown name is an error that quotes it (clipped) and
//! lists every valid name.

use lightbulb_core::{
    clip, Activation, DatasetKind, Error, Feature, Init, Loss, Named, OptimizerKind, Regularization,
};
use std::collections::HashSet;
use std::fmt::{Debug, Display};
use std::str::FromStr;

/// Checks one type; `inherent` is its own `ALL` array, which the trait's
/// must equal.
fn check<T>(inherent: &[T], what: &str)
where
    T: Named + FromStr<Err = Error> + Display + PartialEq + Debug,
{
    assert_eq!(T::WHAT, what);
    assert_eq!(
        T::ALL,
        inherent,
        "{what}: Named::ALL differs from the type's ALL"
    );
    assert!(!T::ALL.is_empty(), "{what}: no values");

    let names = T::names();
    assert_eq!(names.len(), T::ALL.len());
    let unique: HashSet<&str> = names.iter().copied().collect();
    assert_eq!(
        unique.len(),
        names.len(),
        "{what}: a name is used twice: {names:?}"
    );

    for &value in T::ALL {
        let shown = value.to_string();
        assert_eq!(shown, value.name(), "{what}: Display differs from name()");
        assert_eq!(shown.parse::<T>(), Ok(value), "{what} {shown:?}");
        assert_eq!(T::from_name(&shown), Ok(value), "{what} {shown:?}");
        // Names are exact: no case folding, no padding.
        assert!(
            shown.to_uppercase().parse::<T>().is_err(),
            "{what} {shown:?}"
        );
        assert!(
            format!(" {shown}").parse::<T>().is_err(),
            "{what} {shown:?}"
        );
    }

    let bad = "no_such_name";
    let err = bad
        .parse::<T>()
        .expect_err("an unknown name must not parse");
    match &err {
        Error::UnknownName {
            what: w,
            name,
            expected,
        } => {
            assert_eq!(w, what);
            assert_eq!(name, bad);
            assert_eq!(expected, &names.join(", "));
        }
        other => panic!("{what}: expected UnknownName, got {other:?}"),
    }
    let message = err.to_string();
    assert!(
        message.contains(&format!("unknown {what} \"{bad}\"")),
        "{message}"
    );
    for name in &names {
        assert!(
            message.contains(name),
            "{what}: {name} is not listed in: {message}"
        );
    }

    // A huge name is quoted clipped, so the message stays short.
    let huge = "z".repeat(100_000);
    let message = huge.parse::<T>().expect_err("huge name").to_string();
    assert!(
        message.contains(&format!("\"{}\"", clip(&huge))),
        "{message}"
    );
    assert!(message.len() < 200 + names.join(", ").len(), "{message}");
}

#[test]
fn activation() {
    check(&Activation::ALL, "activation");
}

#[test]
fn loss() {
    check(&Loss::ALL, "loss");
}

#[test]
fn init() {
    check(&Init::ALL, "initialisation");
}

#[test]
fn optimizer() {
    check(&OptimizerKind::ALL, "optimizer");
}

#[test]
fn regularization() {
    check(&Regularization::ALL, "regularization");
}

#[test]
fn dataset() {
    check(&DatasetKind::ALL, "dataset");
    assert_eq!(<DatasetKind as Named>::names(), DatasetKind::NAMES);
    assert_eq!(DatasetKind::parse("moons"), Ok(DatasetKind::Moons));
}

#[test]
fn feature() {
    check(&Feature::ALL, "feature");
    assert_eq!(<Feature as Named>::names(), Feature::NAMES);
    assert_eq!(Feature::parse("sin_x2"), Ok(Feature::SinX2));
}
