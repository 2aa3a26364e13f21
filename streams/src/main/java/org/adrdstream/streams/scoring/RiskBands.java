package org.adrdstream.streams.scoring;

import java.util.Locale;

import org.adrdstream.contract.RiskBand;

/**
 * Probability thresholds of the risk bands: below {@code moderate} is LOW, then MODERATE, HIGH, and VERY_HIGH
 * from {@code veryHigh} up. Defaults are multiples of the 5-year incidence of people over 65 (about 5 %):
 * average or below, up to twice, up to four times, and more.
 */
public record RiskBands(double moderate, double high, double veryHigh) {

    public static final RiskBands DEFAULT = new RiskBands(0.05, 0.10, 0.20);

    public RiskBands {
        if (!(0 < moderate && moderate < high && high < veryHigh && veryHigh < 1)) {
            throw new IllegalArgumentException("band thresholds must rise strictly inside (0, 1): " + moderate + ", "
                    + high + ", " + veryHigh);
        }
    }

    /** Parses {@code "0.05,0.10,0.20"}. */
    public static RiskBands parse(String thresholds) {
        String[] parts = thresholds.split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("risk bands need three thresholds (moderate,high,very-high), got '"
                    + thresholds + "'");
        }
        return new RiskBands(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()),
                Double.parseDouble(parts[2].trim()));
    }

    public RiskBand of(double probability) {
        if (probability >= veryHigh) {
            return RiskBand.VERY_HIGH;
        }
        if (probability >= high) {
            return RiskBand.HIGH;
        }
        return probability >= moderate ? RiskBand.MODERATE : RiskBand.LOW;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s,%s,%s", moderate, high, veryHigh);
    }
}
