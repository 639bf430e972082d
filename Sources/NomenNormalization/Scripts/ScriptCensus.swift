internal import CICU

/// Counts the letters of a text by script (ISO 15924 codes from ICU's
/// Script property; characters of the Common and Inherited scripts, such as
/// digits, punctuation and combining marks, are not counted).
public enum ScriptCensus {
    public static func count(_ text: String) -> [String: Int] {
        var counts: [Int32: Int] = [:]
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            var status: Int32 = 0
            let script = nomen_icu_script(scalar.value, &status)
            if status.isICUFailure { continue }
            counts[script, default: 0] += 1
        }
        var named: [String: Int] = [:]
        for (script, count) in counts {
            let name = String(cString: nomen_icu_script_short_name(script))
            if name == "Zyyy" || name == "Zinh" { continue }
            named[name, default: 0] += count
        }
        return named
    }

    /// The ISO 15924 code of one scalar's script ("Latn", "Hani"; "Zyyy" for Common).
    public static func script(of scalar: Unicode.Scalar) -> String {
        var status: Int32 = 0
        let script = nomen_icu_script(scalar.value, &status)
        if status.isICUFailure { return "Zzzz" }
        return String(cString: nomen_icu_script_short_name(script))
    }
}
