import ArgumentParser
import Dispatch
import FlyingFox
import FlyingSocks
import Foundation
import FleetMetrics
import Synchronization

/// Where `--metrics` listens: an IPv4 address (or `localhost`) and a port; 127.0.0.1 when only
/// a port is given.
struct MetricsAddress: Hashable, Sendable, CustomStringConvertible {
    var host: String
    var port: UInt16

    var description: String { "\(host):\(port)" }

    /// `127.0.0.1:9464`, `0.0.0.0:9464`, `localhost:9464`, `:9464` or `9464`.
    static func parse(_ text: String) throws -> MetricsAddress {
        let advice = "give HOST:PORT, e.g. 127.0.0.1:9464 (HOST an IPv4 address or localhost; PORT 0 to 65535, 0 picks a free one)"
        var hostPart = "127.0.0.1", portPart = Substring(text)
        if let colon = text.lastIndex(of: ":") {
            let h = text[..<colon]
            if !h.isEmpty { hostPart = String(h) }
            portPart = text[text.index(after: colon)...]
        }
        guard !portPart.isEmpty, portPart.allSatisfy(\.isASCII), portPart.allSatisfy(\.isNumber), let port = UInt16(portPart) else {
            throw ValidationError("the port must be a number from 0 to 65535; \(advice)")
        }
        if hostPart == "localhost" { hostPart = "127.0.0.1" }
        let octets = hostPart.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ o in !o.isEmpty && o.count <= 3 && o.allSatisfy(\.isNumber) && o.allSatisfy(\.isASCII) && Int(o)! <= 255 }) else {
            throw ValidationError("'\(hostPart)' is no IPv4 address; \(advice)")
        }
        return MetricsAddress(host: hostPart, port: port)
    }
}

/// The latest metrics snapshot, handed from the thread that runs the model to the server's
/// tasks: the model publishes values, the server reads them; neither sees the other's state.
final class MetricsBoard: Sendable {
    private let latest = Mutex<MetricsSnapshot>(MetricsSnapshot(families: []))

    func publish(_ snapshot: MetricsSnapshot) { latest.withLock { $0 = snapshot } }

    var snapshot: MetricsSnapshot { latest.withLock { $0 } }
}

/// The HTTP server of `--metrics`: FlyingFox on its own tasks, GET /metrics answered from the
/// board (DECISIONS.md, 2026-12-03).
enum MetricsServer {
    /// Starts listening at `address` and returns the address bound (the port chosen, for port
    /// 0), or fails with what to do.
    static func start(at address: MetricsAddress, board: MetricsBoard) throws -> String {
        let socketAddress: sockaddr_in
        do { socketAddress = try .inet(ip4: address.host, port: address.port) } catch {
            throw Failure("fleetwatch: --metrics \(address): not an address to listen on (\(error)); give HOST:PORT such as 127.0.0.1:9464", status: 64)
        }
        let server = HTTPServer(address: socketAddress, logger: .disabled)
        let start = StartOutcome()
        Task {
            await server.appendRoute("GET /metrics") { _ in
                HTTPResponse(statusCode: .ok, headers: [.contentType: MetricsSnapshot.contentType], body: Data(board.snapshot.exposition()))
            }
            do { try await server.run() } catch { start.settle(.failure(error)) }
        }
        Task {
            do {
                try await server.waitUntilListening(timeout: 10)
                switch await server.listeningAddress {
                case .ip4(let host, let port)?: start.settle(.success("\(host):\(port)"))
                case .ip6(let host, let port)?: start.settle(.success("[\(host)]:\(port)"))
                default: start.settle(.success(address.description))
                }
            } catch {
                start.settle(.failure(error))
            }
        }
        _ = start.ready.wait(timeout: .now() + 15)
        switch start.result {
        case .success(let bound)?:
            return bound
        case .failure(let error)?:
            throw Failure("fleetwatch: --metrics \(address): cannot listen: \(reason(error)); choose another port (0 picks a free one) or an address of this machine (127.0.0.1 is)")
        case nil:
            throw Failure("fleetwatch: --metrics \(address): the server did not start listening within 15 s")
        }
    }

    /// The system's words for a socket error (FlyingFox's `SocketError.failed` carries errno's text).
    static func reason(_ error: any Error) -> String {
        if case let SocketError.failed(type, errno, message) = error { return "\(type) failed: \(message) (errno \(errno))" }
        return "\(error)"
    }
}

/// How the server's start went, told by whichever of its tasks knows first.
final class StartOutcome: Sendable {
    private let value = Mutex<Result<String, any Error>?>(nil)
    let ready = DispatchSemaphore(value: 0)

    func settle(_ result: Result<String, any Error>) {
        let first = value.withLock { v in
            guard v == nil else { return false }
            v = result
            return true
        }
        if first { ready.signal() }
    }

    var result: Result<String, any Error>? { value.withLock { $0 } }
}
