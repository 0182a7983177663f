/// The names that the presentation cues of a timeline (`view`, `highlight`) use for what the
/// dashboard shows. The scenario layer does not depend on the dashboard, so the names live here;
/// a fleetwatch test keeps them equal to the dashboard's panels.
public enum PresentationNames {
    /// `view` names: the fleet dashboard, the map, and one car's detail (which needs `car`).
    public static let views = ["dashboard", "map", "car"]
    /// `highlight` panel names, as the dashboard's `Panel` spells them.
    public static let panels = ["header", "regions", "countries", "vehicles", "alerts", "footer", "caption"]
}
