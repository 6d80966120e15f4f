package continuum.patients;

import java.util.List;

/** One page of clinical entries and the total number of matches. */
public record ClinicalPage<T extends ClinicalEntry>(List<T> entries, int total) {
}
