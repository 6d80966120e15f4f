package continuum.fhir;

import java.time.Instant;

import ca.uhn.fhir.rest.param.DateRangeParam;
import org.jspecify.annotations.Nullable;

/**
 * The instants a date search parameter on a point in time ({@code date},
 * {@code authored}, {@code _lastUpdated}) covers: from {@code from} (inclusive) until
 * {@code until} (exclusive), either end open. HAPI has already applied the prefixes
 * ({@code eq}, {@code ge}, {@code gt}, {@code le}, {@code lt}) and the precision
 * ({@code 2026-12} covers the month), so every module reads such a parameter the same
 * way.
 */
public record InstantRange(@Nullable Instant from, @Nullable Instant until) {

	public static final InstantRange ALL = new InstantRange(null, null);

	/** The range a parameter names; {@link #ALL} without the parameter. */
	public static InstantRange of(@Nullable DateRangeParam param) {
		if (param == null) {
			return ALL;
		}
		Instant from = param.getLowerBoundAsInstant() == null ? null : param.getLowerBoundAsInstant().toInstant();
		Instant until = param.getUpperBoundAsInstant() == null ? null
				: param.getUpperBoundAsInstant().toInstant().plusMillis(1);
		return new InstantRange(from, until);
	}

}
