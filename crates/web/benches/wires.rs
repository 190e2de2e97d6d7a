//! The wire rasteriser on the largest page network's wires, as the
//! network canvas draws them at 720 × 480 CSS px and a pixel ratio of 1:
//! `wires_largest_all_bands` rasterises every band (7 inputs → 16, seven
//! 16 → 16, 16 → 1: 1,920 wires) and converts each to bytes, as a frame
//! does when every band changed.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use lightbulb_web::color::Rgba;
use lightbulb_web::render::wire_raster::WireRaster;

/// Bulb centres of a column of `n` (CSS px), spread over 330 px around
/// the middle of a 480 px canvas.
fn column(n: usize) -> Vec<f64> {
    let spacing = 330.0 / 16.0;
    let top = 240.0 - spacing * (n as f64 - 1.0) * 0.5;
    (0..n).map(|i| top + spacing * i as f64).collect()
}

fn bench(c: &mut Criterion) {
    let sizes = [7, 16, 16, 16, 16, 16, 16, 16, 16, 1];
    let (band_w, pad) = (56.0, 8.0);
    let mut raster = WireRaster::default();
    c.bench_function("wires_largest_all_bands", |b| {
        b.iter(|| {
            let mut bytes = 0;
            for m in 0..sizes.len() - 1 {
                let (left, right) = (column(sizes[m]), column(sizes[m + 1]));
                raster.reset(band_w as usize + 2, 370);
                for (j, &yb) in right.iter().enumerate() {
                    for (i, &ya) in left.iter().enumerate() {
                        // Widths and colours vary as trained weights do.
                        let t = ((i * 7 + j * 13 + m * 5) % 23) as f64 / 22.0;
                        let colour = Rgba::rgb(255.0, 158.0, 64.0).with_alpha(0.12 + 0.6 * t);
                        let width = (0.5 + 5.5 * t * t) * 0.55;
                        raster.stroke(
                            (1.0, ya - 50.0 + pad),
                            (1.0 + band_w, yb - 50.0 + pad),
                            width,
                            colour,
                        );
                    }
                }
                bytes += raster.rgba().len();
            }
            black_box(bytes)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
