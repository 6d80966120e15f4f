package continuum.lab.hl7.simulator;

import java.util.List;

/**
 * A work order as the server answered a query for a specimen (RSP^K11): the patient's MRN
 * and, per test to run, the placer number of the order item it belongs to.
 */
public record WorkOrder(String accession, String mrn, List<Line> lines) {

	/** One test to run: its LOINC code and the item's placer number (OBR-2). */
	public record Line(String placerNumber, String testCode) {
	}

}
