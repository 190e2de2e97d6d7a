//! The choices that files, URLs and the command line spell by name (an
//! activation, a loss, a dataset, …): one trait, and the one place where a
//! name is looked up and where an unknown name is reported.

use crate::error::{Error, Result};

/// A closed set of values, each with a fixed snake-case name.
///
/// Every implementor also implements [`std::str::FromStr`] (through
/// [`Named::from_name`]) and [`std::fmt::Display`] (writing [`Named::name`]),
/// so `"tanh".parse::<Activation>()` and `Activation::Tanh.to_string()`
/// round-trip.
///
/// ```
/// use lightbulb_core::{Activation, Named};
///
/// assert_eq!(Activation::from_name("leaky_relu")?, Activation::LeakyRelu);
/// let err = Activation::from_name("swish").unwrap_err().to_string();
/// assert!(err.contains("activation \"swish\"") && err.contains("tanh, sigmoid"), "{err}");
/// # Ok::<(), lightbulb_core::Error>(())
/// ```
pub trait Named: Copy + 'static {
    /// Every value, in the order the page and the messages list them.
    const ALL: &'static [Self];

    /// What one value is, for messages: "activation", "loss", "dataset".
    const WHAT: &'static str;

    /// The name used in files, URLs and on the command line.
    fn name(&self) -> &'static str;

    /// The names of [`Named::ALL`], in its order.
    fn names() -> Vec<&'static str> {
        Self::ALL.iter().map(Self::name).collect()
    }

    /// The value called `name`. The error quotes `name` (clipped, see
    /// [`crate::clip::clip`]) and lists every valid name.
    fn from_name(name: &str) -> Result<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.name() == name)
            .ok_or_else(|| Error::unknown(Self::WHAT, name, &Self::names()))
    }
}

/// Implements [`Named`], [`std::str::FromStr`] and [`std::fmt::Display`]
/// for a type that has an inherent `const ALL` array and an inherent
/// `fn name(self) -> &'static str`, with `$what` as [`Named::WHAT`].
///
/// The inherent items stay, so that `Activation::ALL` is still an array
/// and `.name()` needs no `use` of the trait; inside the impl
/// `<$ty>::ALL` and `<$ty>::name` are those inherent items (an inherent
/// item comes before a trait's of the same name).
macro_rules! impl_named {
    ($ty:ty, $what:literal) => {
        impl $crate::named::Named for $ty {
            const ALL: &'static [Self] = &<$ty>::ALL;
            const WHAT: &'static str = $what;

            fn name(&self) -> &'static str {
                <$ty>::name(*self)
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::error::Error;

            fn from_str(s: &str) -> $crate::error::Result<Self> {
                <Self as $crate::named::Named>::from_name(s)
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(<$ty>::name(*self))
            }
        }
    };
}

pub(crate) use impl_named;
