//! A forward pass on one point, with its own buffers: it never disturbs the
//! training trace, and it allocates nothing.

use super::Session;
use crate::error::{Error, Result};
use crate::features::FeatureSet;
use crate::network::Network;
use crate::trace::Trace;

#[derive(Clone, Debug)]
pub(crate) struct Probe {
    input: Vec<f64>,
    trace: Trace,
}

impl Probe {
    pub(crate) fn new(network: &Network, features: &FeatureSet) -> Probe {
        Probe {
            input: vec![0.0; features.len()],
            trace: Trace::new(network, 1),
        }
    }
}

impl Session {
    /// Every neuron's activation for the point (x1, x2): the trace's `a(l)`
    /// row 0, and its inputs row 0 for the input neurons.
    pub fn probe(&mut self, x1: f64, x2: f64) -> Result<&Trace> {
        for (name, v) in [("x1", x1), ("x2", x2)] {
            if !v.is_finite() {
                return Err(Error::NotFinite {
                    what: name.into(),
                    value: v,
                });
            }
        }
        let probe = &mut self.probe;
        if !probe.trace.fits(self.trainer.network()) {
            *probe = Probe::new(self.trainer.network(), &self.config.features);
        }
        self.config
            .features
            .transform_into(x1, x2, &mut probe.input);
        probe.trace.load_one(&probe.input, None)?;
        self.trainer.network().forward(&mut probe.trace);
        Ok(&probe.trace)
    }
}
