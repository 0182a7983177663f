import ArgumentParser
import Simulation

/// Parses a duration option, with our message ("write a number with a unit…") on failure.
func parseDuration(_ text: String, option: String) throws -> SimDuration {
    do {
        return try SimDuration(parsing: text)
    } catch {
        throw ValidationError("\(option): \(error.description)")
    }
}
