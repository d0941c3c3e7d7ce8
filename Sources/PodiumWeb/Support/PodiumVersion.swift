/// Podium's version, shown in the footer and the API document.
public enum PodiumVersion {
    public static let current = "0.1.0"
}
