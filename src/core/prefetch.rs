//! A hint to the processor to fetch a value it will soon read: for passes
//! that read from all over the text in an order known ahead.

/// Asks the processor to fetch `values[i]` into the cache (a hint: nothing
/// happens past the end).
#[inline]
pub(crate) fn prefetch<T>(values: &[T], i: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(v) = values.get(i) {
        // SAFETY: a prefetch is only a hint; it reads nothing into the
        // program and cannot fault (the address is a valid reference
        // anyway). SSE, which it needs, is part of every x86_64.
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(std::ptr::from_ref(v).cast());
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (values, i);
}

/// Asks the processor to fetch the bytes at `address` (a hint: the address
/// need not be valid, nothing is read from it into the program): for what
/// has no slice of its own, such as the counts of an `Arc` a pass clones.
#[inline]
pub(crate) fn prefetch_address(address: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint; it reads nothing into the program
    // and does not fault, whatever the address. SSE, which it needs, is part
    // of every x86_64.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(address.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = address;
}
