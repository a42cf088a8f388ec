fn main() -> std::process::ExitCode {
    crossread::cli::main()
}
