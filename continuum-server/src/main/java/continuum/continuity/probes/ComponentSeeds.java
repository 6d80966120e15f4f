package continuum.continuity.probes;

import java.util.ArrayList;
import java.util.List;

import continuum.backup.BackupService;

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
 * endpoint (any answer below 500 is up). The backups are watched when they are on (the
 * embedded database, {@code continuum.backup.enabled}).
 */
@Component
class ComponentSeeds {

	private final ComponentCatalogue catalogue;

	private final NotificationService notifications;

	private final ProbeSettings settings;

	private final BackupService backups;

	ComponentSeeds(ComponentCatalogue catalogue, NotificationService notifications, ProbeSettings settings,
			BackupService backups) {
		this.catalogue = catalogue;
		this.notifications = notifications;
		this.settings = settings;
		this.backups = backups;
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
		List<ComponentDefinition> definitions = new ArrayList<>(List.of(
				ComponentDefinition.of("database", "Database (primary)", "database", "primary", 10),
				ComponentDefinition.of("patient-management", "Patient management", "module", "patients", 20),
				ComponentDefinition.of("adt", "Admission, discharge, transfer", "module", "adt", 30),
				ComponentDefinition.of("scheduling", "Scheduling", "module", "scheduling", 40),
				ComponentDefinition.of("smtp-gateway", "E-mail gateway (SMTP)", "smtp", smtp, 50), ComponentDefinition
					.of("sms-gateway", "SMS gateway", health ? "http-health" : "http-reachable", sms, 60)));
		if (backups.enabled()) {
			definitions
				.add(ComponentDefinition.of("backup", "Backups (verified by restoring)", "backup", "embedded", 70));
		}
		return definitions;
	}

}
