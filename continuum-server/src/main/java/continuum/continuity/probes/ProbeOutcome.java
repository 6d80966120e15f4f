package continuum.continuity.probes;

import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What one probe found: the component works, works but degraded, or failed; with the
 * reason's stable code unless it works.
 */
public record ProbeOutcome(Result result, @Nullable ProbeCode code) {

	public ProbeOutcome {
		Objects.requireNonNull(result, "result");
		if ((result == Result.OK) != (code == null)) {
			throw new IllegalArgumentException("a code exactly when the probe did not succeed");
		}
	}

	public static ProbeOutcome ok() {
		return new ProbeOutcome(Result.OK, null);
	}

	public static ProbeOutcome degraded(ProbeCode code) {
		return new ProbeOutcome(Result.DEGRADED, code);
	}

	public static ProbeOutcome failed(ProbeCode code) {
		return new ProbeOutcome(Result.FAILED, code);
	}

	public boolean good() {
		return result == Result.OK;
	}

	/** The three results a probe can have. */
	public enum Result {

		OK, DEGRADED, FAILED;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

		public static Result of(String code) {
			return valueOf(code.toUpperCase(Locale.ROOT));
		}

	}

}
