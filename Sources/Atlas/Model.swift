/// The kinds of record the atlas holds.
public enum RecordKind: String, Sendable, CaseIterable, Codable {
    case event, actor, mission, source

    /// The top-level key of an atlas file that lists records of this kind.
    public var listKey: String { rawValue + "s" }

    /// `an event`, `a mission`.
    public static func withArticle(_ k: RecordKind) -> String {
        (k == .event || k == .actor ? "an " : "a ") + k.rawValue
    }
}

/// A reference to a place in a source: which source, where in it, and a short
/// verbatim quote that supports the record.
public struct Citation: Hashable, Sendable, Codable {
    public var source: String
    public var locator: String
    public var quote: String
    public init(source: String, locator: String, quote: String) {
        self.source = source; self.locator = locator; self.quote = quote
    }
}

public struct Place: Hashable, Sendable {
    public var name: String
    public var region: String?
    /// ISO 3166-1 alpha-3.
    public var country: String?
    public var latitude: Double?
    public var longitude: Double?
    public init(name: String, region: String? = nil, country: String? = nil,
                latitude: Double? = nil, longitude: Double? = nil) {
        self.name = name; self.region = region; self.country = country
        self.latitude = latitude; self.longitude = longitude
    }

    /// `Camp Faouar, Golan Heights (SYR)`.
    public var display: String {
        var s = name
        if let region, !region.isEmpty { s += ", " + region }
        if let country, !country.isEmpty { s += " (\(country))" }
        return s
    }
}

/// An actor taking part in an event, in some role (host, party, mediator...).
public struct Participant: Hashable, Sendable, Codable {
    public var actor: String
    public var role: String
    public init(actor: String, role: String) { self.actor = actor; self.role = role }
}

/// A number the sources give: deaths, troops deployed, peacekeepers approved.
public struct Figure: Hashable, Sendable {
    public enum Qualifier: String, Sendable, CaseIterable {
        case exactly, about, upTo = "up-to", atLeast = "at-least"
    }
    public var date: EDTFDate?
    public var actor: String?
    public var category: String
    public var count: Int
    public var qualifier: Qualifier
    public var location: String?
    public var source: Citation?

    public init(date: EDTFDate? = nil, actor: String? = nil, category: String, count: Int,
                qualifier: Qualifier = .exactly, location: String? = nil, source: Citation? = nil) {
        self.date = date; self.actor = actor; self.category = category; self.count = count
        self.qualifier = qualifier; self.location = location; self.source = source
    }

    /// `about 40`, `up to 430`, `139`.
    public var countText: String {
        switch qualifier {
        case .exactly: return "\(count)"
        case .about: return "about \(count)"
        case .upTo: return "up to \(count)"
        case .atLeast: return "at least \(count)"
        }
    }
}

/// The typed relations between records. Each is stored once, in its canonical
/// direction, and shown from the other end with its inverse label.
public enum Relation: String, Sendable, CaseIterable, Codable {
    case partOf = "part-of"
    case follows
    case respondsTo = "responds-to"
    case leadsTo = "leads-to"
    case contradicts
    case sameAs = "same-as"
    case refersTo = "refers-to"
    case memberOf = "member-of"

    public var inverse: String {
        switch self {
        case .partOf: return "includes"
        case .follows: return "followed-by"
        case .respondsTo: return "answered-by"
        case .leadsTo: return "result-of"
        case .contradicts: return "contradicted-by"
        case .sameAs: return "same-as"
        case .refersTo: return "referred-by"
        case .memberOf: return "has-member"
        }
    }

    /// Reads a relation as written in an atlas: the canonical label, or an inverse
    /// label (then `reversed` is true and the link is stored the other way round).
    public static func parse(_ label: String) -> (relation: Relation, reversed: Bool)? {
        if let r = Relation(rawValue: label) { return (r, false) }
        if let r = Relation.allCases.first(where: { $0.inverse == label }) { return (r, true) }
        return nil
    }

    public static var allLabels: [String] {
        var labels = allCases.map(\.rawValue)
        for r in allCases where !labels.contains(r.inverse) { labels.append(r.inverse) }
        return labels
    }
}

public struct Link: Hashable, Sendable, Codable {
    public var from: String
    public var relation: Relation
    public var to: String
    public init(from: String, relation: Relation, to: String) {
        self.from = from; self.relation = relation; self.to = to
    }
}

/// Datasets whose records an atlas may link to before they are imported, by the
/// dataset's own key: `unsc-veto:S/2016/846`.
public enum DatasetKey {
    public static let namespaces: [String: String] = [
        "unsc-veto": "UN Security Council vetoes (unsc-vetoes)",
        "ucdp-ged": "UCDP Georeferenced Event Dataset (ucdp-ged)",
        "acled": "ACLED (acled)",
        "gdelt": "GDELT 1.0 events (gdelt1)",
        "un-mission": "UN peacekeeping missions list (un-missions)",
        "geo-pko": "Geo-PKO deployments (geo-pko)",
    ]

