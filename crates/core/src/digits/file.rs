//! The embedded digits file and its decoding.
//!
//! The format (see `data/digits/extract.py`, which writes it), integers
//! little-endian: the magic `LBDIGITS`, a version byte (1), the number of
//! images (u16) and the number of test images (u16, they come last); then a
//! bit stream, least significant bit of each byte first, holding per image
//! its row in the source csv (11 bits), its label (4 bits) and its 64 pixels
//! (5 bits each, row by row from the top left), padded with zero bits to a
//! whole byte.

use super::{CLASSES, MAX_PIXEL, PIXELS};
use crate::error::{Error, Result};
use ndarray::Array2;
use std::sync::OnceLock;

/// The file made by `data/digits/extract.py`.
static FILE: &[u8] = include_bytes!("../../../../data/digits/digits.bin");

const MAGIC: &[u8; 8] = b"LBDIGITS";
const VERSION: u8 = 1;
const HEADER: usize = 13;
const ROW_BITS: u32 = 11;
const LABEL_BITS: u32 = 4;
const PIXEL_BITS: u32 = 5;
const IMAGE_BITS: usize = (ROW_BITS + LABEL_BITS) as usize + PIXELS * PIXEL_BITS as usize;
/// Where decoding errors point.
const WHAT: &str = "digits file";

/// One 8 × 8 image with its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DigitImage {
    /// Pixels 0–16 (on pixels counted in a 4 × 4 block), row by row from
    /// the top left.
    pub pixels: [u8; PIXELS],
    /// The digit, 0–9.
    pub label: u8,
    /// Its row (0-based) in scikit-learn's `digits.csv.gz`, to trace it back.
    pub source_row: u16,
}

impl DigitImage {
    /// The network's inputs: each pixel divided by 16, in [0, 1].
    pub fn inputs(&self) -> [f64; PIXELS] {
        scaled(&self.pixels)
    }
}

/// Pixels 0–16 scaled to [0, 1], as the network sees them.
pub(crate) fn scaled(pixels: &[u8; PIXELS]) -> [f64; PIXELS] {
    pixels.map(|p| f64::from(p) / f64::from(MAX_PIXEL))
}

/// The digits with their fixed split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digits {
    train: Vec<DigitImage>,
    test: Vec<DigitImage>,
}

impl Digits {
    /// The embedded images, decoded once and kept. The file is checked by the
    /// tests, so an error here means the build embedded a damaged file.
    pub fn embedded() -> Result<&'static Digits> {
        static DECODED: OnceLock<Result<Digits>> = OnceLock::new();
        DECODED
            .get_or_init(|| Digits::decode(FILE))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Decodes a digits file, checking every field: the magic, version,
    /// length, labels 0–9, pixels 0–16, source rows each used once and the
    /// zero padding.
    pub fn decode(bytes: &[u8]) -> Result<Digits> {
        if bytes.len() < HEADER {
            return Err(Error::file(
                WHAT,
                format!(
                    "{} bytes is shorter than the {HEADER}-byte header",
                    bytes.len()
                ),
            ));
        }
        if &bytes[..8] != MAGIC {
            return Err(Error::file(
                WHAT,
                format!(
                    "starts with {:?}, not \"LBDIGITS\"",
                    String::from_utf8_lossy(&bytes[..8])
                ),
            ));
        }
        if bytes[8] != VERSION {
            return Err(Error::file(
                WHAT,
                format!(
                    "version {} is not the supported version {VERSION}",
                    bytes[8]
                ),
            ));
        }
        let count = usize::from(u16::from_le_bytes([bytes[9], bytes[10]]));
        let tests = usize::from(u16::from_le_bytes([bytes[11], bytes[12]]));
        let max_count = 1usize << ROW_BITS;
        if count == 0 || count > max_count {
            return Err(Error::out_of_range(
                "digits file image count",
                count as f64,
                1.0,
                max_count as f64,
            ));
        }
        if tests > count {
            return Err(Error::out_of_range(
                "digits file test image count",
                tests as f64,
                0.0,
                count as f64,
            ));
        }
        let expected = HEADER + (count * IMAGE_BITS).div_ceil(8);
        if bytes.len() != expected {
            return Err(Error::file(
                WHAT,
                format!(
                    "{} bytes, but {count} images take exactly {expected}",
                    bytes.len()
                ),
            ));
        }
        let mut bits = BitReader::new(&bytes[HEADER..]);
        let mut seen = vec![false; count];
        let mut images = Vec::with_capacity(count);
        for k in 0..count {
            let row = bits.take(ROW_BITS);
            let slot = seen.get_mut(row as usize).filter(|s| !**s);
            match slot {
                Some(s) => *s = true,
                None => {
                    return Err(Error::file(
                        format!("{WHAT}, image {k}"),
                        format!("source row {row} is repeated or not below {count}"),
                    ))
                }
            }
            let label = bits.take(LABEL_BITS);
            if label as usize >= CLASSES {
                return Err(Error::file(
                    format!("{WHAT}, image {k}"),
                    format!("label {label} is not a digit 0 to 9"),
                ));
            }
            let mut pixels = [0u8; PIXELS];
            for (i, p) in pixels.iter_mut().enumerate() {
                let v = bits.take(PIXEL_BITS);
                if v > u32::from(MAX_PIXEL) {
                    return Err(Error::file(
                        format!("{WHAT}, image {k}"),
                        format!("pixel {i} is {v}, above {MAX_PIXEL}"),
                    ));
                }
                *p = v as u8;
            }
            images.push(DigitImage {
                pixels,
                label: label as u8,
                source_row: row as u16,
            });
        }
        let padding = (8 - (count * IMAGE_BITS) % 8) % 8;
        if bits.take(padding as u32) != 0 {
            return Err(Error::file(
                WHAT,
                "the padding after the last image is not zero",
            ));
        }
        let test = images.split_off(count - tests);
        Ok(Digits {
            train: images,
            test,
        })
    }

