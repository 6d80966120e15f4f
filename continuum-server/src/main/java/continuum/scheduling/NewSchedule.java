package continuum.scheduling;

import java.time.ZoneId;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * What it takes to open a schedule; without a zone it follows
 * {@code continuum.scheduling.zone} (Europe/Brussels by default).
 */
public record NewSchedule(String name, ActorKind actorKind, String actorReference, String department,
		@Nullable ZoneId zone) {

	public NewSchedule {
		if (name == null || name.isBlank() || name.length() > 100) {
			throw new InvalidInputException("A schedule needs a name of 1 to 100 characters");
		}
		if (department == null || department.isBlank() || department.length() > 64) {
			throw new InvalidInputException("A schedule needs a department of 1 to 64 characters");
		}
		if (actorKind == null) {
			throw new InvalidInputException("A schedule needs the kind of resource it books");
		}
		String prefix = actorKind.fhirType() + "/";
		if (actorReference == null || !actorReference.startsWith(prefix) || actorReference.length() == prefix.length()
				|| actorReference.length() > 100 || actorReference.indexOf('/', prefix.length()) >= 0) {
			throw new InvalidInputException("The actor of a " + actorKind.name().toLowerCase()
					+ " schedule is a reference of the form " + prefix + "<id>");
		}
	}

}
