import Testing
@testable import Fleet
import Simulation
import TestSupport

/// The initial fleet built a slice at a time (`FleetWorld.init(config:deferringBuild:)`), as
/// the live dashboard builds it in frames so that its first frame comes before the cars.
@Suite struct SlicedBuildTests {
    /// The fleet built a slice at a time (the dashboard's start with a large fleet:
    /// `deferringBuild`) is the fleet built at once, car for car, and its run is the same run:
    /// the world's digest, every flow and every alert, for slices of any size.
    @Test(arguments: 0..<6 as Range<UInt64>)
    func aFleetBuiltInSlicesIsTheFleetBuiltAtOnce(seed: UInt64) throws {
        var rng = SplitMix(seed: 0xB111D &+ seed)
        var whole = RandomFleet.monitor(seed: seed)
        var sliced = RandomFleet.monitor(seed: seed, deferringBuild: true)
        let size = whole.world.carCount
        #expect(whole.world.isBuilt && whole.world.buildProgress == nil)
        #expect(sliced.world.carCount == 0 && !sliced.world.isBuilt)
        var slices = 0
        while let progress = sliced.world.buildProgress {
            #expect(progress.built == sliced.world.carCount && progress.total == size)
            let done = sliced.build(cars: Int(rng.next() % 90) + 1)
            #expect(done == sliced.world.isBuilt)
            slices += 1
        }
        #expect(slices > 1 || size <= 90)
        #expect(sliced.world.carCount == size)
        #expect(sliced.world.digest == whole.world.digest, "the same cars, meters and pending events' clock")
        let end = SimTime.zero + .minutes(40)
        var wholeFlows = PartitionTests.Flows(), slicedFlows = PartitionTests.Flows()
        whole.run(until: end, sink: &wholeFlows)
        sliced.run(until: end, sink: &slicedFlows)
        #expect(wholeFlows.flows.count > 100)
        #expect(slicedFlows.flows.count == wholeFlows.flows.count)
        #expect(slicedFlows.flows.elementsEqual(wholeFlows.flows), "the same flows in the same order")
        #expect(sliced.world.digest == whole.world.digest)
        #expect(sliced.alertDigest == whole.alertDigest)
    }

    /// A run, an action or a schedule before the fleet is whole would judge a fleet that is
    /// not the scenario's: the world says how far its build has got, and runs only once built.
    @Test func aDeferredBuildSaysHowFarItHasGot() throws {
        var config = WorldConfig.default
        config.fleetSize = 250
        var world = try FleetWorld(config: config, deferringBuild: true)
        #expect(world.buildProgress?.built == 0 && world.buildProgress?.total == 250)
        #expect(world.build(cars: 100) == false)
        #expect(world.buildProgress?.built == 100 && world.carCount == 100)
        #expect(world.build(cars: 0) == false, "a slice builds at least one car")
        #expect(world.carCount == 101)
        #expect(world.build(cars: 1_000) == true)
        #expect(world.isBuilt && world.carCount == 250 && world.buildProgress == nil)
        #expect(world.build(cars: 10) == true && world.carCount == 250, "a whole fleet builds no more")
    }
}
