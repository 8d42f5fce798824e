import Atlas
import BrowserModel
import Foundation
import TestTools

/// A seeded generator of realistic-looking atlas records for benchmarks: titles and
/// summaries from a vocabulary like the seed atlas's, places and people in Latin,
/// Cyrillic and Arabic script, several actors per event, links between events,
/// dates over fifty years at mixed EDTF precisions. Nothing here is a fact: the
/// database it makes says so in its source record.
struct SyntheticAtlas {
    let events: Int
    let actors: Int
    let missions: Int
    var rng: SplitMix64

    /// The actor in one event of ten: the cross-filter benchmark narrows to it.
    static let hubActor = "actor-000000"
    static let sourceID = "synthetic"

    init(events: Int, actors: Int, missions: Int, seed: UInt64) {
        self.events = events
        self.actors = max(2, actors)
        self.missions = max(1, missions)
        rng = SplitMix64(seed: seed)
    }

    static func actorID(_ i: Int) -> String { "actor-" + pad(i, 6) }
    static func missionID(_ i: Int) -> String { "mission-" + pad(i, 4) }
    static func eventID(_ i: Int) -> String { "ev-" + pad(i, 7) }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    // MARK: vocabulary

    static let states = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan", "Russia", "Türkiye", "Iran", "Syria",
                         "Lebanon", "Israel", "Jordan", "Egypt", "Mali", "Niger", "Chad", "Sudan", "South Sudan",
                         "Democratic Republic of the Congo", "Central African Republic", "Côte d'Ivoire", "Cyprus",
                         "India", "Pakistan", "Bangladesh", "Nepal", "Indonesia", "China", "Japan", "Ireland", "Fiji",
                         "Ghana", "Rwanda", "Ethiopia", "Armenia", "Azerbaijan", "Georgia", "Mongolia", "Afghanistan"]
    static let organizations = ["Security Council", "General Assembly", "Collective Security Treaty Organization",
                                "Shanghai Cooperation Organisation", "African Union", "European Union",
                                "Organization for Security and Co-operation in Europe", "League of Arab States",
                                "Department of Peace Operations", "Peacebuilding Commission"]
    static let givenNames = ["Нурлан", "Айгерим", "Ербол", "Даурен", "Алия", "محمد", "فاطمة", "علي", "ليلى",
                             "Kassym", "Aisha", "Bakyt", "Omar", "Samira", "Ivan", "Olga", "Kwame", "Amina"]
    static let familyNames = ["Абдрахманов", "Сейткали", "Жумабаев", "Токаев", "الحسن", "العلي", "الخطيب",
                              "Nazarbayev", "Haddad", "Otieno", "Petrov", "Mensah", "Diallo", "Karimov"]
    static let places: [(name: String, region: String)] = [
        ("Astana", "Kazakhstan"), ("Алматы", "Kazakhstan"), ("Бишкек", "Kyrgyzstan"), ("Душанбе", "Tajikistan"),
        ("Camp Faouar", "Golan Heights"), ("دمشق", "Syria"), ("حلب", "Syria"), ("القنيطرة", "Golan Heights"),
        ("Naqoura", "Lebanon"), ("Nicosia", "Cyprus"), ("Goma", "North Kivu"), ("Bamako", "Mali"), ("Juba", "South Sudan"),
        ("Abyei", "Abyei Area"), ("Bangui", "Central African Republic"), ("Тбилиси", "Georgia"), ("Ереван", "Armenia"),
        ("Kabul", "Afghanistan"), ("Geneva", "Switzerland"), ("New York", "United States"), ("Sochi", "Russia"),
        ("بيروت", "Lebanon"), ("عمّان", "Jordan"), ("Gao", "Mali"), ("Kidal", "Mali"), ("Malakal", "South Sudan")]
    static let topics = ["ceasefire monitoring", "humanitarian access", "the situation in the Middle East",
                         "peacekeeping reform", "disarmament", "sanctions", "protection of civilians",
                         "the Golan Heights", "border demarcation", "refugee returns", "mandate renewal", "elections"]
    static let verbs = ["reviewed", "discussed", "condemned", "welcomed", "extended", "monitored", "reported",
                        "negotiated", "observed", "rejected", "supported", "announced", "deployed", "withdrew"]
    static let nouns = ["contingent", "observers", "convoy", "patrol", "delegation", "mandate", "resolution",
                        "checkpoint", "agreement", "talks", "statement", "casualties", "battalion", "mission"]
    static let types = ["talks", "vote", "deployment", "attack", "ceasefire", "patrol", "statement", "rotation",
                        "withdrawal", "agreement"]
    static let roles = ["party", "host", "mediator", "contributor", "target", "speaker", "observer"]
    static let relations: [Relation] = [.follows, .respondsTo, .partOf, .leadsTo, .refersTo]

    // MARK: records

    func actorTitle(_ i: Int) -> (title: String, type: Actor.ActorType) {
        if i == 0 { return ("Kazakhstan", .state) }
        switch i % 4 {
        case 0: return (Self.states[i % Self.states.count] + " contingent \(i)", .unit)
        case 1: return (Self.organizations[i % Self.organizations.count] + " \(i)", .organization)
        default:
            return (Self.givenNames[i % Self.givenNames.count] + " " + Self.familyNames[(i / 7) % Self.familyNames.count]
                    + " \(i)", .person)
        }
    }

    func actor(_ i: Int) -> Actor {
        let (title, type) = actorTitle(i)
        return Actor(id: Self.actorID(i), title: title, type: type, summary: "Synthetic actor \(i) for benchmarks.",
                     sources: [Citation(source: Self.sourceID, locator: "actor \(i)", quote: "generated")])
    }

    func mission(_ i: Int) -> Mission {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let acronym = "UN" + String(letters[i % 26]) + String(letters[(i / 26) % 26]) + String(letters[(i / 676) % 26])
        let place = Self.places[i % Self.places.count]
        return Mission(id: Self.missionID(i), title: "United Nations mission \(i) in \(place.region)", acronym: acronym,
                       type: "peacekeeping", status: i % 3 == 0 ? .closed : .active, location: place.region,
                       summary: "Synthetic mission \(i) for benchmarks.",
                       sources: [Citation(source: Self.sourceID, locator: "mission \(i)", quote: "generated")])
    }

    /// What one generated event is, before it becomes a record or a CSV row.
    struct EventDraft {
        var index: Int
        var date: String
        var start: (y: Int, m: Int, d: Int)
        var end: (y: Int, m: Int, d: Int)
        var precision: Int          // UCDP date_prec: 1 day, 3 range, 4 month, 5 year
        var title: String
        var summary: String
        var type: String
        var place: (name: String, region: String)
        var latitude: Double, longitude: Double
        var actors: [(id: Int, role: String)]
        var mission: Int?
        var links: [(to: Int, relation: Relation)]
        var deaths: Int
    }

    mutating func draft(_ i: Int) -> EventDraft {
        let y = 1975 + rng.int(0..<50), m = 1 + rng.int(0..<12), d = 1 + rng.int(0..<28)
        var date = "\(y)-\(Self.pad(m, 2))-\(Self.pad(d, 2))"
        var precision = 1
        var end = (y, m, d)
        switch rng.int(0..<100) {
        case 0..<70: break
        case 70..<85: date = "\(y)-\(Self.pad(m, 2))"; precision = 4; end = (y, m, 28)
        case 85..<93: date = "\(y)"; precision = 5; end = (y, 12, 28)
        case 93..<97: date = "\(y)-\(Self.pad(m, 2))~"; precision = 4; end = (y, m, 28)
        default:
            let e = min(28, d + 1 + rng.int(0..<5))
            date += "/\(y)-\(Self.pad(m, 2))-\(Self.pad(e, 2))"; precision = 3; end = (y, m, e)
        }
        var actorIDs: [(Int, String)] = []
        if rng.int(0..<10) == 0 { actorIDs.append((0, Self.roles[rng.int(0..<Self.roles.count)])) }
        while actorIDs.count < 2 + rng.int(0..<2) {
            let a = 1 + rng.int(0..<(actors - 1))
            if !actorIDs.contains(where: { $0.0 == a }) { actorIDs.append((a, Self.roles[rng.int(0..<Self.roles.count)])) }
        }
        let place = Self.places[rng.int(0..<Self.places.count)]
        let type = Self.types[rng.int(0..<Self.types.count)]
        let first = actorTitle(actorIDs[0].0).title, second = actorTitle(actorIDs[1].0).title
        let topic = Self.topics[rng.int(0..<Self.topics.count)]
        let title: String
        switch type {
        case "talks": title = "\(first) and \(second) hold talks in \(place.name)"
        case "vote": title = "Vote on \(topic) (\(i))"
        case "deployment", "rotation": title = "\(first) \(Self.nouns[rng.int(0..<Self.nouns.count)]) arrives in \(place.name)"
        case "attack": title = "Attack near \(place.name) on a \(Self.nouns[rng.int(0..<Self.nouns.count)])"
        default: title = "\(first) \(Self.verbs[rng.int(0..<Self.verbs.count)]) \(topic) in \(place.name)"
        }
        var words: [String] = ["\(first)", Self.verbs[rng.int(0..<Self.verbs.count)], topic, "with", second, "in", place.name + ","]
        for _ in 0..<(14 + rng.int(0..<12)) {
            words.append(rng.int(0..<2) == 0 ? Self.nouns[rng.int(0..<Self.nouns.count)] : Self.verbs[rng.int(0..<Self.verbs.count)])
        }
        let mission = rng.int(0..<10) < 3 ? rng.int(0..<missions) : nil
        var links: [(Int, Relation)] = []
        if i > 0 {
            for _ in 0..<(1 + rng.int(0..<2)) {
                let to = max(0, i - 1 - rng.int(0..<min(i, 1000)))
                links.append((to, Self.relations[rng.int(0..<Self.relations.count)]))
            }
        }
        return EventDraft(index: i, date: date, start: (y, m, d), end: end, precision: precision, title: title,
                          summary: words.joined(separator: " ") + ".", type: type, place: place,
                          latitude: Double(rng.int(-3000..<5000)) / 100, longitude: Double(rng.int(-2000..<12000)) / 100,
                          actors: actorIDs, mission: mission, links: links,
                          deaths: rng.int(0..<4) == 0 ? rng.int(1..<60) : 0)
    }

    func event(_ d: EventDraft) throws -> (Event, [Link]) {
        var figures: [Figure] = []
        if d.deaths > 0 { figures.append(Figure(category: "deaths", count: d.deaths)) }
        let e = Event(id: Self.eventID(d.index), title: d.title, date: try EDTFDate(parsing: d.date), type: d.type,
                      place: Place(name: d.place.name, region: d.place.region, latitude: d.latitude, longitude: d.longitude),
                      actors: d.actors.map { Participant(actor: Self.actorID($0.id), role: $0.role) },
                      missions: d.mission.map { [Self.missionID($0)] } ?? [], figures: figures, summary: d.summary,
                      sources: [Citation(source: Self.sourceID, locator: "row \(d.index)", quote: "generated")])
        let links = d.links.map { Link(from: e.id, relation: $0.relation, to: Self.eventID($0.to)) }
        return (e, links)
    }

    static let source = Source(id: sourceID, title: "Synthetic benchmark data (not facts)", kind: "dataset",
                               publisher: "crossroads-bench")
}
