import Fleet

/// One alert in full, for the alert view: the row the lists show, the rule and the severity
/// case it matched, and the car it concerns.
public struct AlertDetail: Hashable, Sendable {
    public var alert: AlertRow
    /// What the rule concerns ("restricted driver, camera clip"), empty for any flow.
    public var ruleCondition: String
    /// The matched severity case, from 1, of `caseCount`.
    public var caseNumber: Int
    public var caseCount: Int
    /// The case's conditions, empty when it has none (it takes every flow of the rule).
    public var caseCondition: String
    /// The car: its model and year, whether it is still in the fleet, the zone's name.
    public var carModel: String
    public var carActive: Bool
    public var zoneName: String?

    public init(
        alert: AlertRow, ruleCondition: String = "", caseNumber: Int = 1, caseCount: Int = 1, caseCondition: String = "",
        carModel: String = "", carActive: Bool = true, zoneName: String? = nil
    ) {
        self.alert = alert
        self.ruleCondition = ruleCondition
        self.caseNumber = caseNumber
        self.caseCount = caseCount
        self.caseCondition = caseCondition
        self.carModel = carModel
        self.carActive = carActive
        self.zoneName = zoneName
    }
}
