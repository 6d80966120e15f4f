package continuum.adt;

import java.time.Instant;

/** Where an admitted patient lies now, for the chart banner. */
public record CurrentStay(EncounterId encounter, String wardCode, String wardName, String room, String bed,
		Instant since) {

	public String label() {
		return wardName + " · room " + room + " · bed " + bed;
	}

}
