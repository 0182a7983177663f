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
    /// The lag is how far the monitor is behind the pacer's target (a jump in time under way).
    func offer(_ app: App) {
        let wall = monotonicSeconds()
        guard wall - lastPublish >= StreamRunner.publishSeconds else { return }
        lastPublish = wall
        let lag = max(0, (app.pacer.simulatedNow - app.monitor.now).seconds)
        board.publish(MetricsSnapshot(monitor: app.monitor, lag: lag))
    }
}
