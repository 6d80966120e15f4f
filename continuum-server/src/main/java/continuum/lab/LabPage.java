package continuum.lab;

import java.util.List;

/** One page of a laboratory search and how many matches there are in all. */
public record LabPage<T>(List<T> entries, int total) {

	public LabPage {
		entries = List.copyOf(entries);
	}

}
