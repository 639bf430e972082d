import GRDB
import GRDBSQLite

/// One row of a prepared INSERT, its values bound straight from Swift
/// strings and integers. GRDB's `execute(arguments:)` boxes every value in
/// a `DatabaseValue` and binds through a nested closure per argument: half
/// of an import's time in its 340,000 row inserts went there.
/// Make one per row: `bind` every column in order, then `run`.
struct SQLiteRowInsert {
    private let statement: Statement
    private let connection: SQLiteConnection?
    private var column: Int32 = 0

    /// SQLite copies the bytes (`SQLITE_TRANSIENT`, a C macro Swift cannot import).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    private static let empty: StaticString = ""

    init(_ statement: Statement, in db: Database) {
        self.statement = statement
        self.connection = db.sqliteConnection
    }

    mutating func bind(_ text: String?) throws {
        column += 1
        guard var text else { return try check(sqlite3_bind_null(statement.sqliteStatement, column)) }
        // A Swift string's UTF-8 is contiguous unless it is bridged; the
        // empty string gets a pointer of its own (a null pointer binds NULL).
        let code = text.withUTF8 { bytes in
            let start = UnsafeRawPointer(bytes.baseAddress ?? Self.empty.utf8Start)
            return sqlite3_bind_text(statement.sqliteStatement, column, start.assumingMemoryBound(to: CChar.self),
                                     Int32(bytes.count), Self.transient)
        }
        try check(code)
    }

    mutating func bind(_ value: Int) throws {
        column += 1
        try check(sqlite3_bind_int64(statement.sqliteStatement, column, Int64(value)))
    }

    /// Inserts the row and leaves the statement ready for the next one.
    func run() throws {
        let code = sqlite3_step(statement.sqliteStatement)
        // The error (a constraint, an interrupt) is reported by the step and
        // again by the reset; the message is the connection's.
        let message = code == SQLITE_DONE ? nil : String(cString: sqlite3_errmsg(connection))
        sqlite3_reset(statement.sqliteStatement)
        if let message {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    private func check(_ code: Int32) throws {
        guard code != SQLITE_OK else { return }
        let message = String(cString: sqlite3_errmsg(connection))
        sqlite3_reset(statement.sqliteStatement)
        sqlite3_clear_bindings(statement.sqliteStatement)
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
