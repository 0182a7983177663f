import Prometheus

extension MetricsSnapshot {
    /// The snapshot in Prometheus's text exposition format, written by swift-prometheus's
    /// registry (never by hand): a registry made for this snapshot, each counter incremented
    /// once by its value, each gauge set.
    public func exposition() -> [UInt8] {
        let registry = PrometheusCollectorRegistry()
        for family in families {
            // The whole name in one part: the registry joins the non-empty parts with "_".
            let descriptor = MetricNameDescriptor(metricName: family.name, unitName: "", helpText: family.help)
            for sample in family.samples {
                let labels = sample.labels.map { ($0.name, $0.value) }
                switch (family.kind, sample.value) {
                case (.counter, .count(let n)):
                    registry.makeCounter(descriptor: descriptor, labels: labels).increment(by: Int64(clamping: n))
                case (.counter, .measure(let x)):
                    registry.makeCounter(descriptor: descriptor, labels: labels).increment(by: max(0, x))
                case (.gauge, let value):
                    registry.makeGauge(descriptor: descriptor, labels: labels).set(to: value.double)
                }
            }
        }
        return registry.emitToBuffer()
    }

    /// The content type of `exposition()`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
}
