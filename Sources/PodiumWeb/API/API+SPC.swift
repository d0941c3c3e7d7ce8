import Foundation
import PodiumCore
import Vapor

extension API {
    struct SPCLimitsDTO: Content {
        var segment: Int
        var firstPeriod: String
        var mean: Double
        var movingRangeMean: Double
        var upperProcessLimit: Double
        var lowerProcessLimit: Double
        var upperTwoSigma: Double
        var lowerTwoSigma: Double
        var trial: Bool
    }

    struct SPCPointDTO: Content {
        var period: String
        var value: Double
        var segment: Int
        var rules: [String]
        var pointType: String
    }

    /// A measure's XmR chart: limits per segment, every point with the rules it broke, and both icons.
    struct SPCMeasureDTO: Content {
        var id: String
        var name: String
        var unit: String
        var direction: String
        var target: Double?
        var variationIcon: String
        var assuranceIcon: String?
        var limits: [SPCLimitsDTO]
        var points: [SPCPointDTO]

        init(_ measure: SPCMeasure) {
            let chart = measure.chart
            id = measure.id
            name = measure.name
            unit = measure.unit
            direction = chart.direction.rawValue
            target = chart.target
            variationIcon = chart.variationIcon.code
            assuranceIcon = chart.assuranceIcon?.code
            limits = chart.segments.enumerated().compactMap { index, segment in
                segment.limits.map {
                    SPCLimitsDTO(
                        segment: index, firstPeriod: chart.points[segment.first].period, mean: $0.mean,
                        movingRangeMean: $0.movingRangeMean,
                        upperProcessLimit: $0.upper, lowerProcessLimit: $0.lower, upperTwoSigma: $0.upperTwoSigma,
                        lowerTwoSigma: $0.lowerTwoSigma,
                        trial: $0.isTrial)
                }
            }
            points = chart.points.map {
                SPCPointDTO(
                    period: $0.period, value: $0.value, segment: $0.segment, rules: $0.rules.map(\.rawValue),
                    pointType: $0.type.rawValue)
            }
        }
    }

    struct PharmacyFirstDTO: Content {
        var areas: [SPCMeasureDTO]
        var conditions: [SPCMeasureDTO]
        var sources: [SourceDTO]
    }
}
