package continuum.continuity.probes;

import java.util.List;

import continuum.notifications.NotificationGateways;
import continuum.notifications.NotificationService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts the components every hospital has into the catalogue at each start, with the
 * targets configured now: the database, patient management, ADT, scheduling, and the
 * notification gateways from {@code continuum.notifications.*} (no host or URL: the
 * component says "not configured" and is not probed). The SMS gateway is probed at
 * {@code continuum.continuity.probes.sms-health-url} if set (a 2xx is up), else at its
 * endpoint (any answer below 500 is up).
 */
@Component
class ComponentSeeds {

	private final ComponentCatalogue catalogue;

	private final NotificationService notifications;

	private final ProbeSettings settings;

	ComponentSeeds(ComponentCatalogue catalogue, NotificationService notifications, ProbeSettings settings) {
		this.catalogue = catalogue;
		this.notifications = notifications;
		this.settings = settings;
	}

	@EventListener(ApplicationReadyEvent.class)
	void seed() {
		definitions().forEach(catalogue::register);
	}

	List<ComponentDefinition> definitions() {
		NotificationGateways gateways = notifications.gateways();
		String smtp = gateways.smtpHost() == null ? null : gateways.smtpHost() + ":" + gateways.smtpPort();
		boolean health = settings.smsHealthUrl() != null;
		String sms = health ? settings.smsHealthUrl().toString()
				: gateways.smsUrl() == null ? null : gateways.smsUrl().toString();
		return List.of(ComponentDefinition.of("database", "Database (primary)", "database", "primary", 10),
				ComponentDefinition.of("patient-management", "Patient management", "module", "patients", 20),
				ComponentDefinition.of("adt", "Admission, discharge, transfer", "module", "adt", 30),
				ComponentDefinition.of("scheduling", "Scheduling", "module", "scheduling", 40),
				ComponentDefinition.of("smtp-gateway", "E-mail gateway (SMTP)", "smtp", smtp, 50), ComponentDefinition
					.of("sms-gateway", "SMS gateway", health ? "http-health" : "http-reachable", sms, 60));
	}

}
