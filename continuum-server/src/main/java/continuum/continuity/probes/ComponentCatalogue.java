package continuum.continuity.probes;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;

import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue of components the hospital depends on: seeded at start (the database,
 * patient management, ADT, scheduling, the notification gateways), and added to by
 * registration (each downtime node; later each HL7 link and DICOM peer). A component is
 * probed by the {@link ComponentProbe} of its kind.
 */
@Service
public class ComponentCatalogue {

	private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private final ComponentRepository components;

	private final ProbeSettings settings;

	private final Clock clock;

	private final AuditService audit;

	ComponentCatalogue(ComponentRepository components, ProbeSettings settings, Clock clock, AuditService audit) {
		this.audit = audit;
		this.components = components;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Adds the component or brings its name, kind, target and position up to date (an
	 * upsert: registering again is harmless). Answers whether anything changed.
	 */
	@Transactional
	public boolean register(ComponentDefinition definition) {
		return components.upsert(definition,
				definition.failureThreshold() != null ? definition.failureThreshold() : settings.failureThreshold(),
				definition.recoveryThreshold() != null ? definition.recoveryThreshold() : settings.recoveryThreshold(),
				definition.probeInterval() != null ? definition.probeInterval() : settings.interval(), clock.instant());
	}

	/**
	 * Registers a downtime node (component {@code node:<id>}, kind {@code downtime-node},
	 * probed at {@code <url>/status}); audited when it is new or its URL changed.
	 */
	@Transactional
	public boolean registerNode(String nodeId, URI url) {
		if (!NODE_ID.matcher(nodeId).matches()) {
			throw new InvalidInputException("A node id is 1 to 64 letters, digits, '.', '_' or '-'");
		}
		boolean web = "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
		if (!web || !url.isAbsolute() || url.getHost() == null || url.getRawUserInfo() != null
				|| url.getRawQuery() != null || url.getRawFragment() != null || url.toString().length() > 400) {
			throw new InvalidInputException(
					"A node's url is http(s)://host[:port][/path], without user, query or fragment, at most 400 characters");
		}
		String code = "node:" + nodeId.toLowerCase(Locale.ROOT);
		boolean changed = register(
				ComponentDefinition.of(code, "Downtime node " + nodeId, "downtime-node", url.toString(), 100));
		if (changed) {
			audit.record(new AuditEntry(AuditAction.UPDATE, "Component", code, null, AuditOutcome.SUCCESS,
					"downtime node registered at " + url));
		}
		return changed;
	}

	/** Every component, in the status page's order. */
	@Transactional(readOnly = true)
	public List<Component> all() {
		return components.all();
	}

	@Transactional(readOnly = true)
	public Optional<Component> find(String code) {
		return components.find(code);
	}

	/** The component, or a 404 naming its code. */
	@Transactional(readOnly = true)
	public Component get(String code) {
		return components.find(code).orElseThrow(() -> new NotFoundException("No component with code " + code));
	}

	/**
	 * Sets the thresholds and interval of a component: after {@code failureThreshold}
	 * consecutive failed probes an incident opens, after {@code recoveryThreshold} good
	 * ones it is resolved.
	 */
	@Transactional
	public void setThresholds(String code, int failureThreshold, int recoveryThreshold, Duration interval) {
		if (failureThreshold < 1 || failureThreshold > 100 || recoveryThreshold < 1 || recoveryThreshold > 100) {
			throw new InvalidInputException("Thresholds are whole numbers of probes from 1 to 100");
		}
		if (interval.compareTo(Duration.ofMillis(100)) < 0 || interval.compareTo(Duration.ofDays(1)) > 0) {
			throw new InvalidInputException("The probe interval is from 100 ms to one day");
		}
		components.lock(code).orElseThrow(() -> new NotFoundException("No component with code " + code));
		components.setThresholds(code, failureThreshold, recoveryThreshold, interval);
	}

}
