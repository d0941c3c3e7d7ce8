import Plot
import PodiumCore

/// A friendly error page that says what went wrong and where to go.
enum ErrorPage {
    static func render(status: Int, title: String, message: String, context: PageContext) -> HTML {
        Layout.page(
            title: title, context: context,
            content: [
                Layout.paragraph(message, class: "lede"),
                Layout.paragraph("Error \(status)."),
                .p(Layout.link("Go to the list of ICBs", PodiumRoute.home.path)),
            ])
    }
}
