//! The trained weights in a share link (`model=…`), compactly: one format
//! byte, then every weight and bias as a little-endian float, layer by
//! layer (the weight matrix row by row, one row per neuron, then the
//! biases), in the order of the model file. The architecture, activations
//! and training settings are the link's settings; the optimizer's running
//! averages (momentum's, Adam's) do not travel.
//!
//! - format 1: `f64`, exact: the receiver's weights are the sender's, bit
//!   for bit;
//! - format 2: `f32` (about 7 significant digits), for networks whose exact
//!   weights would not fit the link.
//!
//! A link made before this format carried the model file as JSON; its
//! bytes start with `{`, and it still opens.

use serde_json::Value;

/// Exact 64-bit floats.
pub const EXACT: u8 = 1;
/// 32-bit floats.
pub const SINGLE: u8 = 2;

/// The numbers of a model file's `layers`, in order (weights row by row,
/// then biases, layer by layer).
fn numbers(model: &Value) -> Vec<f64> {
    let mut out = Vec::new();
    for layer in model["layers"].as_array().map_or(&[][..], Vec::as_slice) {
        for row in layer["weights"].as_array().map_or(&[][..], Vec::as_slice) {
            out.extend(
                row.as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_f64),
            );
        }
        out.extend(
            layer["biases"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_f64),
        );
    }
    out
}

/// The bytes of a model file's weights, in `format` ([`EXACT`] or [`SINGLE`]).
pub fn encode(model: &Value, format: u8) -> Vec<u8> {
    let values = numbers(model);
    let width = if format == SINGLE { 4 } else { 8 };
    let mut out = Vec::with_capacity(1 + width * values.len());
    out.push(format);
    for v in values {
        if format == SINGLE {
            out.extend_from_slice(&(v as f32).to_le_bytes());
        } else {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    out
}

/// Writes the weights of `bytes` into the model file `model` (the
/// receiver's, for the link's settings) and drops its optimizer state.
/// Fails, naming the counts, when the bytes do not fit its architecture.
pub fn decode(bytes: &[u8], model: &mut Value) -> Result<(), String> {
    let (&format, rest) = bytes.split_first().ok_or("the weights are empty")?;
    let width = match format {
        EXACT => 8,
        SINGLE => 4,
        other => return Err(format!("unknown weights format {other} (1 or 2)")),
    };
    let expected = numbers(model).len();
    if rest.len() != expected * width {
        return Err(format!(
            "{} bytes of weights for the link's network, which has {expected} weights and biases ({} bytes)",
            rest.len(),
            expected * width
        ));
    }
    // Whole chunks of `width` bytes (the length was checked above).
    let mut values = rest.chunks_exact(width).map(|c| {
        if let Ok(b) = <[u8; 4]>::try_from(c) {
            f64::from(f32::from_le_bytes(b))
        } else {
            <[u8; 8]>::try_from(c).map_or(f64::NAN, f64::from_le_bytes)
        }
    });
    let mut next = || -> Result<Value, String> {
        let v = values.next().ok_or("the weights end early")?;
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| format!("a weight is not a finite number ({v})"))
    };
    for layer in model["layers"].as_array_mut().into_iter().flatten() {
        for row in layer["weights"].as_array_mut().into_iter().flatten() {
            for w in row.as_array_mut().into_iter().flatten() {
                *w = next()?;
            }
        }
        for b in layer["biases"].as_array_mut().into_iter().flatten() {
            *b = next()?;
        }
    }
    if let Some(training) = model["training"].as_object_mut() {
        training.remove("state");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Value {
        serde_json::json!({
            "layers": [
                { "weights": [[0.1, -0.2], [0.3, 1e-30]], "biases": [0.5, -0.0] },
                { "weights": [[2.0, -3.0]], "biases": [std::f64::consts::PI] }
            ],
            "training": { "optimizer": "adam", "state": { "steps": 3 } }
        })
    }

    #[test]
    fn exact_weights_come_back_bit_for_bit_in_eight_bytes_each() {
        let m = model();
        let bytes = encode(&m, EXACT);
        assert_eq!(bytes.len(), 1 + 9 * 8);
        assert_eq!(bytes[0], 1);
        // The first weight, 0.1, little-endian: 0x3FB999999999999A.
        assert_eq!(
            &bytes[1..9],
            &[0x9A, 0x99, 0x99, 0x99, 0x99, 0x99, 0xB9, 0x3F]
        );
        let mut back = serde_json::json!({
            "layers": [
                { "weights": [[0.0, 0.0], [0.0, 0.0]], "biases": [0.0, 0.0] },
                { "weights": [[0.0, 0.0]], "biases": [0.0] }
            ],
            "training": { "optimizer": "adam", "state": { "steps": 3 } }
        });
        decode(&bytes, &mut back).unwrap();
        assert_eq!(back["layers"], m["layers"]);
        assert!(
            back["training"].get("state").is_none(),
            "the optimizer state does not travel"
        );
    }

    #[test]
    fn single_precision_takes_four_bytes_and_keeps_seven_digits() {
        let m = model();
        let bytes = encode(&m, SINGLE);
        assert_eq!(bytes.len(), 1 + 9 * 4);
        let mut back = m.clone();
        decode(&bytes, &mut back).unwrap();
        let (a, b) = (numbers(&m), numbers(&back));
        for (x, y) in a.iter().zip(&b) {
            assert!((x - y).abs() <= x.abs() * 6e-8, "{x} {y}");
        }
        assert_eq!(b[0], f64::from(0.1_f32));
        assert_ne!(b[0], 0.1);
    }

    #[test]
    fn weights_for_another_network_are_refused() {
        let mut m = model();
        let e = decode(&[1, 0, 0, 0, 0, 0, 0, 0, 0], &mut m).unwrap_err();
        assert!(
            e.contains("8 bytes of weights") && e.contains("9 weights and biases (72 bytes)"),
            "{e}"
        );
        assert!(decode(&[7], &mut m)
            .unwrap_err()
            .contains("unknown weights format 7"));
        assert!(decode(&[], &mut m).is_err());
    }
}
