/// Where the glossary database is: `--glossary PATH`, else the environment
/// variable `NOMEN_GLOSSARY`, else `$XDG_DATA_HOME/nomen/glossary.sqlite`
/// (`~/.local/share/nomen/glossary.sqlite` when XDG_DATA_HOME is unset).
public enum GlossaryLocation {
    public static func resolve(option: String?, environment: [String: String]) -> String {
        if let option, !option.isEmpty { return option }
        if let path = environment["NOMEN_GLOSSARY"], !path.isEmpty { return path }
        return defaultPath(environment: environment)
    }

    /// The default location, used when neither the option nor NOMEN_GLOSSARY is given.
    public static func defaultPath(environment: [String: String]) -> String {
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return dataHome + "/nomen/glossary.sqlite"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return home + "/.local/share/nomen/glossary.sqlite"
    }

    /// Whether `resolve` falls back to the default location.
    public static func isDefault(option: String?, environment: [String: String]) -> Bool {
        (option ?? "").isEmpty && (environment["NOMEN_GLOSSARY"] ?? "").isEmpty
    }
}
