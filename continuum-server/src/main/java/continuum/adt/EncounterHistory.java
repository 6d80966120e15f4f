package continuum.adt;

import java.util.List;

/** One page of encounter versions, newest first, and how many match in all. */
public record EncounterHistory(List<Encounter> versions, int total) {

	public EncounterHistory {
		versions = List.copyOf(versions);
	}

}
