/// nomen's data tables, compiled into the binary so it runs from anywhere.
///
/// The files under `Data/` are the source; `tools/embed_data.py` turns each
/// into a `static let` in `Generated/` (never edited by hand, checked in CI).
/// The modules that use a table parse it on first use.
public enum EmbeddedData {}
