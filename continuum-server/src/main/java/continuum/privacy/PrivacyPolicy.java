package continuum.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import continuum.adt.CareLocations;
import continuum.adt.Ward;
import continuum.imaging.CareImagingWork;
import continuum.lab.CareLabWork;
import continuum.scheduling.CareAppointments;
import continuum.security.ActingUser;
import continuum.security.CareUnit;
import continuum.security.CareUnitService;
import continuum.security.PatientAccess;
import continuum.security.PatientAccessPolicy;
import continuum.security.Role;
import org.springframework.stereotype.Component;

/**
 * The rule for restricted records: open to a user with a care relationship with the
 * patient — lying on the user's ward, lying on a ward of the user's department, or an
 * appointment (not cancelled, from {@link PrivacySettings#appointmentLookBack} ago on)
 * with the user or in the user's department; for the laboratory's staff, an active order
 * item of the patient, and for radiographers and radiologists a procedure to perform or
 * report (departments that serve every ward) — or with a break-the-glass of that user on
 * that patient in force. Wards, appointments and open work come from the ADT, scheduling,
 * lab and imaging modules' public APIs, never their tables.
 */
@Component
class PrivacyPolicy implements PatientAccessPolicy {

	/** The audit rows of this module name a patient without reading the record. */
	static final Set<String> OWN_TYPES = Set.of(RestrictionService.TYPE, BreakGlassService.TYPE,
			AccessReportService.TYPE);

	private final PrivacyRepository repository;

	private final CareUnitService careUnits;

	private final CareLocations locations;

	private final CareAppointments appointments;

	private final CareLabWork labWork;

	private final CareImagingWork imagingWork;

	private final PrivacySettings settings;

	private final Clock clock;

	PrivacyPolicy(PrivacyRepository repository, CareUnitService careUnits, CareLocations locations,
			CareAppointments appointments, CareLabWork labWork, CareImagingWork imagingWork, PrivacySettings settings,
			Clock clock) {
		this.repository = repository;
		this.careUnits = careUnits;
		this.locations = locations;
		this.appointments = appointments;
		this.labWork = labWork;
		this.imagingWork = imagingWork;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public Map<String, PatientAccess> restricted(ActingUser user, Collection<String> patientIds) {
		List<Long> ids = new ArrayList<>();
		for (String id : patientIds) {
			if (id.chars().allMatch(Character::isDigit) && !id.isEmpty() && id.length() < 19) {
				ids.add(Long.parseLong(id));
			}
		}
		if (ids.isEmpty()) {
			return Map.of();
		}
		Set<Long> restricted = repository.restrictions(ids).keySet();
		Map<String, PatientAccess> answer = new HashMap<>();
		decide(user, restricted).forEach((id, access) -> answer.put(Long.toString(id), access));
		return answer;
	}

	@Override
	public Set<Long> hiddenFrom(ActingUser user) {
		Set<Long> hidden = new HashSet<>();
		decide(user, repository.restrictedIds()).forEach((id, access) -> {
			if (!access.allowed()) {
				hidden.add(id);
			}
		});
		return hidden;
	}

	@Override
	public Set<String> ownResourceTypes() {
		return OWN_TYPES;
	}

	private Map<Long, PatientAccess> decide(ActingUser user, Collection<Long> restricted) {
		Map<Long, PatientAccess> decided = new HashMap<>();
		if (restricted.isEmpty()) {
			return decided;
		}
		Instant now = clock.instant();
		Set<Long> related = related(user, restricted, now);
		List<Long> others = restricted.stream().filter(id -> !related.contains(id)).toList();
		Map<Long, Long> glasses = others.isEmpty() ? Map.of()
				: repository.activeBreakGlass(user.username(), others, now);
		for (Long id : restricted) {
			Long glass = glasses.get(id);
			decided.put(id, related.contains(id) ? PatientAccess.RELATIONSHIP
					: glass != null ? PatientAccess.emergency(glass) : PatientAccess.DENIED);
		}
		return decided;
	}

	/** The patients among {@code patients} in the user's care now. */
	private Set<Long> related(ActingUser user, Collection<Long> patients, Instant now) {
		Set<Long> related = new HashSet<>(departmentalWork(user.role(), patients));
		CareUnit unit = careUnits.ofUsername(user.username()).orElse(null);
		if (unit == null) {
			return related;
		}
		Map<Long, Ward> wards = locations.currentWards(patients);
		wards.forEach((patient, ward) -> {
			if (ward.code().equalsIgnoreCase(unit.wardCode())
					|| ward.specialty().label().equalsIgnoreCase(unit.department())) {
				related.add(patient);
			}
		});
		List<Long> rest = patients.stream().filter(id -> !related.contains(id)).toList();
		related.addAll(appointments.withAppointments(rest, unit.practitionerReference(), unit.department(),
				now.minus(settings.appointmentLookBack())));
		return related;
	}

	/**
	 * The patients the user's department is working for, when it is one that serves every
	 * ward: the laboratory's technologists and clinical biologists, radiographers and
	 * radiologists. Without it a restricted patient's specimen or study would stop their
	 * work lists.
	 */
	private Set<Long> departmentalWork(@org.jspecify.annotations.Nullable Role role, Collection<Long> patients) {
		if (role == null) {
			return Set.of();
		}
		if (role.verifiesLabResults()) {
			return labWork.withOpenWork(patients);
		}
		if (role == Role.RADIOGRAPHER || role == Role.RADIOLOGIST) {
			return imagingWork.withOpenWork(patients);
		}
		return Set.of();
	}

}
