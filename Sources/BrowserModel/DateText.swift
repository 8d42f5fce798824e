import Atlas

/// EDTF dates as the browser shows them. A date that does not parse is shown as
/// stored: it is data to look at, not an error to stop on.
public enum DateText {
    public static func parse(_ edtf: String) -> EDTFDate? {
        do { return try EDTFDate(parsing: edtf) } catch { return nil }
    }

    /// The list form: `22 Mar 2024`.
    public static func compact(_ edtf: String) -> String { parse(edtf)?.compact ?? edtf }

    /// The detail's form.
    public static func display(_ edtf: String) -> String { parse(edtf)?.display ?? edtf }
}
