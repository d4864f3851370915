//! One million tasks, each sleeping 1.5 s: peak resident memory (VmHWM from
//! /proc/self/status) and wall time. Each runtime runs in a child process of its own, so
//! one's high-water mark does not hide the other's.
//!
//! `cargo bench -p async-lower-runtime --bench sleep_rss`; `SLEEP_TASKS=100000` for a
//! smaller run, `SLEEP_RUNTIMES=ours` to skip tokio.

use std::time::{Duration, Instant};

fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

const SLEEP: Duration = Duration::from_millis(1500);

fn ours(n: usize) {
    async_lower_runtime::block_on(async move {
        let mut handles = Vec::with_capacity(n);
        for _ in 0..n {
            handles.push(async_lower_runtime::spawn(async_lower_runtime::sleep(SLEEP)));
        }
        for h in handles {
            h.await;
        }
    });
}

fn tokio(n: usize) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
    rt.block_on(async move {
        let mut handles = Vec::with_capacity(n);
        for _ in 0..n {
            handles.push(tokio::spawn(tokio::time::sleep(SLEEP)));
        }
        for h in handles {
            h.await.unwrap();
        }
    });
}

fn main() {
    let n: usize = std::env::var("SLEEP_TASKS").ok().and_then(|v| v.replace('_', "").parse().ok()).unwrap_or(1_000_000);
    if let Ok(which) = std::env::var("ASYNC_LOWER_RSS_CHILD") {
        let before = vm_hwm_kib();
        let start = Instant::now();
        match which.as_str() {
            "ours" => ours(n),
            "tokio" => tokio(n),
            other => panic!("unknown runtime {other}"),
        }
        let elapsed = start.elapsed();
        let hwm = vm_hwm_kib();
        println!(
            "| {which} | {n} | {:.2} | {:.1} | {:.1} |",
            elapsed.as_secs_f64(),
            hwm as f64 / 1024.0,
            (hwm.saturating_sub(before)) as f64 * 1024.0 / n as f64
        );
        return;
    }
    let runtimes = std::env::var("SLEEP_RUNTIMES").unwrap_or_else(|_| "ours,tokio".into());
    println!("{n} tasks each sleeping {SLEEP:?}, one child process per runtime");
    println!("| runtime | tasks | wall s | peak RSS (VmHWM) MiB | bytes/task above start |");
    println!("|---|---|---|---|---|");
    for which in runtimes.split(',') {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .env("ASYNC_LOWER_RSS_CHILD", which)
            .env("SLEEP_TASKS", n.to_string())
            .output()
            .unwrap();
        print!("{}", String::from_utf8_lossy(&out.stdout));
        if !out.status.success() {
            eprintln!("{which} failed: {}", String::from_utf8_lossy(&out.stderr));
        }
    }
}
