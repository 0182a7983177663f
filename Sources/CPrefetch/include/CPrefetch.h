// A cache prefetch hint for Swift, which has no prefetch intrinsic of its own.
#ifndef FLEETWATCH_CPREFETCH_H
#define FLEETWATCH_CPREFETCH_H

/// Asks the processor to start loading the cache line holding `address` for writing, without
/// waiting for it. A hint only: no effect on results, never faults, even on a bad address.
static inline void fleetwatch_prefetch(const void *address) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address, 1, 3);
#else
    (void)address;
#endif
}

#endif
