package continuum.lab;

import org.jspecify.annotations.Nullable;

/**
 * One test of the catalogue: its LOINC code and names, the specimen (HL7 table 0487) and
 * container it needs, the kind of value (OBX-2 NM or ST) with its UCUM unit, and the
 * bench (with its analyzer, or none for a manual bench) that performs it.
 */
public record LabTest(String code, String name, String shortName, String specimenType, String container,
		String valueType, @Nullable String unit, @Nullable Integer decimals, String bench, @Nullable String analyzer,
		@Nullable String method) {

	public static final String LOINC = "http://loinc.org";

	public boolean numeric() {
		return "NM".equals(valueType);
	}

	/** Whether results come from a person at the bench rather than an analyzer. */
	public boolean manual() {
		return analyzer == null;
	}

}
