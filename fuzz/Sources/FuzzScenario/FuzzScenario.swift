import FuzzSupport
import Scenario

/// The scenario decoder, end to end: text -> Yams -> located nodes -> `ScenarioDocument` ->
/// `Scenario` (world decoded and validated). Never traps; a refusal is located inside the text;
/// the document stage refuses nothing the whole decoder accepts, and agrees on the name.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let source = text(data, size)
    let file = "fuzz.yaml"
    let document: ScenarioDocument?
    do {
        document = try ScenarioDocument.parse(source, file: file)
    } catch {
        checkRefusal(error, text: source, file: file)
        document = nil
    }
    do {
        let scenario = try Scenario.parse(text: source, file: file)
        guard let document else { preconditionFailure("Scenario.parse accepted what ScenarioDocument.parse refused") }
        precondition(scenario.name == document.name && scenario.seed == document.seed, "the two stages disagree")
        precondition(scenario.timeline.count == document.timeline.count, "the timeline changed between the stages")
    } catch {
        checkRefusal(error, text: source, file: file)
    }
    return 0
}
