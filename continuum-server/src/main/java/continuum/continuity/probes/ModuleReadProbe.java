package continuum.continuity.probes;

import java.time.Duration;
import java.util.Set;

import continuum.adt.LocationKind;
import continuum.adt.LocationQuery;
import continuum.adt.LocationService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.scheduling.ScheduleService;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * A clinical module (kind {@code module}, target the module: {@code patients},
 * {@code adt}, {@code scheduling}): a cheap synthetic read through the module's public
 * service that touches its tables but no patient data, so it is neither audited nor
 * logged: whether patient 1 exists (ids only), how many wards there are, how many
 * schedules are open. It runs as the server itself, outside any request.
 */
@Component
class ModuleReadProbe implements ComponentProbe {

	private final PatientService patients;

	private final LocationService locations;

	private final ScheduleService schedules;

	ModuleReadProbe(PatientService patients, LocationService locations, ScheduleService schedules) {
		this.patients = patients;
		this.locations = locations;
		this.schedules = schedules;
	}

	@Override
	public String kind() {
		return "module";
	}

	@Override
	public ProbeOutcome probe(String target, Duration timeout) {
		try {
			switch (target) {
				case "patients" -> patients.exists(new PatientId(1));
				case "adt" -> locations.count(new LocationQuery(null, LocationKind.WARD, null, Set.of()));
				case "scheduling" -> schedules.count(null, null, true);
				default -> {
					return ProbeOutcome.failed(ProbeCode.NO_PROBE);
				}
			}
			return ProbeOutcome.ok();
		}
		catch (DataAccessException ex) {
			return ProbeOutcome.failed(ProbeCode.DATABASE);
		}
		catch (RuntimeException ex) {
			return ProbeOutcome.failed(ProbeCode.SERVICE);
		}
	}

}
