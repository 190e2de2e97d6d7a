//! Two f64 lanes, each doing exactly the scalar arithmetic: wasm's `f64x2`
//! where the build has SIMD (`+simd128`, see `.cargo/config.toml`), a pair
//! of plain numbers elsewhere. Only IEEE adds and multiplies, one rounding
//! each, never fused, so a kernel computing two neurons per [`Pair`] gives
//! each neuron the bits of the same sums taken one number at a time.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod lanes {
    use core::arch::wasm32::{
        f64x2, f64x2_abs, f64x2_add, f64x2_div, f64x2_extract_lane, f64x2_lt, f64x2_mul, f64x2_ne,
        f64x2_neg, f64x2_splat, f64x2_sub, i64x2_add, i64x2_shl, i64x2_splat, v128, v128_and,
        v128_bitselect, v128_or,
    };

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

        /// Lane by lane `self − o`.
        #[inline(always)]
        pub(crate) fn sub(self, o: Pair) -> Pair {
            Pair(f64x2_sub(self.0, o.0))
        }

        /// Lane by lane `self / o`.
        #[inline(always)]
        pub(crate) fn div(self, o: Pair) -> Pair {
            Pair(f64x2_div(self.0, o.0))
        }

        /// Lane by lane `−self` (the sign bit flipped).
        #[inline(always)]
        pub(crate) fn neg(self) -> Pair {
            Pair(f64x2_neg(self.0))
        }

        /// Lane by lane `|self|` (the sign bit cleared).
        #[inline(always)]
        pub(crate) fn abs(self) -> Pair {
            Pair(f64x2_abs(self.0))
        }

        /// Lane by lane `self < o` (false where either is NaN).
        #[inline(always)]
        pub(crate) fn lt(self, o: Pair) -> Mask {
            Mask(f64x2_lt(self.0, o.0))
        }

        /// Lane by lane: whether the lane is NaN.
        #[inline(always)]
        pub(crate) fn is_nan(self) -> Mask {
            Mask(f64x2_ne(self.0, self.0))
        }

        /// Lane by lane `if m { a } else { b }`.
        #[inline(always)]
        pub(crate) fn select(m: Mask, a: Pair, b: Pair) -> Pair {
            Pair(v128_bitselect(a.0, b.0, m.0))
        }

        /// Lane by lane `self.copysign(sign)`: the magnitude's bits with the sign's sign bit.
        #[inline(always)]
        pub(crate) fn copysign(self, sign: Pair) -> Pair {
            let magnitude = v128_and(self.0, i64x2_splat(i64::MAX));
            Pair(v128_or(magnitude, v128_and(sign.0, i64x2_splat(i64::MIN))))
        }

        /// Lane by lane, on the bits as integers: `(bits << 52) + add`.
        #[inline(always)]
        pub(crate) fn shl52_add(self, add: u64) -> Pair {
            Pair(i64x2_add(i64x2_shl(self.0, 52), i64x2_splat(add as i64)))
        }
    }

    /// Two lanes of a comparison: all ones (true) or all zeros.
    #[derive(Clone, Copy)]
    pub(crate) struct Mask(v128);
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

        /// `f` on each lane.
        #[inline(always)]
        fn map(self, f: impl Fn(f64) -> f64) -> Pair {
            Pair([f(self.0[0]), f(self.0[1])])
        }

        /// Lane by lane `self − o`.
        #[inline(always)]
        pub(crate) fn sub(self, o: Pair) -> Pair {
            Pair([self.0[0] - o.0[0], self.0[1] - o.0[1]])
        }

        /// Lane by lane `self / o`.
        #[inline(always)]
        pub(crate) fn div(self, o: Pair) -> Pair {
            Pair([self.0[0] / o.0[0], self.0[1] / o.0[1]])
        }

        /// Lane by lane `−self` (the sign bit flipped).
        #[inline(always)]
        pub(crate) fn neg(self) -> Pair {
            self.map(|x| -x)
        }

        /// Lane by lane `|self|` (the sign bit cleared).
        #[inline(always)]
        pub(crate) fn abs(self) -> Pair {
            self.map(f64::abs)
        }

        /// Lane by lane `self < o` (false where either is NaN).
        #[inline(always)]
        pub(crate) fn lt(self, o: Pair) -> Mask {
            Mask([self.0[0] < o.0[0], self.0[1] < o.0[1]])
        }

        /// Lane by lane: whether the lane is NaN.
        #[inline(always)]
        pub(crate) fn is_nan(self) -> Mask {
            Mask([self.0[0].is_nan(), self.0[1].is_nan()])
        }

        /// Lane by lane `if m { a } else { b }`.
        #[inline(always)]
        pub(crate) fn select(m: Mask, a: Pair, b: Pair) -> Pair {
            let pick = |k: usize| if m.0[k] { a.0[k] } else { b.0[k] };
            Pair([pick(0), pick(1)])
        }

        /// Lane by lane `self.copysign(sign)`: the magnitude's bits with the sign's sign bit.
        #[inline(always)]
        pub(crate) fn copysign(self, sign: Pair) -> Pair {
            Pair([self.0[0].copysign(sign.0[0]), self.0[1].copysign(sign.0[1])])
        }

        /// Lane by lane, on the bits as integers: `(bits << 52) + add`.
        #[inline(always)]
        pub(crate) fn shl52_add(self, add: u64) -> Pair {
            self.map(|x| f64::from_bits((x.to_bits() << 52).wrapping_add(add)))
        }
    }

    /// Two lanes of a comparison.
    #[derive(Clone, Copy)]
    pub(crate) struct Mask([bool; 2]);
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
