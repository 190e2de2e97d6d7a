use super::parse_value;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;

/// The same value as serde_json (numbers compared by their kind and bits),
/// or both refuse the text.
fn same_as_serde(text: &str) {
    let ours = parse_value(text);
    let theirs = serde_json::from_str::<Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert!(identical(a, b), "{text:?}: {a:?} against {b:?}"),
        (Err(_), Err(_)) => {}
        _ => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
}

/// Equal, and every number the same kind (u64, i64 or f64) with the same bits.
fn identical(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            (
                x.as_u64(),
                x.as_i64(),
                x.is_f64(),
                x.as_f64().map(f64::to_bits),
            ) == (
                y.as_u64(),
                y.as_i64(),
                y.is_f64(),
                y.as_f64().map(f64::to_bits),
            )
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| identical(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, va), (kb, vb))| ka == kb && identical(va, vb))
        }
        _ => a == b,
    }
}

#[test]
fn agrees_with_serde_json_on_edge_cases() {
    let cases = [
        "",
        " ",
        "null",
        "true",
        "false",
        "nul",
        "truex",
        "[]",
        "{}",
        "[1,]",
        "[,1]",
        "{,}",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{1:2}",
        "[1 2]",
        "[",
        "{",
        "{\"a\"",
        "{\"a\":",
        "]",
        "\"abc",
        "\"a\\qb\"",
        "\"\\u00e9\\u20AC\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud83d\"",
        "\"\\ude00\"",
        "\"\\ud83dx\"",
        "\"\\ud83d\\u0041\"",
        "\"\\u12\"",
        "\"\\u12G4\"",
        "\"a\tb\"",
        "\"a\u{1}b\"",
        "\"é ✓ 😀\"",
        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
        "0",
        "-0",
        "00",
        "01",
        "-",
        "-a",
        "1.",
        "1.e5",
        ".5",
        "1e",
        "1e+",
        "1E-2",
        "+1",
        "0.0",
        "-0.0",
        "1e400",
        "-1e400",
        "1e-400",
        "0e99999999999999999999",
        "1e99999999999999999999",
        "1e-99999999999999999999",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "-18446744073709551615",
        "-18446744073709551616",
        "123456789012345678901234567890",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "4.9406564584124654e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "9007199254740993",
        "9007199254740993.0",
        "0.1",
        "0.30000000000000004",
        "  [ 1 , { \"a\" : [ ] } ]  ",
        "{\"a\":1,\"a\":2}",
        "{\"b\":1,\"a\":2}",
        "[1] x",
        "1 2",
        "\u{feff}1",
        "NaN",
        "Infinity",
        "[-]",
        "[1e5e5]",
        "[1.5.5]",
        "7.2057594037927933e16",
        "0.000000000000000000000000000000000000000000001",
        "100000000000000000000000000000000000000000000000000000000000000000000001e-40",
    ];
    for case in cases {
        same_as_serde(case);
    }
}

#[test]
fn nesting_is_limited_like_serde_json() {
    for depth in [127, 128, 129, 1000] {
        same_as_serde(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        let object = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        same_as_serde(&object);
    }
}

#[test]
fn numbers_read_to_the_same_bits_as_serde_json() {
    let mut rng = StdRng::seed_from_u64(13);
    let mut text = String::from("[");
    for i in 0..200_000 {
        if i > 0 {
            text.push(',');
        }
        let s = match i % 5 {
            // Every f64 printed shortest (what the files hold).
            0 => {
                let v = f64::from_bits(rng.random::<u64>());
                format!("{:?}", if v.is_finite() { v } else { 1.5 })
            }
            // Random digits with a random exponent, past 17 digits too.
            1 | 2 => {
                let digits = rng.random_range(1..=40);
                let mut s = String::new();
                if rng.random::<bool>() {
                    s.push('-');
                }
                s.push(char::from(b'1' + rng.random_range(0..9)));
                for _ in 1..digits {
                    s.push(char::from(b'0' + rng.random_range(0..10)));
                }
                let dot = rng.random_range(1..=digits);
                if dot < digits {
                    s.insert(s.len() - (digits - dot), '.');
                }
                // Up to about 1e307: no number is refused as out of range.
                let top = 307 - dot as i32;
                format!("{s}e{}", rng.random_range(-340 - dot as i32..=top))
            }
            // Halfway cases: a shortest f64 with a 5 appended.
            3 => {
                let v = f64::from_bits(rng.random::<u64>() >> 2);
                let s = format!("{v:e}");
                let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
                let m = if m.contains('.') {
                    format!("{m}5")
                } else {
                    format!("{m}.5")
                };
                format!("{m}000000000000000000001e{e}")
            }
            // Plain decimals like weights.
            _ => format!("{}", rng.random::<f64>() * 10.0 - 5.0),
        };
        text.push_str(&s);
        // Each alone too, for the whole-number and error paths.
        if i % 50 == 0 {
            same_as_serde(&s);
        }
    }
    text.push(']');
    same_as_serde(&text);
    // Every finite number read back, so the list was not refused as a whole.
    assert_eq!(
        parse_value(&text).map(|v| v.as_array().map(Vec::len)),
        Ok(Some(200_000))
    );
}

#[test]
fn errors_say_where() {
    let e = parse_value("{\n  \"a\": [1, 2,,]\n}").unwrap_err();
    assert_eq!(e, "expected a value at line 2 column 14");
    assert_eq!(
        parse_value("").unwrap_err(),
        "end of text while parsing a value at line 1 column 1"
    );
}
