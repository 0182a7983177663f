import FleetMetrics
import Simulation

/// `live --metrics`: the dashboard's monitor read into the metrics server's board a few times a
/// wall second (the dashboard runs on this thread; the server gets values only).
final class MetricsFeed {
    let board = MetricsBoard()
    var lastPublish = -Double.infinity

    init(serving address: MetricsAddress) throws {
        let bound = try MetricsServer.start(at: address, board: board)
        StandardError.write("fleetwatch: metrics at http://\(bound)/metrics\n")
    }

    /// Publishes the app's state if the last snapshot is older than `StreamRunner.publishSeconds`.
    /// The lag is how far the monitor is behind where it is headed: a jump's target while one
    /// runs (slice by slice), else the pacer's target (which each tick reaches).
    func offer(_ app: App) {
        let wall = monotonicSeconds()
        guard wall - lastPublish >= StreamRunner.publishSeconds else { return }
        lastPublish = wall
        let target = app.seek?.target ?? app.pacer.simulatedNow
        let lag = max(0, (target - app.monitor.now).seconds)
        board.publish(MetricsSnapshot(monitor: app.monitor, source: app.feed?.source.report, lag: lag))
    }
}
