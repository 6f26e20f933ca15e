//! Work split between the processor's cores, with results in order.

/// `work` over the items `0..n`, split between the processor's cores when there are many (a
/// 10,000-page trial has 58,000 answers to classify); the results are joined in order, so
/// they are the same as from one pass.
pub fn in_parts<T: Send>(
    n: usize,
    work: impl Fn(std::ops::Range<usize>) -> Vec<T> + Sync,
) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |c| c.get().min(8));
    if threads < 2 || n < PARALLEL_FROM {
        return work(0..n);
    }
    let chunk = n.div_ceil(threads);
    let work = &work;
    std::thread::scope(|scope| {
        let parts: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| scope.spawn(move || work(start..(start + chunk).min(n))))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Below this many items, starting threads costs more than it saves.
pub const PARALLEL_FROM: usize = 1_000;
