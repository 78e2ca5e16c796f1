//! The `rectrack` binary: everything lives in the library.
fn main() -> std::process::ExitCode {
    rectrack::cli::main()
}
