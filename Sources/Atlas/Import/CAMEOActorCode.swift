/// A GDELT (CAMEO) actor code read as its three-letter parts: a country or region
/// (`USA`, `AFR`), then roles (`GOV`, `MIL`, `BUS`), organization kinds (`IGO`,
/// `NGO`, `MNC`), religions and known groups. The row's own name for the actor
/// changes from row to row ("VILLAGE", "SETTLEMENT" for `CVL`), so the title is
/// made from the code: "United States · business", "civilians".
struct CAMEOActorCode {
    let code: String
    /// The alpha-3 code of the state the actor belongs to, when its code begins with one.
    let iso3: String?
    let title: String

    init(_ code: String, countries: Countries) {
        self.code = code
        var parts: [String] = []
        var i = code.startIndex
        while i < code.endIndex {
            let j = code.index(i, offsetBy: 3, limitedBy: code.endIndex) ?? code.endIndex
            parts.append(String(code[i..<j]))
            i = j
        }
        var state: String?
        var words: [String] = []
        for (n, part) in parts.enumerated() {
            let upper = part.uppercased()
            if state == nil, part == upper, let iso = countries.iso3(upper), countries.names[iso] != nil, Self.roles[upper] == nil {
                state = iso
                words.append(countries.names[iso] ?? upper)
            } else if n == 0, let region = Self.regions[upper] {
                words.append(region)
            } else if let role = Self.roles[upper] {
                words.append(role)
            } else {
                words.append(part)   // a group or ethnic code CAMEO knows and this table does not
            }
        }
        iso3 = state
        title = words.isEmpty ? code : words.joined(separator: " · ")
    }

    /// CAMEO's regions, used in place of a country.
    static let regions = ["AFR": "Africa", "ASA": "Asia", "BLK": "Balkans", "CAU": "Caucasus", "CFR": "Central Africa",
                          "CAS": "Central Asia", "CEU": "Central Europe", "EIN": "East Indies", "EAF": "Eastern Africa",
                          "EEU": "Eastern Europe", "EUR": "Europe", "LAM": "Latin America", "MEA": "Middle East",
                          "MDT": "Mediterranean", "NAF": "North Africa", "NMR": "North America", "PGS": "Persian Gulf",
                          "SCN": "Scandinavia", "SAM": "South America", "SAS": "South Asia", "SEA": "Southeast Asia",
                          "SAF": "Southern Africa", "WAF": "West Africa", "WST": "the West", "WEU": "Western Europe"]

    /// CAMEO's role, organization and religion codes.
    static let roles = [
        "COP": "police", "GOV": "government", "INS": "insurgents", "JUD": "judiciary", "MIL": "military",
        "OPP": "opposition", "REB": "rebels", "SEP": "separatists", "SPY": "intelligence", "UAF": "armed group",
        "AGR": "agriculture", "BUS": "business", "CRM": "criminals", "CVL": "civilians", "DEV": "development",
        "EDU": "education", "ELI": "elites", "ENV": "environment", "HLH": "health", "HRI": "human rights",
        "LAB": "labour", "LEG": "legislature", "MED": "media", "REF": "refugees", "MOD": "moderates", "RAD": "radicals",
        "PTY": "political party", "REL": "religious", "IGO": "intergovernmental organization", "NGO": "NGO",
        "NGM": "non-governmental movement", "MNC": "company", "UNO": "United Nations", "PKO": "peacekeepers",
        "UIS": "unidentified state actor", "CHR": "Christian", "MOS": "Muslim", "JEW": "Jewish", "HIN": "Hindu",
        "BUD": "Buddhist", "CTH": "Catholic", "PRO": "Protestant", "SHI": "Shia", "SUN": "Sunni", "TAL": "Taliban",
        "AMN": "Amnesty International", "IRC": "Red Cross", "XFM": "Oxfam", "EEC": "European Union", "ARL": "Arab League",
        "NAT": "NATO", "ANG": "Anglican", "ORT": "Orthodox", "DOX": "Orthodox",
    ]
}
