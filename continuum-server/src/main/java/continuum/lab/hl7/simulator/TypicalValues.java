package continuum.lab.hl7.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Random;

/**
 * What an analyzer would plausibly measure for the tests of the demo catalogue: a typical
 * value, its spread and decimals, and its UCUM unit. A chosen share of values is pushed
 * out of range (high or low), and a smaller share far out (critical).
 */
final class TypicalValues {

	private record Typical(double mean, double spread, int decimals, String unit) {
	}

	private static final Map<String, Typical> TYPICAL = Map.ofEntries(
			Map.entry("6690-2", new Typical(7.0, 1.5, 1, "10*3/uL")),
			Map.entry("789-8", new Typical(4.7, 0.3, 2, "10*6/uL")),
			Map.entry("718-7", new Typical(14.0, 1.0, 1, "g/dL")), Map.entry("4544-3", new Typical(42, 3, 1, "%")),
			Map.entry("787-2", new Typical(90, 5, 1, "fL")), Map.entry("777-3", new Typical(250, 50, 0, "10*3/uL")),
			Map.entry("2951-2", new Typical(140, 2, 0, "mmol/L")),
			Map.entry("2823-3", new Typical(4.3, 0.3, 1, "mmol/L")),
			Map.entry("2075-0", new Typical(102, 2, 0, "mmol/L")), Map.entry("2028-9", new Typical(25, 2, 0, "mmol/L")),
			Map.entry("3094-0", new Typical(14, 3, 0, "mg/dL")),
			Map.entry("2160-0", new Typical(0.85, 0.1, 2, "mg/dL")),
			Map.entry("2345-7", new Typical(88, 8, 0, "mg/dL")),
			Map.entry("17861-6", new Typical(9.4, 0.3, 1, "mg/dL")), Map.entry("1988-5", new Typical(2, 1, 1, "mg/L")),
			Map.entry("67151-1", new Typical(6, 2, 0, "ng/L")), Map.entry("4548-4", new Typical(5.2, 0.3, 1, "%")),
			Map.entry("6301-6", new Typical(1.0, 0.08, 1, "{INR}")), Map.entry("4537-7", new Typical(8, 3, 0, "mm/h")));

	private TypicalValues() {
	}

	/** The unit the analyzer reports the test in, or null for a test it does not know. */
	static String unit(String testCode) {
		Typical typical = TYPICAL.get(testCode);
		return typical == null ? "" : typical.unit();
	}

	/**
	 * A value for the test: usually around the typical one; with probability
	 * {@code abnormal} two to four spreads away, and with {@code critical} far out.
	 */
	static String value(String testCode, Random random, double abnormal, double critical) {
		Typical typical = TYPICAL.get(testCode);
		if (typical == null) {
			return "Negative";
		}
		double roll = random.nextDouble();
		double value;
		if (roll < critical) {
			value = typical.mean() * (random.nextBoolean() ? 3.5 : 0.3);
		}
		else if (roll < critical + abnormal) {
			double sign = random.nextBoolean() ? 1 : -1;
			value = typical.mean() + sign * typical.spread() * (2 + random.nextDouble() * 2);
		}
		else {
			value = typical.mean() + random.nextGaussian() * typical.spread() * 0.6;
		}
		value = Math.max(value, 0);
		return BigDecimal.valueOf(value).setScale(typical.decimals(), RoundingMode.HALF_UP).toPlainString();
	}

}
