import Foundation
import PodiumCore
import Vapor

/// Provider resilience early warning: the ICB's providers-at-risk list, raising a risk from a warning, and each user's
/// digest of what is new or worse.
struct EarlyWarningController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.providersAtRiskTemplate.components, use: page).expensive()
        routes.post(PodiumRoute.raiseProviderRiskTemplate.components, use: raise)
        routes.get(PodiumRoute.digestTemplate.components, use: digest).access(.signedIn).expensive()
        routes.post(PodiumRoute.digestReadTemplate.components, use: markRead).access(.signedIn)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let model = try await ProvidersAtRisk.Model.kept(
            req.queryContext, icb: try req.icbCode(), month: req.query[String.self, at: "as_of"],
            year: req.query[String.self, at: "year"])
        return try Responses.page(ProvidersAtRisk.View(model, context: req.page), try ListParameters.from(req))
    }

    /// Raises a risk in the ICB's risk log from a provider's warning and opens it (a risk already raised for the
    /// provider is opened, not duplicated).
    @Sendable func raise(req: Request) async throws -> Response {
        let code = try req.icbCode()
        let provider = ((try? req.content.get(String.self, at: "provider")) ?? "").trimmingCharacters(in: .whitespaces)
        let reference = try await RaiseRisk.perform(
            req.queryContext, icb: code, provider: provider, owner: req.viewer?.user.name ?? "", by: req.recorder,
            at: req.clock.isoMilliseconds)
        req.logger.notice("risk raised from early warning", metadata: ["icb": "\(code)", "provider": "\(provider)"])
        return req.redirect(
            to: ListLinks.href(PodiumRoute.recordForm(code, .risks).path, QueryItems.of([("key", reference)])),
            redirectType: .normal)
    }

    @Sendable func digest(req: Request) async throws -> Response {
        guard let user = req.viewer?.user else { throw WebError.unauthorized(message: "Sign in first.") }
        let model = try await Digest.Model.query(req.queryContext, user: user, scope: req.scope)
        return try Responses.page(Digest.View(model, context: req.page), try ListParameters.from(req))
    }

    @Sendable func markRead(req: Request) async throws -> Response {
        guard let user = req.viewer?.user else { throw WebError.unauthorized(message: "Sign in first.") }
        let context = req.queryContext
        try await Digest.Model.query(context, user: user, scope: req.scope).markRead(
            by: user, at: req.clock.iso, on: context)
        return req.redirect(to: PodiumRoute.digest.path, redirectType: .normal)
    }
}
