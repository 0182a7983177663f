import Testing
@testable import Fleet

@Suite struct VocabularyTests {
    @Test func categoryIndexesAreDenseAndUnique() {
        let indexes = DataCategory.allCases.map(\.index)
        #expect(indexes == Array(0..<DataCategory.count))
    }

    @Test func cameraAndLocationClassification() {
        #expect(DataCategory.allCases.filter(\.isExteriorCamera) == [.cameraClip, .sentryLive])
        #expect(DataCategory.cabinCamera.isCamera && !DataCategory.cabinCamera.isExteriorCamera)
        #expect(!DataCategory.media.carriesLocation)
        #expect(Market.cn.country == .china && Market.us.country == .unitedStates)
    }
}
