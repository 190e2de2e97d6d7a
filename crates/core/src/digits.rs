//! Digits: 8 × 8 images of handwritten digits, where the 64 pixels are the
//! input layer and the 10 outputs are the digits 0–9.
//!
//! The images are the 1,797 of the UCI "Optical Recognition of Handwritten
//! Digits" collection (E. Alpaydin and C. Kaynak, 1998; the `optdigits.tes`
//! part, as distributed with scikit-learn), licensed CC BY 4.0. They are
//! embedded in the core (`data/digits/digits.bin`, made by
//! `data/digits/extract.py`; see `data/digits/README.md`) and decoded with no
//! I/O.
//!
//! - [`Digits::embedded`]: the images, labels and the fixed split, 1,347
//!   training and 450 test images (45 of each digit).
//! - [`inputs`] / [`one_hot`]: the matrices training needs, pixels scaled
//!   from 0–16 to [0, 1].
//! - [`reduce_drawing`]: a drawn square canvas reduced to 8 × 8 the way the
//!   data was made.
//! - [`ConfusionMatrix`] and [`evaluate`]: test accuracy, the confusion
//!   matrix and the misclassified images.
//! - [`training`]: the default 64-32-10 network and training settings, and
//!   [`EpochRunner`], which trains one shuffled epoch at a time.
//!
//! This is a separate API: the 2-D tasks of [`crate::dataset`] are unchanged.

mod confusion;
mod file;
mod reduce;
pub mod training;

pub use self::confusion::ConfusionMatrix;
pub use self::file::{inputs, one_hot, DigitImage, Digits};
pub use self::reduce::{
    block_counts, reduce_drawing, BITMAP_SIDE, BLOCK_SIDE, INK_THRESHOLD, MAX_CANVAS_SIDE,
};
pub use self::training::{classify, evaluate, EpochRunner, Evaluation};

/// Pixels per image side.
pub const SIDE: usize = 8;
/// Pixels per image, the network's inputs.
pub const PIXELS: usize = SIDE * SIDE;
/// Largest pixel value: the number of pixels in a 4 × 4 block.
pub const MAX_PIXEL: u8 = 16;
/// Number of classes, the digits 0–9: the network's outputs.
pub const CLASSES: usize = 10;
