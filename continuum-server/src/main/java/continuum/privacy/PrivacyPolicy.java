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
import continuum.scheduling.CareAppointments;
import continuum.security.ActingUser;
import continuum.security.CareUnit;
import continuum.security.CareUnitService;
import continuum.security.PatientAccess;
import continuum.security.PatientAccessPolicy;
import org.springframework.stereotype.Component;

/**
 * The rule for restricted records: open to a user with a care relationship with the
 * patient — lying on the user's ward, lying on a ward of the user's department, or an
 * appointment (not cancelled, from {@link PrivacySettings#appointmentLookBack} ago on)
 * with the user or in the user's department — or with a break-the-glass of that user on
 * that patient in force. Wards and appointments come from the ADT and scheduling modules'
 * public APIs, never their tables.
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

	private final PrivacySettings settings;

	private final Clock clock;

	PrivacyPolicy(PrivacyRepository repository, CareUnitService careUnits, CareLocations locations,
			CareAppointments appointments, PrivacySettings settings, Clock clock) {
		this.repository = repository;
		this.careUnits = careUnits;
		this.locations = locations;
		this.appointments = appointments;
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
		CareUnit unit = careUnits.ofUsername(user.username()).orElse(null);
		if (unit == null) {
			return Set.of();
		}
		Set<Long> related = new HashSet<>();
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

}
