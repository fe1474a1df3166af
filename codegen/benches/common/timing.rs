//! What the benches share: the best of `n` timed runs.

use std::time::{Duration, Instant};

/// The shortest of `n` runs of `f` (zero when `n` is 0).
pub fn best_of(n: usize, mut f: impl FnMut()) -> Duration {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}
