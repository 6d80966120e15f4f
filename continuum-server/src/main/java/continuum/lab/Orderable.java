package continuum.lab;

import java.util.List;

/**
 * What a clinician can order: a panel (complete blood count) or a single test, coded with
 * LOINC, with its tests in report order.
 */
public record Orderable(String code, String name, String shortName, List<LabTest> tests) {

	/** The containers a specimen collection for this orderable needs, one per kind. */
	public List<String> containers() {
		return tests.stream().map(LabTest::container).distinct().toList();
	}

}