    /// The dataset a key belongs to, or nil when the id is not a dataset key.
    public static func dataset(of id: String) -> String? {
        guard let colon = id.firstIndex(of: ":") else { return nil }
        let ns = String(id[..<colon])
        guard id.index(after: colon) < id.endIndex else { return nil }
        return namespaces[ns]
    }
}

public struct Source: Hashable, Sendable {
    /// The kinds an atlas may give a source (README, "sources").
    public static let kinds = ["article", "dataset", "report", "statement"]
    public var id: String
    public var title: String
    public var kind: String
    public var publisher: String?
    public var author: String?
    public var date: EDTFDate?
    public var url: String?
    public var locator: String?
    public var summary: String?
    public init(id: String, title: String, kind: String = "article", publisher: String? = nil,
                author: String? = nil, date: EDTFDate? = nil, url: String? = nil,
                locator: String? = nil, summary: String? = nil) {
        self.id = id; self.title = title; self.kind = kind; self.publisher = publisher
        self.author = author; self.date = date; self.url = url; self.locator = locator
        self.summary = summary
    }
}

public struct Actor: Hashable, Sendable {
    public enum ActorType: String, Sendable, CaseIterable {
        case state, organization, body, person, unit, media
    }
    public var id: String
    public var title: String
    public var aliases: [String]
    public var type: ActorType
    public var iso3: String?
    public var summary: String?
    public var sources: [Citation]
    public init(id: String, title: String, aliases: [String] = [], type: ActorType,
                iso3: String? = nil, summary: String? = nil, sources: [Citation] = []) {
        self.id = id; self.title = title; self.aliases = aliases; self.type = type
        self.iso3 = iso3; self.summary = summary; self.sources = sources
    }
}

public struct Mission: Hashable, Sendable {
    public enum Status: String, Sendable, CaseIterable { case active, closed, proposed }
    /// The types an atlas may give a mission (README, "missions").
    public static let types = ["peacekeeping", "observer", "political", "regional"]
    public var id: String
    public var title: String
    public var aliases: [String]
    public var acronym: String?
    public var type: String?
    public var status: Status
    public var location: String?
    public var headquarters: String?
    public var mandate: EDTFDate?
    public var summary: String?
    public var figures: [Figure]
    public var sources: [Citation]
    public init(id: String, title: String, aliases: [String] = [], acronym: String? = nil,
                type: String? = nil, status: Status, location: String? = nil,
                headquarters: String? = nil, mandate: EDTFDate? = nil, summary: String? = nil,
                figures: [Figure] = [], sources: [Citation] = []) {
        self.id = id; self.title = title; self.aliases = aliases; self.acronym = acronym
        self.type = type; self.status = status; self.location = location
        self.headquarters = headquarters; self.mandate = mandate; self.summary = summary
        self.figures = figures; self.sources = sources
    }
}

public struct Event: Hashable, Sendable {
    public var id: String
    public var title: String
    public var aliases: [String]
    public var date: EDTFDate
    public var type: String?
    public var place: Place?
    public var actors: [Participant]
    public var missions: [String]
    public var figures: [Figure]
    public var summary: String?
    public var sources: [Citation]
    public init(id: String, title: String, aliases: [String] = [], date: EDTFDate,
                type: String? = nil, place: Place? = nil, actors: [Participant] = [],
                missions: [String] = [], figures: [Figure] = [], summary: String? = nil,
                sources: [Citation] = []) {
        self.id = id; self.title = title; self.aliases = aliases; self.date = date
        self.type = type; self.place = place; self.actors = actors; self.missions = missions
        self.figures = figures; self.summary = summary; self.sources = sources
    }
}

/// A whole atlas in memory: what the loader reads and the store is filled from.
public struct AtlasContent: Sendable {
    public var sources: [Source] = []
    public var actors: [Actor] = []
    public var missions: [Mission] = []
    public var events: [Event] = []
    public var links: [Link] = []
    public init() {}

    public var citationCount: Int {
        actors.reduce(0) { $0 + $1.sources.count }
            + missions.reduce(0) { $0 + $1.sources.count + $1.figures.filter { $0.source != nil }.count }
            + events.reduce(0) { $0 + $1.sources.count + $1.figures.filter { $0.source != nil }.count }
    }
}

/// Ids are short slugs; imported records use `dataset:key`.
public enum RecordID {
    public static func isValidSlug(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, isSlugScalar(first), first != "-" else { return false }
        return s.unicodeScalars.allSatisfy(isSlugScalar)
    }
    private static func isSlugScalar(_ u: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(u) || ("0"..."9").contains(u) || u == "-"
    }
}
