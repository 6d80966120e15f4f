package continuum.privacy;

import java.time.LocalDate;
import java.util.List;

import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.Patient;
import continuum.patients.PatientData;
import continuum.patients.PatientService;
import continuum.platform.DemoDataContributor;
import continuum.security.CareUnitService;
import org.springframework.stereotype.Component;

/**
 * The demo hospital's restricted records and where its demo staff work: four patients of
 * their own, beside the population asked for (so that no other demo list holds a
 * restricted record by chance) — a VIP, a member of staff, a psychiatric and an HIV
 * record, none admitted or booked, so in nobody's care — and the physician in Cardiology,
 * the nurse on ward C3A. Every demo user breaks the glass to open them.
 */
@Component
class PrivacyDemoData implements DemoDataContributor {

	private final PatientService patients;

	private final RestrictionService restrictions;

	private final CareUnitService careUnits;

	PrivacyDemoData(PatientService patients, RestrictionService restrictions, CareUnitService careUnits) {
		this.patients = patients;
		this.restrictions = restrictions;
		this.careUnits = careUnits;
	}

	@Override
	public String name() {
		return "privacy";
	}

	@Override
	public int order() {
		return 80;
	}

	@Override
	public void seed(DemoSize size) {
		careUnits.setInitial("physician", null, "Cardiology");
		careUnits.setInitial("nurse", "C3A", null);
		restricted("Vermeersch", "Jan", LocalDate.of(1961, 3, 4), Gender.MALE, RestrictionKind.VIP);
		restricted("Claessens", "Marie", LocalDate.of(1988, 6, 9), Gender.FEMALE, RestrictionKind.STAFF_MEMBER);
		restricted("Lemmens", "Thomas", LocalDate.of(1995, 1, 7), Gender.MALE, RestrictionKind.PSYCHIATRY);
		restricted("Bogaert", "Nadia", LocalDate.of(1979, 11, 2), Gender.FEMALE, RestrictionKind.HIV);
	}

	private Patient restricted(String family, String given, LocalDate born, Gender gender, RestrictionKind kind) {
		Patient patient = patients.register(new PatientData(List.of(), family, List.of(given), null, born, gender,
				new Address(null, null, "Brussel", "BE"), null, null, "nl", false));
		restrictions.restrict(patient.id(), kind);
		return patient;
	}

}
