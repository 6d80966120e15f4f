package continuum.patients;

import java.util.List;

/** One page of search results and the total number of matches. */
public record PatientPage(List<Patient> patients, int total, int offset) {
}
