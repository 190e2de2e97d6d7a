//! Points in a share link, compactly: a count for the training and the test
//! points, then per point a flag byte and its three numbers, each as an
//! `i16` of hundredths when it is exactly that (a label, a point on the
//! 0.01 grid: 2 bytes), else as the exact `f64` (8 bytes). Lossless.

use lightbulb_core::Point;

fn push_count(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u16::try_from(n).unwrap_or(u16::MAX).to_le_bytes());
}

fn hundredths(v: f64) -> Option<i16> {
    let k = (v * 100.0).round();
    let short = i16::try_from(k as i64).ok()?;
    (f64::from(short) / 100.0 == v).then_some(short)
}

/// The bytes of `train` and `test` (at most 65,535 each).
pub fn encode(train: &[Point], test: &[Point]) -> Vec<u8> {
    let mut out = Vec::new();
    push_count(&mut out, train.len());
    push_count(&mut out, test.len());
    for p in train.iter().chain(test).take(2 * usize::from(u16::MAX)) {
        let values = [p.x1, p.x2, p.label];
        let flag_at = out.len();
        out.push(0);
        let mut flag = 0u8;
        for (i, v) in values.into_iter().enumerate() {
            match hundredths(v) {
                Some(h) => {
                    flag |= 1 << i;
                    out.extend_from_slice(&h.to_le_bytes());
                }
                None => out.extend_from_slice(&v.to_le_bytes()),
            }
        }
        if let Some(f) = out.get_mut(flag_at) {
            *f = flag;
        }
    }
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let slice = self
            .bytes
            .get(self.at..self.at + N)
            .ok_or_else(|| format!("the points end early, at byte {}", self.at))?;
        self.at += N;
        let mut out = [0; N];
        out.copy_from_slice(slice);
        Ok(out)
    }
}

/// The training and test points of `bytes`.
pub fn decode(bytes: &[u8]) -> Result<(Vec<Point>, Vec<Point>), String> {
    let mut r = Reader { bytes, at: 0 };
    let train = usize::from(u16::from_le_bytes(r.take()?));
    let test = usize::from(u16::from_le_bytes(r.take()?));
    let mut points = Vec::with_capacity((train + test).min(bytes.len() / 7));
    for _ in 0..train + test {
        let [flag] = r.take()?;
        if flag > 7 {
            return Err(format!("point {}: flag {flag} is not 0–7", points.len()));
        }
        let mut v = [0.0; 3];
        for (i, value) in v.iter_mut().enumerate() {
            *value = if flag & (1 << i) != 0 {
                f64::from(i16::from_le_bytes(r.take()?)) / 100.0
            } else {
                f64::from_le_bytes(r.take()?)
            };
        }
        let [x1, x2, label] = v;
        points.push(Point { x1, x2, label });
    }
    if r.at != bytes.len() {
        return Err(format!(
            "{} bytes are left after the {} points",
            bytes.len() - r.at,
            train + test
        ));
    }
    let test_points = points.split_off(train);
    Ok((points, test_points))
}
