/// What `stream` asks of a source run beyond what `snapshot` does.
extension SourceRun {
    /// The input has ended and every flow read from it has been counted: a stream of the
    /// source is over.
    var isExhausted: Bool { ended && source.report.pending == 0 }
}
