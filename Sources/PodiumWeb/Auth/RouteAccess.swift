import PodiumCore
import Vapor

/// What a route needs before its handler runs. Most routes need nothing declared: the rule is derived
/// from the route itself, so a new route is scoped the moment it is registered:
///
/// - a path naming an ICB (`:icb`), a dental contract (`:contract`) or a pharmacy (`:pharmacy`) concerns the ICB
///   that owns it; a path naming none compares ICBs (England and regional views show only the rows the reader may
///   read, from ``Request/scope``);
/// - GET and HEAD read; any other method edits (a finance record when `:template` names one).
///
/// Routes that differ say so with ``Route/access(_:)``. ``AccessMiddleware`` applies the rule, and Core's
/// ``AccessPolicy`` decides, for every request in one place.
enum RouteAccess: Sendable, Equatable {
    /// No sign-in: the sign-in page, stylesheet, icon, health check and the API's own description.
    case open
    /// Any signed-in user: their own account.
    case signedIn
    /// Read what `subject` names. `openData`: the answer holds only published open data, so the installation may
    /// open it to everyone (``AuthSettings/publicOpenData``).
    case read(Subject, openData: Bool)
    /// Add, change or delete what `subject` names.
    case edit(Subject)
    /// Users and installation settings.
    case administer

    /// Whose data a request is about.
    enum Subject: Sendable, Equatable {
        /// The ICB named by this path parameter.
        case icb(String)
        /// The ICB commissioning the dental contract named by this parameter.
        case contract(String)
        /// The ICB a pharmacy named by this parameter is in.
        case pharmacy(String)
        /// No single ICB: a comparison of ICBs, filtered to those the reader may read.
        case icbs
    }

    /// What a path parameter names, if it is something owned by an ICB.
    static func subject(parameter name: String) -> Subject? {
        switch name {
        case "icb": .icb(name)
        case "contract": .contract(name)
        case "pharmacy": .pharmacy(name)
        default: nil
        }
    }

    /// The rule a route declared, or the one derived from its path and method.
    static func of(_ route: Route) -> RouteAccess {
        if let declared = route.userInfo[key] as? RouteAccess { return declared }
        let parameters = route.path.compactMap { component -> String? in
            if case .parameter(let name) = component { return name }
            return nil
        }
        let subject = parameters.lazy.compactMap(subject(parameter:)).first ?? .icbs
        return route.method == .GET || route.method == .HEAD ? .read(subject, openData: false) : .edit(subject)
    }

    static let key = AnySendableHashable("podium.access")
}

extension Route {
    /// Declares what the route needs when the derived rule (``RouteAccess/of(_:)``) is not it.
    @discardableResult
    func access(_ rule: RouteAccess) -> Route {
        userInfo[RouteAccess.key] = rule
        return self
    }

    /// Marks a read route whose answer holds only published open data.
    @discardableResult
    func openData() -> Route {
        guard case .read(let subject, _) = RouteAccess.of(self) else { return self }
        return access(.read(subject, openData: true))
    }
}
