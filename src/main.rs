fn main() -> anyhow::Result<()> {
    crossread::cli::main()
}
