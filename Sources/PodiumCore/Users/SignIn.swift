/// Rules for signing in: what a password must be, and when repeated failures make a caller wait.

/// What a password must be. NCSC password guidance favours length over composition rules, so the only rule is a
/// minimum length; the maximum is bcrypt's, which reads only the first 72 bytes (a longer password would be
/// silently truncated, so it is refused instead).
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumBytes = 72

    /// Everything wrong with `password` for the account `email`, in words; empty when it may be used.
    public static func problems(_ password: String, email: String) -> [String] {
        var problems: [String] = []
        if password.count < minimumLength {
            problems.append("The password must be at least \(minimumLength) characters.")
        }
        if password.utf8.count > maximumBytes {
            problems.append("The password must be at most \(maximumBytes) bytes (bcrypt reads no more).")
        }
        if !email.isEmpty, password.lowercased() == email.lowercased() {
            problems.append("The password must not be the email address.")
        }
        if let guessable = guessable(password) { problems.append(guessable) }
        return problems
    }

    /// Why `password` would be among the first guesses (NCSC password guidance: refuse the most common passwords and
    /// trivial patterns, rather than demand symbols), or `nil`.
    static func guessable(_ password: String) -> String? {
        let lower = password.lowercased()
        let base = String(
            lower.reversed().drop { $0.isNumber || $0.isPunctuation || $0.isSymbol || $0 == " " }.reversed())
        if lower.allSatisfy(\.isWhitespace) { return "The password must not be only spaces." }
        if Set(lower).count < 5 {
            return
                "The password uses fewer than 5 different characters (like aaaaaaaaaaaa): it would be guessed at once."
        }
        if lower.allSatisfy(\.isNumber) { return "The password must not be only digits: choose a few words instead." }
        if commonPasswords.contains(lower) || (base.count >= 4 && commonPasswords.contains(base)) {
            return
                "The password is one of the most common (or one with digits added): choose a few unrelated words instead."
        }
        if hasRun(lower, length: 8) {
            return
                "The password is a run of consecutive characters (like abcdefgh or 98765432): it would be guessed at once."
        }
        return nil
    }

    /// 30,000 passwords from a breach corpus (``commonPasswordText``), read once.
    static let commonPasswords: Set<String> = Set(commonPasswordText.split(separator: "\n").map(String.init))

    /// Whether `text` holds `length` characters in a row, each one after (or before) the last: `abcdefgh`, `87654321`.
    static func hasRun(_ text: String, length: Int) -> Bool {
        let values = text.unicodeScalars.map(\.value)
        guard values.count >= length else { return false }
        var up = 1
        var down = 1
        for index in values.indices.dropFirst() {
            up = values[index] == values[index - 1] &+ 1 ? up + 1 : 1
            down = values[index] &+ 1 == values[index - 1] ? down + 1 : 1
            if up >= length || down >= length { return true }
        }
        return false
    }
}

/// Login rate limiting: too many failed sign-ins for one account, or from one address, within a window means the
/// caller waits until the oldest failure in the window has aged out. Counting failures per account stops password
/// guessing against one user from many addresses; per address, spraying many accounts from one place.
/// The failures are kept in the database, so every instance behind a load balancer counts the same ones.
public struct SignInThrottle: Sendable, Hashable {
    /// Seconds a failure counts for.
    public var window: Int64
    /// Failures for one account within the window before it must wait.
    public var perAccount: Int
    /// Failures from one address within the window before it must wait.
    public var perAddress: Int

    public init(window: Int64 = 15 * 60, perAccount: Int = 5, perAddress: Int = 20) {
        self.window = window
        self.perAccount = perAccount
        self.perAddress = perAddress
    }

    public static let standard = SignInThrottle()

    public enum Decision: Sendable, Hashable {
        case allowed
        /// Try again after this many seconds.
        case wait(seconds: Int64)
    }

    /// Whether a sign-in may be tried at `now`, given the times (seconds since 1970) of earlier failures.
    public func decision(accountFailures: [Int64], addressFailures: [Int64], now: Int64) -> Decision {
        let waits = [(accountFailures, perAccount), (addressFailures, perAddress)].compactMap {
            failures, limit -> Int64? in
            let recent = failures.filter { $0 > now - window && $0 <= now }.sorted()
            guard recent.count >= limit else { return nil }
            // The caller may try again once enough failures have aged out to bring the count below the limit.
            return recent[recent.count - limit] + window - now
        }
        return waits.max().map { .wait(seconds: max(1, $0)) } ?? .allowed
    }
}
