package continuum.adt;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;

/**
 * Builds the few rows a test needs: a ward of its own with empty beds, and fresh patients
 * (autocommitted).
 */
public class AdtFixtures {

	private static final AtomicInteger WARDS = new AtomicInteger();

	private final LocationRepository locations;

	private final PatientService patients;

	public AdtFixtures(LocationRepository locations, PatientService patients) {
		this.locations = locations;
		this.patients = patients;
	}

	/** A new surgical ward {@code T<n>} with one room of the given number of beds. */
	public TestWard ward(int beds) {
		String code = "T" + WARDS.incrementAndGet() + "X" + (System.nanoTime() % 100000);
		long ward = locations.insertWard(code, "Testafdeling " + code, Specialty.SURGERY);
		long room = locations.insertRoom(ward, "901");
		List<BedId> ids = new ArrayList<>();
		for (int i = 0; i < beds; i++) {
			ids.add(locations.insertBed(room, "901" + (char) ('A' + i)));
		}
		return new TestWard(code, ward, room, ids);
	}

	public PatientId patient() {
		return patients
			.register(new PatientData(List.of(), "Vandenbroucke", List.of("Anaïs"), null, LocalDate.of(1948, 3, 14),
					Gender.FEMALE, Address.NONE, null, null, "nl", false))
			.id();
	}

	/** A test ward: its code, ids, and its beds in order. */
	public record TestWard(String code, long id, long roomId, List<BedId> beds) {
	}

}
