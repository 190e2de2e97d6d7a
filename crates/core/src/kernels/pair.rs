//! Two f64 lanes, each doing exactly the scalar arithmetic: wasm's `f64x2`
//! where the build has SIMD (`+simd128`, see `.cargo/config.toml`), a pair
//! of plain numbers elsewhere. Only IEEE adds and multiplies, one rounding
//! each, never fused, so a kernel computing two neurons per [`Pair`] gives
//! each neuron the bits of the same sums taken one number at a time.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod lanes {
    use core::arch::wasm32::{f64x2, f64x2_add, f64x2_extract_lane, f64x2_mul, f64x2_splat, v128};

    /// Two lanes in one 128-bit register.
    #[derive(Clone, Copy)]
    pub(crate) struct Pair(v128);

    impl Pair {
        /// `[a, b]`.
        #[inline(always)]
        pub(crate) fn new(a: f64, b: f64) -> Pair {
            Pair(f64x2(a, b))
        }

        /// `[x, x]`.
        #[inline(always)]
        pub(crate) fn splat(x: f64) -> Pair {
            Pair(f64x2_splat(x))
        }

        /// Lane by lane `self + o`.
        #[inline(always)]
        pub(crate) fn add(self, o: Pair) -> Pair {
            Pair(f64x2_add(self.0, o.0))
        }

        /// Lane by lane `self · o`.
        #[inline(always)]
        pub(crate) fn mul(self, o: Pair) -> Pair {
            Pair(f64x2_mul(self.0, o.0))
        }

        /// The two lanes.
        #[inline(always)]
        pub(crate) fn lanes(self) -> [f64; 2] {
            [
                f64x2_extract_lane::<0>(self.0),
                f64x2_extract_lane::<1>(self.0),
            ]
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod lanes {
    /// Two lanes as two numbers.
    #[derive(Clone, Copy)]
    pub(crate) struct Pair([f64; 2]);

    impl Pair {
        /// `[a, b]`.
        #[inline(always)]
        pub(crate) fn new(a: f64, b: f64) -> Pair {
            Pair([a, b])
        }

        /// `[x, x]`.
        #[inline(always)]
        pub(crate) fn splat(x: f64) -> Pair {
            Pair([x, x])
        }

        /// Lane by lane `self + o`.
        #[inline(always)]
        pub(crate) fn add(self, o: Pair) -> Pair {
            Pair([self.0[0] + o.0[0], self.0[1] + o.0[1]])
        }

        /// Lane by lane `self · o`.
        #[inline(always)]
        pub(crate) fn mul(self, o: Pair) -> Pair {
            Pair([self.0[0] * o.0[0], self.0[1] * o.0[1]])
        }

        /// The two lanes.
        #[inline(always)]
        pub(crate) fn lanes(self) -> [f64; 2] {
            self.0
        }
    }
}

pub(crate) use lanes::Pair;

impl Pair {
    /// `s[0]` and `s[1]`, the second 0 if `s` has one number.
    #[inline(always)]
    pub(crate) fn load(s: &[f64]) -> Pair {
        match s {
            [a, b, ..] => Pair::new(*a, *b),
            [a] => Pair::new(*a, 0.0),
            [] => Pair::splat(0.0),
        }
    }

    /// Writes the lanes into `s`, as many as it holds (one or two).
    #[inline(always)]
    pub(crate) fn store(self, s: &mut [f64]) {
        for (d, v) in s.iter_mut().zip(self.lanes()) {
            *d = v;
        }
    }

    /// `self + x·y`: the product rounded, then the sum (no fused multiply-add).
    #[inline(always)]
    pub(crate) fn add_product(self, x: Pair, y: Pair) -> Pair {
        self.add(x.mul(y))
    }
}
