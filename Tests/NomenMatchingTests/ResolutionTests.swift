import NomenModel
import Testing
@testable import NomenMatching

/// The resolver (`DocumentContext.resolve`) on its own: what a candidate
/// mention links to, from its candidates and what the document said before.
@Suite struct ResolutionTests {
    /// Entities are numbered in id order: 0 a.place.ha-giang, 1 b.person.xi-jinping, 2 c.place.ha-tay.
    static let matcher: Matcher = {
        do {
            return try Matcher(SearchTest.entities([
                "a.place.ha-giang: Ha Giang | Ha",
                "person< b.person.xi-jinping: Xi Jinping",
                "c.place.ha-tay: Ha Tay | Ha",
            ]))
        } catch { preconditionFailure("\(error)") }
    }()
    static let haGiang: UInt32 = 0, xi: UInt32 = 1, haTay: UInt32 = 2

    func resolve(_ candidates: [Candidate], in context: inout DocumentContext) -> Resolution {
        context.resolve(candidates, compiled: Self.matcher.compiled, shortForms: Self.matcher.shortForms)
    }

    @Test func oneCandidateIsChosenAndRemembered() {
        var context = DocumentContext(language: .en)
        let only = Candidate(entity: Self.haGiang, tier: .folded, isShort: false)
        #expect(resolve([only], in: &context) == .entity(only))
        #expect(context.mentioned.contains(Self.haGiang) && !context.mentioned.contains(Self.haTay))
        // A place makes no short forms available.
        #expect(context.namedInFull.isEmpty && context.activeShortForms.isEmpty)
    }

    @Test func severalCandidatesAreAmbiguousUntilOneWasMentioned() {
        var context = DocumentContext(language: .en)
        let giang = Candidate(entity: Self.haGiang, tier: .caseless, isShort: false)
        let tay = Candidate(entity: Self.haTay, tier: .exact, isShort: false)
        // Ambiguous: the strictest tier of all, nothing remembered.
        #expect(resolve([giang, tay], in: &context) == .ambiguous(tier: .exact, allShort: false))
        #expect(context.mentioned.isEmpty)
        // Once Hà Tây was named alone, "Ha" is Hà Tây, at its own tier.
        _ = resolve([Candidate(entity: Self.haTay, tier: .exact, isShort: false)], in: &context)
        #expect(resolve([giang, tay], in: &context) == .entity(tay))
        // Both named before: ambiguous again, never an arbitrary pick.
        _ = resolve([giang], in: &context)
        #expect(resolve([giang, tay], in: &context) == .ambiguous(tier: .exact, allShort: false))
    }

    @Test func aPersonNamedInFullMakesItsShortFormsAvailable() {
        var context = DocumentContext(language: .en)
        // A short form alone does not.
        let short = Candidate(entity: Self.xi, tier: .exact, isShort: true)
        #expect(resolve([short], in: &context) == .entity(short))
        #expect(context.namedInFull.isEmpty && context.activeShortForms.isEmpty)
        let full = Candidate(entity: Self.xi, tier: .exact, isShort: false)
        #expect(resolve([full], in: &context) == .entity(full))
        #expect(context.namedInFull.contains(Self.xi))
        let active = context.activeShortForms.values.flatMap { $0 }
        #expect(!active.isEmpty)
        #expect(active.allSatisfy { Self.matcher.compiled.entries[Int($0)].entity == Self.xi })
        // Named again: its short forms are not listed twice.
        _ = resolve([full], in: &context)
        #expect(context.activeShortForms.values.flatMap { $0 }.count == active.count)
    }

    @Test func ambiguousShortForms() {
        var context = DocumentContext(language: .en)
        let a = Candidate(entity: Self.haGiang, tier: .folded, isShort: true)
        let b = Candidate(entity: Self.haTay, tier: .compact, isShort: true)
        #expect(resolve([a, b], in: &context) == .ambiguous(tier: .folded, allShort: true))
    }
}
