//! The `rectrack` binary: everything lives in the library.

// A check is thousands of small strings, lists and maps: with glibc's allocator about a
// fifth of its instructions went to malloc and free (callgrind, 100 trackers).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    rectrack::cli::main()
}
