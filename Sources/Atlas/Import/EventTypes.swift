/// The atlas's event types for the datasets' own classifications. The dataset's
/// label stays on the record (in its summary); the type is what lists filter by,
/// so a peaceful protest is not an attack.
enum EventTypes {
    /// ACLED's `event_type` (and `sub_event_type` where it decides), current and
    /// legacy names ("Riots/Protests", "Remote violence", "Violence against civilians").
    static func acled(eventType: String, subEventType: String) -> String {
        let type = eventType.lowercased(), sub = subEventType.lowercased()
        if type.hasPrefix("battle") { return "clash" }
        if type == "protests" { return "protest" }
        if type == "riots" { return sub.contains("mob violence") ? "attack" : "riot" }
        if type == "riots/protests" { return "protest" }
        if type.contains("violence against civilians") || type.contains("explosions") || type.contains("remote violence") { return "attack" }
        if type.hasPrefix("strategic development") {
            if sub.contains("agreement") { return "agreement" }
            if sub.contains("arrest") { return "arrest" }
            return "development"
        }
        if type.contains("non-violent transfer") || type.contains("headquarters or base") { return "development" }
        return type.isEmpty ? "event" : type
    }

    /// UCDP's `type_of_violence`: 1 state-based (armed conflict), 2 non-state, 3 one-sided.
    static func ucdp(typeOfViolence: String) -> String {
        switch typeOfViolence {
        case "1": return "clash"
        case "2": return "clash"
        case "3": return "attack"
        default: return "violence"
        }
    }

    /// CAMEO root codes (GDELT): 01-05 talk and cooperation in words, 06-08 in deeds,
    /// 09-13 pressure in words, 14 protest, 15-17 pressure in deeds, 18-20 force.
    static func cameo(root: String) -> String {
        switch Int(root) ?? 0 {
        case 1: return "statement"
        case 2, 3: return "statement"
        case 4, 5: return "talks"
        case 6, 7, 8: return "cooperation"
        case 9, 10, 11, 12: return "statement"
        case 13: return "threat"
        case 14: return "protest"
        case 15: return "deployment"
        case 16, 17: return "coercion"
        case 18, 20: return "attack"
        case 19: return "clash"
        default: return "event"
        }
    }
}
