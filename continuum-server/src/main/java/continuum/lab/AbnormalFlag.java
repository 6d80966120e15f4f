package continuum.lab;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * HL7 v2.5.1 table 0078 (OBX-8), the codes a laboratory result uses: below or above the
 * reference range, below or above the critical limit, abnormal (a text result that is not
 * the normal one), normal.
 */
public enum AbnormalFlag {

	LOW("L", "Low"), HIGH("H", "High"), CRITICAL_LOW("LL", "Critically low"), CRITICAL_HIGH("HH", "Critically high"),
	ABNORMAL("A", "Abnormal"), NORMAL("N", "Normal");

	private final String code;

	private final String label;

	AbnormalFlag(String code, String label) {
		this.code = code;
		this.label = label;
	}

	public String code() {
		return code;
	}

	public String label() {
		return label;
	}

	public boolean critical() {
		return this == CRITICAL_LOW || this == CRITICAL_HIGH;
	}

	public static @Nullable AbnormalFlag ofCode(@Nullable String code) {
		if (code == null || code.isBlank()) {
			return null;
		}
		for (AbnormalFlag flag : values()) {
			if (flag.code.equals(code)) {
				return flag;
			}
		}
		return null;
	}

	/** The flag of a numeric value against a reference range. */
	public static AbnormalFlag of(BigDecimal value, ReferenceRange range) {
		if (range.criticalLow() != null && value.compareTo(range.criticalLow()) < 0) {
			return CRITICAL_LOW;
		}
		if (range.criticalHigh() != null && value.compareTo(range.criticalHigh()) > 0) {
			return CRITICAL_HIGH;
		}
		if (range.low() != null && value.compareTo(range.low()) < 0) {
			return LOW;
		}
		if (range.high() != null && value.compareTo(range.high()) > 0) {
			return HIGH;
		}
		return NORMAL;
	}

	/** The flag of a text value against the range's normal text. */
	public static AbnormalFlag of(String value, ReferenceRange range) {
		if (range.normalText() == null || range.normalText().equalsIgnoreCase(value.strip())) {
			return NORMAL;
		}
		return ABNORMAL;
	}

}
