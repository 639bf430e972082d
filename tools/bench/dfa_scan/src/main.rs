//! `dfa-scan KEYS FOLDED CORPUS_BYTES [ROUNDS]`: builds one leftmost-longest
//! aho-corasick DFA over the keys (one a line) and times a scan of the folded
//! text, the best of ROUNDS (default 3). No word boundaries, no offsets
//! mapped back, no mentions made: the cost of the walk alone, as a bound on
//! what a matcher over the same keys could reach. Throughput is given in
//! bytes of the original corpus (CORPUS_BYTES) per second, as nomen's is,
//! by the wall clock and by the process's CPU time (on a shared machine the
//! CPU time is what the scan itself cost).
use aho_corasick::{AhoCorasickBuilder, MatchKind};
use std::time::Instant;

/// The CPU time this process has used, in seconds.
fn cpu_seconds() -> f64 {
    let mut time = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `time` is a valid timespec for the call to write.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut time) };
    time.tv_sec as f64 + time.tv_nsec as f64 / 1e9
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: dfa-scan KEYS FOLDED CORPUS_BYTES [ROUNDS]");
        std::process::exit(2);
    }
    let read = |path: &str| {
        std::fs::read(path).unwrap_or_else(|error| {
            eprintln!("dfa-scan: cannot read {path}: {error}");
            std::process::exit(2)
        })
    };
    let keys_text = read(&args[1]);
    let folded = read(&args[2]);
    let corpus_bytes: f64 = args[3].parse().unwrap_or_else(|_| {
        eprintln!("dfa-scan: CORPUS_BYTES is not a number: {}", args[3]);
        std::process::exit(2)
    });
    let rounds: usize = args.get(4).and_then(|r| r.parse().ok()).unwrap_or(3);
    let keys: Vec<&[u8]> = keys_text.split(|&b| b == b'\n').filter(|k| !k.is_empty()).collect();

    let start = Instant::now();
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .dfa(true)
        .build_with_size::<u32, _, _>(&keys)
        .unwrap_or_else(|error| {
            eprintln!("dfa-scan: cannot build the DFA: {error}");
            std::process::exit(2)
        });
    let build = start.elapsed().as_secs_f64();

    let (mut best, mut best_cpu) = (f64::INFINITY, f64::INFINITY);
    let mut matches = 0usize;
    for _ in 0..rounds {
        let (start, start_cpu) = (Instant::now(), cpu_seconds());
        matches = automaton.find_iter(&folded).count();
        best = best.min(start.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(cpu_seconds() - start_cpu);
    }
    println!(
        "rust aho-corasick DFA scan of the folded text: {} keys, build {:.2} s, {} MB of DFA; scan {:.3} s (best of {}) \
         = {:.1} MB/s of the corpus ({:.1} MB/s folded); CPU {:.3} s = {:.1} MB/s of CPU; matches {}",
        keys.len(),
        build,
        automaton.heap_bytes() / 1_000_000,
        best,
        rounds,
        corpus_bytes / 1e6 / best,
        folded.len() as f64 / 1e6 / best,
        best_cpu,
        corpus_bytes / 1e6 / best_cpu,
        matches
    );
}
