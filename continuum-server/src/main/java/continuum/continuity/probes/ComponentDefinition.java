package continuum.continuity.probes;

import java.time.Duration;
import java.util.regex.Pattern;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A component as a module or a node registers it. Thresholds and interval null: the
 * defaults ({@code continuum.continuity.probes.*}); a registration again keeps what was
 * set on the component since.
 */
public record ComponentDefinition(String code, String name, String kind, @Nullable String target,
		@Nullable Integer failureThreshold, @Nullable Integer recoveryThreshold, @Nullable Duration probeInterval,
		int position) {

	private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._:-]{0,79}");

	public ComponentDefinition {
		if (!CODE.matcher(code).matches()) {
			throw new InvalidInputException(
					"A component code is 1 to 80 lower-case letters, digits, '.', '_', ':' or '-'");
		}
		if (name.isBlank() || name.length() > 200) {
			throw new InvalidInputException("A component's name is 1 to 200 characters");
		}
		if (target != null && target.length() > 500) {
			throw new InvalidInputException("A component's target is at most 500 characters");
		}
	}

	public static ComponentDefinition of(String code, String name, String kind, @Nullable String target, int position) {
		return new ComponentDefinition(code, name, kind, target, null, null, null, position);
	}

}
