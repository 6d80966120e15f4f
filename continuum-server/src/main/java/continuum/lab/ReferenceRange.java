package continuum.lab;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A test's reference interval and critical limits for one sex and age band; any limit may
 * be absent (CRP has only an upper one). The text form is what OBX-7 carries.
 */
public record ReferenceRange(@Nullable BigDecimal low, @Nullable BigDecimal high, @Nullable BigDecimal criticalLow,
		@Nullable BigDecimal criticalHigh, @Nullable String normalText) {

	public static final ReferenceRange NONE = new ReferenceRange(null, null, null, null, null);

	/** OBX-7: {@code 3.5-5.1}, {@code <5.0}, {@code >0.8}, or the normal text. */
	public @Nullable String text() {
		if (low != null && high != null) {
			return low.toPlainString() + "-" + high.toPlainString();
		}
		if (high != null) {
			return "<" + high.toPlainString();
		}
		if (low != null) {
			return ">" + low.toPlainString();
		}
		return normalText;
	}

}