    /// The training images, in the file's (shuffled) order.
    pub fn train(&self) -> &[DigitImage] {
        &self.train
    }

    /// The test images, in the file's (shuffled) order. Test indices
    /// elsewhere in this module index this slice.
    pub fn test(&self) -> &[DigitImage] {
        &self.test
    }

    /// Number of images, training and test.
    pub fn len(&self) -> usize {
        self.train.len() + self.test.len()
    }

    /// Whether there are no images at all.
    pub fn is_empty(&self) -> bool {
        self.train.is_empty() && self.test.is_empty()
    }
}

/// Reads fixed-width fields least significant bit first. Callers check the
/// length first; reading past the end gives zero bits.
struct BitReader<'a> {
    bytes: &'a [u8],
    bit: usize,
}

impl<'a> BitReader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        BitReader { bytes, bit: 0 }
    }

    fn take(&mut self, width: u32) -> u32 {
        let mut value = 0;
        for k in 0..width {
            let byte = self.bytes.get(self.bit / 8).copied().unwrap_or(0);
            value |= u32::from((byte >> (self.bit % 8)) & 1) << k;
            self.bit += 1;
        }
        value
    }
}

/// The input matrix of some images: one row each, pixels scaled to [0, 1].
pub fn inputs(images: &[DigitImage]) -> Array2<f64> {
    let mut x = Array2::zeros((images.len(), PIXELS));
    for (mut row, image) in x.rows_mut().into_iter().zip(images) {
        for (x, v) in row.iter_mut().zip(image.inputs()) {
            *x = v;
        }
    }
    x
}

/// The one-hot targets of some images: one row each, 1 at the label's
/// column, 0 elsewhere, for softmax and cross-entropy.
pub fn one_hot(images: &[DigitImage]) -> Array2<f64> {
    let mut y = Array2::zeros((images.len(), CLASSES));
    for (k, image) in images.iter().enumerate() {
        y[[k, usize::from(image.label)]] = 1.0;
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid file of `count` images, all blank, labels k % 10.
    fn tiny(count: usize, tests: usize) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.push(VERSION);
        out.extend((count as u16).to_le_bytes());
        out.extend((tests as u16).to_le_bytes());
        let mut acc: u64 = 0;
        let mut n = 0;
        let mut stream = Vec::new();
        let mut put = |value: u64, width: u32, stream: &mut Vec<u8>| {
            acc |= value << n;
            n += width;
            while n >= 8 {
                stream.push((acc & 0xFF) as u8);
                acc >>= 8;
                n -= 8;
            }
        };
        for k in 0..count {
            put(k as u64, ROW_BITS, &mut stream);
            put((k % 10) as u64, LABEL_BITS, &mut stream);
            for p in 0..PIXELS {
                put((p % 17) as u64, PIXEL_BITS, &mut stream);
            }
        }
        put(0, 7, &mut stream);
        out.extend(stream);
        out.truncate(HEADER + (count * IMAGE_BITS).div_ceil(8));
        out
    }

    #[test]
    fn a_small_file_round_trips() {
        let digits = Digits::decode(&tiny(3, 1)).unwrap();
        assert_eq!(digits.train().len(), 2);
        assert_eq!(digits.test().len(), 1);
        let last = digits.test()[0];
        assert_eq!((last.label, last.source_row), (2, 2));
        assert_eq!(last.pixels[16], 16);
        assert_eq!(last.pixels[17], 0);
        assert_eq!(last.inputs()[16], 1.0);
    }

    #[test]
    fn damaged_files_are_refused_with_the_value_named() {
        let good = tiny(3, 1);
        let err = |bytes: &[u8]| Digits::decode(bytes).unwrap_err().to_string();
        assert!(err(&good[..5]).contains("5 bytes"));
        let mut bad = good.clone();
        bad[0] = b'X';
        assert!(err(&bad).contains("XBDIGITS"));
        let mut bad = good.clone();
        bad[8] = 7;
        assert!(err(&bad).contains("version 7"));
        let mut bad = good.clone();
        bad[11] = 4;
        assert!(err(&bad).contains("test image count"));
        let mut bad = good.clone();
        bad.push(0);
        assert!(err(&bad).contains("exactly"));
        // Image 0's label is bits 11..15 of the stream: byte 1, bits 3..7.
        let mut bad = good.clone();
        bad[HEADER + 1] |= 0b0111_1000;
        assert!(err(&bad).contains("label 15"), "{}", err(&bad));
        // Image 0's first pixel is bits 15..20: make it 31.
        let mut bad = good.clone();
        bad[HEADER + 1] |= 0b1000_0000;
        bad[HEADER + 2] |= 0b0000_1111;
        assert!(err(&bad).contains("pixel 0 is 31"), "{}", err(&bad));
        // Image 1's source row (bits 335..346) set to 0, repeating image 0's.
        let mut bad = good.clone();
        for bit in IMAGE_BITS..IMAGE_BITS + ROW_BITS as usize {
            bad[HEADER + bit / 8] &= !(1 << (bit % 8));
        }
        assert!(err(&bad).contains("source row 0"), "{}", err(&bad));
        let mut bad = good;
        *bad.last_mut().unwrap() |= 0x80;
        assert!(err(&bad).contains("padding"));
    }
}
