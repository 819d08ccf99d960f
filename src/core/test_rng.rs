//! A seeded pseudo-random sequence for unit tests that build random texts:
//! the same numbers on every run and machine, with no dependency.

/// Numbers below 2^31 from `seed` (a 64-bit linear congruential generator,
/// its high bits).
pub(crate) fn seeded(seed: u64) -> impl FnMut() -> u32 {
    let mut state = seed;
    move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as u32
    }
}
